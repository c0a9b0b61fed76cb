import type { UploadFile } from '../ingest/files/file-set';
import { inflateCapped } from './inflate-capped';
import { untarFiles } from './untar';
import { unzipFiles } from './unzip';
import type { UploadTally } from './upload-caps';

export type ArchiveKind = 'zip' | 'tar.gz' | 'tar';

export const ARCHIVE_TYPES: Record<ArchiveKind, string> = {
  zip: 'application/zip',
  'tar.gz': 'application/gzip',
  tar: 'application/x-tar',
};

const BY_MEDIA_TYPE: Record<string, ArchiveKind> = {
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/gzip': 'tar.gz',
  'application/x-gzip': 'tar.gz',
  'application/x-gtar': 'tar.gz',
  'application/x-compressed-tar': 'tar.gz',
  'application/x-tar': 'tar',
};

/**
 * Whether a body (or a multipart part) is an archive: by its media type, by its file name, or, for
 * `application/octet-stream` and untyped parts, by its first bytes (a zip's `PK\3\4`, gzip's
 * `1f 8b`). A text document never starts with either.
 */
export function archiveKind(mediaType: string, head: Uint8Array, name = ''): ArchiveKind | undefined {
  const byType = BY_MEDIA_TYPE[mediaType.split(';')[0].trim().toLowerCase()];
  if (byType) return byType;
  if (/\.zip$/i.test(name)) return 'zip';
  if (/\.(?:tar\.gz|tgz)$/i.test(name)) return 'tar.gz';
  if (/\.tar$/i.test(name)) return 'tar';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  return undefined;
}

export function readArchive(bytes: Uint8Array, kind: ArchiveKind, tally: UploadTally): UploadFile[] {
  if (kind === 'zip') return unzipFiles(bytes, tally);
  if (kind === 'tar') return untarFiles(bytes, tally);
  // Headers and padding take at most 1.5 KiB a file beside the contents the tally counts.
  const { maxTotalBytes, maxFiles } = tally.caps;
  const cap = maxTotalBytes + (maxFiles + 2) * 1536;
  return untarFiles(
    inflateCapped('gzip', bytes, cap, () => tally.tooLarge('the .tar.gz')),
    tally,
  );
}
