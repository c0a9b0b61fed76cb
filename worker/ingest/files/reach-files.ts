import { fail, type ProblemDetailEntry, type ProblemType } from '../../http/problem';
import { escapeToken } from '../json-pointer';
import type { FileSet } from './file-set';
import { isMappingRef, isRefusal, refTarget, type FileRef } from './ref-target';

const MAX_LISTED = 50;

/**
 * Every `$ref` string in a document, and each discriminator mapping value that names a file
 * (`mapping: true`: a hint beside the schema's own `oneOf`, not a reference the schema needs).
 */
export function refsIn(doc: unknown): { ref: string; pointer: string; mapping?: true }[] {
  const out: { ref: string; pointer: string; mapping?: true }[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: doc, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    for (const [k, v] of entries) {
      const here = `${path}/${escapeToken(k)}`;
      if (k === '$ref' && typeof v === 'string') out.push({ ref: v, pointer: here });
      else if (k === 'mapping' && path.endsWith('/discriminator') && v !== null && typeof v === 'object') {
        for (const [name, target] of Object.entries(v))
          if (typeof target === 'string' && isMappingRef(target))
            out.push({ ref: target, pointer: `${here}/${escapeToken(name)}`, mapping: true });
      } else stack.push({ value: v, path: here });
    }
  }
  return out.reverse();
}

/**
 * The files the entry reaches through its refs, transitively, in the order first met. Before any
 * bundling, every ref of every reached file is vetted: a URL, an absolute path, a climb out of the
 * root or a file missing from the upload refuses the whole upload, listing each place (up to 50).
 * A discriminator mapping value is only followed to a file the upload has.
 */
export function reachFiles(files: FileSet, entry: string): string[] {
  const reached = [entry];
  const seen = new Set(reached);
  const refused: { type: ProblemType; entry: ProblemDetailEntry }[] = [];
  for (let i = 0; i < reached.length; i++) {
    const file = reached[i];
    if (!files.isDocument(file)) continue;
    for (const { ref, pointer, mapping } of refsIn(files.value(file))) {
      const target: FileRef | ReturnType<typeof refTarget> = refTarget(ref, file);
      const at = `${file}#${pointer}`;
      // A mapping value that names no uploaded file is left as written (publish warns that it maps
      // nothing): digitalocean.com.json keeps its source's `models/droplet_actions.yml#/…` there.
      // Nothing is ever read for it, so it cannot leave the upload.
      if (mapping && (isRefusal(target) || !files.has(target.file))) continue;
      if (isRefusal(target))
        refused.push({ type: target.type, entry: { pointer: at, message: target.message } });
      else if (!files.has(target.file))
        refused.push({
          type: 'ref-file-missing',
          entry: {
            pointer: at,
            message: `$ref "${ref.slice(0, 200)}" names ${target.file}, which is not in the upload`,
          },
        });
      else if (!seen.has(target.file)) {
        seen.add(target.file);
        reached.push(target.file);
      }
    }
  }
  if (refused.length > 0) refuse(refused);
  return reached;
}

function refuse(refused: { type: ProblemType; entry: ProblemDetailEntry }[]): never {
  const { type } = refused[0];
  const count = refused.length;
  const first = refused[0].entry;
  return fail(
    type,
    `${count} $ref(s) cannot be followed among the uploaded files; the first, at ${first.pointer}: ${first.message}.`,
    { errors: refused.slice(0, MAX_LISTED).map((r) => r.entry) },
  );
}
