import { fail, ProblemError } from '../../http/problem';
import type { FileSet } from './file-set';
import { refsIn } from './reach-files';
import { isRefusal, refTarget } from './ref-target';

/**
 * The entry document when the upload does not name one: the one file with `openapi` or `swagger`
 * at its top that no other file references. A file that does not parse is simply not a candidate
 * here (a stray broken file in a folder must not block detection); none or several → ask.
 */
export function detectEntry(files: FileSet): string {
  const candidates: string[] = [];
  const referenced = new Set<string>();
  for (const path of files.paths().sort()) {
    if (!files.isDocument(path)) continue;
    const doc = parsedOrUndefined(files, path);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
    if ('openapi' in doc || 'swagger' in doc) candidates.push(path);
    for (const { ref } of refsIn(doc)) {
      const target = refTarget(ref, path);
      if (!isRefusal(target) && target.file !== path) referenced.add(target.file);
    }
  }
  const roots = candidates.filter((c) => !referenced.has(c));
  if (roots.length === 1) return roots[0];
  const listed = roots.length > 1 ? roots : candidates;
  return fail(
    'entry-required',
    listed.length === 0
      ? 'No uploaded file has `openapi` or `swagger` at its top; name the entry document with `entry`.'
      : `${listed.length} uploaded files could be the entry document (${listed.slice(0, 10).join(', ')}); name one with \`entry\`.`,
    { extensions: { candidates: listed.slice(0, 100) } },
  );
}

function parsedOrUndefined(files: FileSet, path: string): unknown {
  try {
    return files.value(path);
  } catch (error) {
    if (error instanceof ProblemError) return undefined;
    throw error;
  }
}
