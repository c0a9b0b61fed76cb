import { fail } from '../http/problem';

const MAX_PATH = 255;

/**
 * An uploaded file's name as a path from the upload's root: `/` separators (a `\` from a Windows
 * tool becomes one), no leading `./`. An absolute path, a `..` segment, a drive letter, a control
 * character or an over-long name refuses the upload: a path is a name inside the upload, never a
 * place on any disk.
 */
export function uploadPath(raw: string): string {
  const path = raw.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  const problem =
    path === '' || segments.length === 0
      ? 'is empty'
      : /^\/|^[A-Za-z]:/.test(path)
        ? 'is absolute'
        : segments.includes('..')
          ? 'climbs out of the upload with ".."'
          : /[\u0000-\u001f\u007f]/.test(path)
            ? 'holds a control character'
            : path.length > MAX_PATH
              ? `is longer than ${MAX_PATH} characters`
              : undefined;
  if (problem)
    fail(
      'invalid-file-path',
      `The file name "${raw.slice(0, 200)}" ${problem}; use a path relative to the upload's root.`,
    );
  return segments.join('/');
}

/** Files an archive carries that are never part of a description (macOS metadata). */
export function isArchiveNoise(path: string): boolean {
  return path.startsWith('__MACOSX/') || path === '.DS_Store' || path.endsWith('/.DS_Store');
}
