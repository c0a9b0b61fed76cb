import { fail } from '../http/problem';
import type { VersionRecord } from '../registry/api-registry';
import { readArchive, readSource } from '../storage/specs';
import { fileMediaType, isFilesManifest, readManifest } from '../storage/source-files';

/**
 * `?format=source`: what was uploaded. One document comes back as it was sent. Several files: the
 * entry document (so tools that read a version's source get a description), with the entry's path
 * in `Specmock-Entry`; `&file=<path>` gives any of the files it uses; an archive comes back as the
 * archive itself. The list of files is in the version's metadata (`source.files`).
 */
export async function versionSource(
  kv: KVNamespace,
  api: string,
  record: VersionRecord,
  file: string | null,
): Promise<Response> {
  const source = await readSource(kv, api, record.version, record.hash);
  if (!source)
    fail('version-not-found', 'The stored source of this version is not available yet; retry shortly.');
  if (!isFilesManifest(source.contentType)) {
    if (file !== null)
      fail('not-found', `This version was published as one document; it has no file "${file}".`);
    return new Response(source.text, { headers: { 'content-type': `${source.contentType}; charset=utf-8` } });
  }
  const manifest = readManifest(source.text);
  if (file === null && record.source?.archive) {
    const archive = await readArchive(kv, api, record.version, record.hash);
    if (!archive)
      fail('version-not-found', 'The stored archive of this version is not available yet; retry shortly.');
    const name = `${api}-${record.version}.${record.source.archive}`;
    return new Response(archive.bytes, {
      headers: {
        'content-type': archive.contentType,
        'content-disposition': `attachment; filename="${name}"`,
      },
    });
  }
  const path = file ?? manifest.entry;
  const found = manifest.files.find((f) => f.path === path);
  if (!found) fail('not-found', `Version "${record.version}" uses no file "${path.slice(0, 200)}".`);
  return new Response(found.text, {
    headers: {
      'content-type': `${fileMediaType(path)}; charset=utf-8`,
      // Header values are Latin-1: a path with other characters is percent-encoded (as in a URL).
      'specmock-entry': encodeURI(manifest.entry),
      'specmock-files': String(manifest.files.length),
    },
  });
}

/** The version metadata's `source` member for a multi-file version: its entry and every file. */
export async function sourceListing(
  kv: KVNamespace,
  api: string,
  record: VersionRecord,
): Promise<{ source: { entry: string; files: string[]; archive?: string } } | Record<string, never>> {
  if (!record.source) return {};
  const source = await readSource(kv, api, record.version, record.hash);
  const files =
    source && isFilesManifest(source.contentType) ? readManifest(source.text).files.map((f) => f.path) : [];
  return {
    source: {
      entry: record.source.entry,
      files,
      ...(record.source.archive ? { archive: record.source.archive } : {}),
    },
  };
}
