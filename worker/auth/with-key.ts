import type { Env } from '../env';
import { authenticate, type Caller } from './authenticate';
import { fail } from '../http/problem';
import { enforce } from '../quota/enforce';
import type { AppRequest } from '../http/app-request';

const callers = new WeakMap<object, Caller>();

/** Middleware: authenticate the key, count the call against it, and refuse it when over quota. */
export async function withKey(request: AppRequest, env: Env): Promise<void> {
  const caller = await authenticate(request, env);
  request.rateLimit = caller.decision;
  enforce(caller.decision, request.receivedAt);
  callers.set(request, caller);
}

export function callerOf(request: AppRequest): Caller {
  return callers.get(request) ?? fail('internal-error', 'Route reached without authentication.');
}
