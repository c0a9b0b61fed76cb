import { hex, randomHex } from '../util/hash';

/**
 * `Specmock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the scheme
 * Stripe made familiar: the timestamp is signed with the body, so a receiver can refuse replays
 * (README "Verifying a delivery" has the receiver's side).
 */
export const SIGNATURE_HEADER = 'specmock-signature';
export const DELIVERY_HEADER = 'specmock-delivery';
export const WEBHOOK_HEADER = 'specmock-webhook';

/** Imported keys by secret: importing costs more than signing, and a secret signs many deliveries. */
const keys = new Map<string, Promise<CryptoKey>>();

function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 100) keys.clear();
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keys.set(secret, key);
  }
  return key;
}

export async function signature(secret: string, body: string, unixSeconds: number): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await keyOf(secret),
    new TextEncoder().encode(`${unixSeconds}.${body}`),
  );
  return `t=${unixSeconds},v1=${hex(mac)}`;
}

/** A new secret: 32 random bytes, hex, with a prefix that says what it is. */
export function newSecret(): string {
  return `whsec_${randomHex(32)}`;
}
