/** `sk_<id>_<secret>`: the id names the key's Durable Object, the secret proves possession. */
export const KEY_FORMAT = /^sk_([0-9a-f]{20})_([0-9A-Za-z]{32})$/;

export function newKey(): { id: string; key: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const id = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  // 248 is the largest multiple of 62 below 256: rejecting the rest keeps every character uniform.
  let secret = '';
  while (secret.length < 32) {
    for (const b of crypto.getRandomValues(new Uint8Array(48)))
      if (b < 248 && secret.length < 32) secret += alphabet[b % 62];
  }
  return { id, key: `sk_${id}_${secret}` };
}

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
