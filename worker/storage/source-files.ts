/**
 * How a multi-file version's source is stored: one JSON manifest of the files its entry uses (the
 * files nothing referenced were not kept), under the version's source key like a document.
 */
export const FILES_MANIFEST_TYPE = 'application/vnd.specmock.files+json';

export interface FilesManifest {
  entry: string;
  files: { path: string; text: string }[];
}

export function isFilesManifest(contentType: string): boolean {
  return contentType === FILES_MANIFEST_TYPE;
}

export function readManifest(text: string): FilesManifest {
  return JSON.parse(text) as FilesManifest;
}

/** The media type a stored file is served with, from its name. */
export function fileMediaType(path: string): string {
  if (/\.json$/i.test(path)) return 'application/json';
  if (/\.ya?ml$/i.test(path)) return 'application/yaml';
  if (/\.md$/i.test(path)) return 'text/markdown';
  return 'text/plain';
}
