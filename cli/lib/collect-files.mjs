// The local files a description references, transitively: what `publish` and `mock` upload
// together so that a folder publishes as it is. URLs are never fetched (the server refuses them
// with a pointer); a ref that leaves the root folder or names no file stops here, before any upload.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { CliError } from './cli-error.mjs';

const DOCUMENT = /\.(?:ya?ml|json)$/i;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:/;
const ABSOLUTE = Symbol('absolute path');

/**
 * { root, entry, files: [{ path, bytes }] } for the description at `entryFile`: `path` is relative
 * to `root` ('/'-separated; the entry's folder unless --root widens it) and the entry comes first.
 */
export function collectFiles(entryFile, rootOption) {
  const entryAbs = resolve(entryFile);
  const root = resolve(rootOption ?? dirname(entryAbs));
  if (rootOption !== undefined && !isInside(root, entryAbs))
    throw new CliError(`${entryFile} is not inside --root ${rootOption}.`);
  const found = new Map([[entryAbs, readFileSync(entryAbs)]]);
  const problems = [];
  for (let i = 0; i < found.size; i++) {
    const [file, bytes] = [...found][i];
    if (!DOCUMENT.test(file)) continue;
    for (const { ref, pointer, mapping } of refsIn(parsed(bytes))) {
      const where = `${toPosix(relative(root, file))}#${pointer}`;
      const target = localTarget(ref, file);
      if (target === undefined) continue;
      // A discriminator mapping value is a hint beside the schema's oneOf: one that names no file
      // in the root is left to the server, which warns and maps nothing (digitalocean.com.json).
      if (mapping && (target === ABSOLUTE || !isInside(root, target) || !isFile(target))) continue;
      if (target === ABSOLUTE)
        problems.push(`${where}: $ref "${ref}" is an absolute path; refs between files are relative`);
      else if (!isInside(root, target))
        problems.push(`${where}: $ref "${ref}" leaves ${toPosix(root)}; widen it with --root`);
      else if (!isFile(target))
        problems.push(
          `${where}: $ref "${ref}" names ${toPosix(relative(root, target))}, which does not exist`,
        );
      else if (!found.has(target)) found.set(target, readFileSync(target));
    }
  }
  if (problems.length > 0)
    throw new CliError(
      `${entryFile} refers to files that cannot be uploaded:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  const files = [...found].map(([file, bytes]) => ({ path: toPosix(relative(root, file)), bytes }));
  return { root, entry: files[0].path, files };
}

/** The local file a ref names, or undefined for a ref inside its own file or a URL (never fetched). */
function localTarget(ref, from) {
  const location = ref.split('#')[0].split('?')[0];
  if (location === '' || SCHEME.test(location) || location.startsWith('//')) return undefined;
  let path = location;
  try {
    path = decodeURIComponent(location);
  } catch {
    // not percent-encoded: the ref is the path as written
  }
  return isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) ? ABSOLUTE : resolve(dirname(from), path);
}

/** Every `$ref` string and each discriminator mapping value that names a file (as the server reads them). */
function refsIn(doc) {
  const out = [];
  const stack = [{ value: doc, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    for (const [k, v] of Object.entries(value)) {
      const here = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k === '$ref' && typeof v === 'string') out.push({ ref: v, pointer: here });
      else if (k === 'mapping' && path.endsWith('/discriminator') && v && typeof v === 'object') {
        for (const [name, target] of Object.entries(v))
          if (typeof target === 'string' && /[/#]|\.(?:ya?ml|json)$/i.test(target))
            out.push({ ref: target, pointer: `${here}/${name}`, mapping: true });
      } else stack.push({ value: v, path: here });
    }
  }
  return out;
}

/** A document that does not parse is uploaded as it is: the server names its error precisely. */
function parsed(bytes) {
  try {
    return parse(bytes.toString('utf8'), { uniqueKeys: false, maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}

function isInside(root, file) {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function isFile(path) {
  return existsSync(path) && statSync(path).isFile();
}

function toPosix(path) {
  return path.split(sep).join('/');
}
