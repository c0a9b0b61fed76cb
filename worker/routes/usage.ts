import type { Env } from '../env';
import { accountStub } from '../quota/key-account';
import { fail } from '../http/problem';
import type { AppRequest } from '../http/app-request';
import { callerOf } from '../auth/with-key';

/** GET /v1/usage: limits, use and reset times of both windows, and 30 days of daily counts. */
export async function usage(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const result = await accountStub(env, caller.account.id).usage(request.receivedAt);
  if (!result) fail('unauthorized', 'This API key is not known.');
  const iso = (ms: number) => new Date(ms).toISOString();
  const { minute, month } = result.decision;
  return Response.json({
    id: result.id,
    limits: result.limits,
    minute: { used: minute.used, remaining: minute.remaining, resetAt: iso(minute.resetAt) },
    month: { used: month.used, remaining: month.remaining, resetAt: iso(month.resetAt) },
    daily: result.daily,
  });
}
