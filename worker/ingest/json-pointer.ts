/** RFC 6901 token escaping, used to name the places in an upload that warnings and errors point at. */
export function escapeToken(token: string): string {
  // Most tokens need nothing: ingest escapes one per node of a 13 MB upload.
  if (token.indexOf('~') === -1 && token.indexOf('/') === -1) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** "#/components/schemas/Pet" → "/components/schemas/Pet" (the pointer part of an internal ref). */
export function refToPointer(ref: string): string {
  const hash = ref.indexOf('#');
  const fragment = hash === -1 ? ref : ref.slice(hash + 1);
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
