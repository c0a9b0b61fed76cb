import type { ProblemType } from '../../http/problem';
import { refToPointer } from '../json-pointer';

/** A place in an upload: a file (its path from the upload's root) and a JSON pointer in it. */
export interface FileRef {
  file: string;
  /** RFC 6901 pointer, decoded from the ref's fragment; '' is the whole file. */
  pointer: string;
}

/** Why a `$ref` may not be followed; each is its own problem type. */
export interface RefRefusal {
  type: Extract<ProblemType, 'external-ref' | 'ref-outside-upload' | 'absolute-ref'>;
  message: string;
}

/** `https:`, `file:`, `urn:`…, but not a Windows drive letter (`C:\`), which is an absolute path. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:/;
const ABSOLUTE = /^(?:[/\\]|[A-Za-z]:[/\\])/;

/**
 * Where a `$ref` written in `from` points, among the uploaded files only. A URL is never fetched,
 * an absolute path never read, and `..` may not climb above the upload's root: each is refused
 * rather than guessed at, so nothing outside what the team uploaded can ever be reached.
 */
export function refTarget(ref: string, from: string): FileRef | RefRefusal {
  const hash = ref.indexOf('#');
  const location = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : refToPointer(ref.slice(hash));
  if (location === '') return { file: from, pointer };
  const shown = ref.slice(0, 200);
  if (SCHEME.test(location) || location.startsWith('//'))
    return { type: 'external-ref', message: `$ref "${shown}" is a URL; specmock never fetches URLs` };
  if (ABSOLUTE.test(location))
    return {
      type: 'absolute-ref',
      message: `$ref "${shown}" is an absolute path; refs between uploaded files are relative`,
    };
  const file = joinRelative(from, decodePath(location.split('?')[0]));
  if (file === undefined)
    return {
      type: 'ref-outside-upload',
      message: `$ref "${shown}" climbs out of the upload's root; upload the folder that holds every file`,
    };
  return { file, pointer };
}

export function isRefusal(target: FileRef | RefRefusal): target is RefRefusal {
  return 'type' in target;
}

/** `from`'s folder joined with a relative path; undefined when `..` would leave the root. */
function joinRelative(from: string, relative: string): string | undefined {
  const segments = from.split('/').slice(0, -1);
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join('/');
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A discriminator `mapping` value that is a reference rather than a schema's bare name. */
export function isMappingRef(value: string): boolean {
  return value.includes('/') || value.includes('#') || /\.(?:ya?ml|json)$/i.test(value);
}
