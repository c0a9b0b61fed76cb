import type { Env } from '../env';
import type { MockRequest } from '../mock/call';
import type { Plan } from '../mock/plan';
import type { ValidatedCall } from '../mock/state-layer';

/** An answered mock call, as work after the answer sees it. */
export interface AnsweredCall {
  api: string;
  version: string;
  plan: Plan;
  /** Set for calls to a stateful sandbox. */
  sandboxId?: string;
  request: MockRequest;
  /** The call as validation read it; absent when the answer is a refusal. */
  call?: ValidatedCall;
  status: number;
  /** The response body as sent (null for HEAD, 204 and 304). */
  body: string | null;
}

/**
 * The one point after a mock call's response is produced where background work is scheduled (with
 * `ctx.waitUntil`, never delaying the answer): stateless calls, sandbox calls and mock hosts all
 * pass here. Nothing is scheduled yet; webhooks and callbacks (issue 21) go here.
 */
export function afterAnswer(_env: Env, _ctx: ExecutionContext, _answered: AnsweredCall): void {}
