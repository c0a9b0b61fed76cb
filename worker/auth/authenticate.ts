import type { Env } from '../env';
import { fail } from '../http/problem';
import { accountStub, type Account } from '../quota/key-account';
import type { ControlDecision } from '../quota/control-policy';
import { config } from '../config';
import { sha256Hex } from '../util/hash';
import { bearerToken, KEY_FORMAT } from './api-key-format';

export interface Caller {
  account: Omit<Account, 'keyHash'>;
  /** The control plane's budget after this call (mock traffic never spends it). */
  decision: ControlDecision;
}

/**
 * Authenticates the bearer key and counts the call against its control-plane budget, in one
 * Durable Object round trip (local mode, QUOTAS=off, does not count). A malformed key is refused
 * before any I/O.
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
  const result = await accountStub(env, m[1]).authorize(
    sha256Hex(token),
    Date.now(),
    count && config(env).quotas,
  );
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
