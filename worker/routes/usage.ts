import type { Env } from '../env';
import { accountStub } from '../quota/key-account';
import { takeLease } from '../quota/mock-quota';
import { fail } from '../http/problem';
import type { AppRequest } from '../http/app-request';
import { callerOf } from '../auth/with-key';
import type { WindowState } from '../quota/policy';

/**
 * GET /v1/usage: the mock quota (minute and month, with 30 days of daily counts) and the control
 * plane's own per-minute budget. This isolate's unspent mock lease is returned first, so the counts
 * are exact but for leases other isolates hold.
 */
export async function usage(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const id = caller.account.id;
  const result = await accountStub(env, id).usage(request.receivedAt, takeLease(id));
  if (!result) fail('unauthorized', 'This API key is not known.');
  const iso = (ms: number) => new Date(ms).toISOString();
  const window = (w: WindowState) => ({ used: w.used, remaining: w.remaining, resetAt: iso(w.resetAt) });
  const { minute, month } = result.decision;
  return Response.json({
    id: result.id,
    limits: result.limits,
    minute: window(minute),
    month: window(month),
    control: { limit: result.control.window.limit, ...window(result.control.window) },
    daily: result.daily,
  });
}
