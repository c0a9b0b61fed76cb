import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { CliError } from './cli-error.mjs';
import { collectFiles } from './collect-files.mjs';
import { contentTypeFor, contentVersion } from './spec-file.mjs';

/** The spec file's bytes, or a CliError that says what is wrong with the path. */
function readSpec(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    throw new CliError(e.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${e.message}`);
  }
  if (stat.isDirectory()) throw new CliError(`${file} is a directory; pass the spec file (JSON or YAML).`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${e.message}`);
  }
}

/**
 * What `publish` and `mock` send for a spec file: the file alone when it references no other file
 * (as always), else every file it reaches as multipart (one part per file, its filename the path
 * from the root, plus `entry`). `version` is the default version name: the first 12 hex digits of
 * the same hash the server computes, so identical content gets the same URL whatever the file order.
 */
export async function readUpload(file, { root } = {}) {
  const bytes = readSpec(file);
  const collected = collectFiles(file, root);
  if (collected.files.length === 1)
    return {
      body: bytes,
      contentType: contentTypeFor(file),
      version: contentVersion(bytes),
      files: undefined,
    };
  const form = new FormData();
  for (const f of collected.files) form.append('file', new Blob([f.bytes]), f.path);
  form.append('entry', collected.entry);
  const request = new Request('http://local.invalid/', { method: 'PUT', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type'),
    version: filesVersion(collected.entry, collected.files),
    files: collected.files.map((f) => f.path),
    entry: collected.entry,
  };
}

/** The server's multi-file hash (worker/ingest/files/ingest-files.ts): the files sorted by path. */
function filesVersion(entry, files) {
  const hash = createHash('sha256').update(`specmock-files-v1\nentry ${entry}\n`);
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))
    hash.update(`${f.path}\n${f.bytes.length}\n`).update(f.bytes).update('\n');
  return hash.digest('hex').slice(0, 12);
}

/**
 * A spec file as the local engines take it (`specmock diff old.yaml new.yaml`): its text alone, or,
 * when it references other files, every file it reaches with the entry's path among them.
 */
export function readSpecFiles(file, { root } = {}) {
  const bytes = readSpec(file);
  const collected = collectFiles(file, root);
  if (collected.files.length === 1) return bytes.toString('utf8');
  return { entry: collected.entry, files: collected.files.map((f) => ({ path: f.path, bytes: f.bytes })) };
}
