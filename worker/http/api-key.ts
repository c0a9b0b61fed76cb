import type { Env } from '../env';
import type { Account } from '../quota/key-account';
import type { Decision, Limits } from '../quota/policy';
import { sha256Hex } from '../util/hash';
import { fail } from './problem';

/** `sk_<id>_<secret>`: the id names the key's Durable Object, the secret proves possession. */
const KEY_FORMAT = /^sk_([0-9a-f]{20})_([0-9A-Za-z]{32})$/;

export interface Caller {
  account: Omit<Account, 'keyHash'>;
  decision: Decision;
}

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

export function isAdmin(request: Request, env: Env): boolean {
  const token = bearerToken(request);
  return Boolean(env.ADMIN_TOKEN) && token !== undefined && token === env.ADMIN_TOKEN;
}

export function defaultLimits(env: Env): Limits {
  return {
    perMinute: positive(env.DEFAULT_PER_MINUTE, 600),
    perMonth: positive(env.DEFAULT_PER_MONTH, 100_000),
  };
}

/** Open signup is counted per client address, so one script cannot mint keys without end. */
export function signupLimits(env: Env): Limits {
  return { perMinute: positive(env.SIGNUP_PER_MINUTE, 10), perMonth: positive(env.SIGNUP_PER_MONTH, 1000) };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function accountStub(env: Env, id: string) {
  return env.QUOTA.get(env.QUOTA.idFromName(id));
}

/**
 * Authenticates the bearer key and counts the call against it, in one Durable Object round trip.
 * A malformed key is refused before any I/O.
 */
export async function authenticate(request: Request, env: Env, count = true): Promise<Caller> {
  const token = bearerToken(request);
  if (token === undefined)
    fail(
      'unauthorized',
      'Send your API key as `Authorization: Bearer sk_…`. Create one with POST /v1/keys.',
      { headers: { 'www-authenticate': 'Bearer realm="specmock"' } },
    );
  const m = KEY_FORMAT.exec(token);
  if (!m)
    fail('unauthorized', 'The API key is malformed; keys look like sk_<20 hex>_<32 letters or digits>.', {
      headers: { 'www-authenticate': 'Bearer realm="specmock", error="invalid_token"' },
    });
  const result = await accountStub(env, m[1]).authorize(await sha256Hex(token), Date.now(), count);
  if (!result.ok) {
    fail(
      'unauthorized',
      result.reason === 'revoked' ? 'This API key has been revoked.' : 'This API key is not known.',
      {
        headers: { 'www-authenticate': 'Bearer realm="specmock", error="invalid_token"' },
      },
    );
  }
  return { account: result.account, decision: result.decision };
}
