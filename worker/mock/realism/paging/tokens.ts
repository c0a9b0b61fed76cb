/**
 * Page tokens the mock hands out and reads back: `page:N` in base64url, so a client that sends a
 * `cursor`/`page_token` it was given lands on page N, while the token still looks opaque.
 */

const PREFIX = 'page:';

export function tokenFor(page: number): string {
  return btoa(`${PREFIX}${page}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The page a token of ours names; undefined for any other value (an item id, a foreign token). */
export function pageOfToken(token: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{4,24}$/.test(token)) return undefined;
  let text: string;
  try {
    text = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  const m = /^page:(\d{1,4})$/.exec(text);
  return m ? Number(m[1]) : undefined;
}
