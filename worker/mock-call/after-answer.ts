import type { Env } from '../env';
import { fireHooks } from '../hooks/fire';
import type { MockRequest, MockTarget } from '../mock/call';
import type { ValidatedCall } from '../mock/state-layer';

/** An answered mock call, as work after the answer sees it. */
export interface AnsweredCall {
  api: string;
  version: string;
  /** The API's owner: deliveries count against this key's mock quota. */
  owner: string;
  target: MockTarget;
  /** Set for calls to a stateful sandbox. */
  sandboxId?: string;
  request: MockRequest;
  /** The call as validation read it; absent when the answer is a refusal. */
  call?: ValidatedCall;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The response body as sent (null for HEAD, 204 and 304). */
  body: string | null;
}

/**
 * The one point after a mock call's response is produced where background work is scheduled (with
 * `ctx.waitUntil`, never delaying the answer): stateless calls, sandbox calls and mock hosts all
 * pass here. Callbacks and subscribed webhooks are fired here.
 */
export function afterAnswer(env: Env, ctx: ExecutionContext, answered: AnsweredCall): void {
  fireHooks(env, ctx, answered);
}

/**
 * Whether any call of this plan can have work after its answer: most plans declare no callbacks or
 * webhooks, and their calls then build no `AnsweredCall` at all.
 */
export function worksAfter(target: MockTarget): boolean {
  return target.plan.hooks !== undefined;
}
