// Naming helpers shared by `publish`, `mock` and the benchmark.
import { createHash } from 'node:crypto';

/** The upload Content-Type for a spec file, from its extension. */
export function contentTypeFor(file) {
  if (/\.json$/i.test(file)) return 'application/json';
  if (/\.ya?ml$/i.test(file)) return 'application/yaml';
  return 'text/plain';
}

/** The default version: the first 12 hex digits of the content's SHA-256. */
export function contentVersion(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/** A valid API name from a file name: "Petstore.oas3.yaml" → "petstore-oas3". */
export function apiNameFromFile(file) {
  const base = file
    .split(/[\\/]/)
    .pop()
    .replace(/\.(ya?ml|json)$/i, '');
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name || 'api';
}
