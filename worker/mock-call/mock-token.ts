import type { MockSettings } from '../registry/api-settings';
import { sha256Hex } from '../util/hash';

/**
 * A private API's mock token is derived, not stored: HMAC-SHA256(owner's key, api + nonce). The
 * registry keeps only the nonce and the token's SHA-256. The owner, who presents the key on every
 * control-plane call, gets the token recomputed in GET /v1/apis/{api}; anyone holding only the
 * stored state (nonce + hash; the key itself is stored hashed) cannot rebuild it. Rotating draws a
 * new nonce, so the old token stops matching at once.
 */
export async function deriveMockToken(ownerKey: string, api: string, nonce: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(ownerKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign(
    'HMAC',
    key,
    new TextEncoder().encode(`mock-token\u0000${api}\u0000${nonce}`),
  );
  return `smt_${base64url(new Uint8Array(mac)).slice(0, 40)}`;
}

export function newNonce(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export function hashMockToken(token: string): string {
  return sha256Hex(token);
}

/** `X-Specmock-Token`, else `?__token=`; never Authorization, which belongs to the mocked API. */
export function presentedMockToken(headers: Headers, query: [string, string][]): string | null {
  const sent = headers.get('x-specmock-token');
  if (sent !== null) return sent;
  for (const [name, value] of query) if (name === '__token') return value;
  return null;
}

/** The query the mock sees and the log keeps: the mock token is a specmock credential, not a parameter. */
export function withoutMockToken(query: [string, string][]): [string, string][] {
  return query.filter(([name]) => name !== '__token');
}

/** Whether a call presenting this token hash (null: none) may call the API's mocks. */
export function tokenAccepted(settings: MockSettings, presentedHash: string | null): boolean {
  if (settings.visibility === 'public') return true;
  return (
    presentedHash !== null &&
    settings.tokenHash !== null &&
    timingSafeEqual(settings.tokenHash, presentedHash)
  );
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
