import { config } from '../config';
import type { Env } from '../env';
import { authenticate, type Caller } from './authenticate';
import { fail } from '../http/problem';
import { enforce } from '../quota/enforce';
import type { AppRequest } from '../http/app-request';

const callers = new WeakMap<object, Caller>();

/**
 * Middleware: authenticate the key, count the call against its control-plane budget (separate
 * from its mock quota), and refuse it when that budget is spent.
 */
export async function withKey(request: AppRequest, env: Env): Promise<void> {
  const caller = await authenticate(request, env);
  if (config(env).quotas) {
    request.rateLimit = caller.decision;
    enforce(caller.decision, request.receivedAt);
  }
  callers.set(request, caller);
}

export function callerOf(request: AppRequest): Caller {
  return callers.get(request) ?? fail('internal-error', 'Route reached without authentication.');
}
