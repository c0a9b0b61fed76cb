/**
 * `Specmock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the scheme
 * Stripe made familiar: the timestamp is signed with the body, so a receiver can refuse replays
 * (README "Verifying a delivery" has the receiver's side).
 */
export const SIGNATURE_HEADER = 'specmock-signature';
export const DELIVERY_HEADER = 'specmock-delivery';
export const WEBHOOK_HEADER = 'specmock-webhook';

export async function signature(secret: string, body: string, unixSeconds: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${unixSeconds}.${body}`));
  const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${unixSeconds},v1=${hex}`;
}

/** A new secret: 32 random bytes, hex, with a prefix that says what it is. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
