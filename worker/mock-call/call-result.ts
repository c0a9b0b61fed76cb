import type { Problem, ProblemDetailEntry } from '../http/problem';
import type { MockResponse } from '../mock/call';
import type { ValidatedCall } from '../mock/state-layer';
import type { MockRun } from './run-mock';

/** The validated call without the plan's operation and the request: plain data for a sandbox's RPC. */
export type CallInputs = Omit<ValidatedCall, 'operation' | 'request'>;

/**
 * One mock call's result as the edge turns it into HTTP, the same whether the engine ran here
 * (stateless) or in a sandbox's object (then `C` is `CallInputs`, plain data across the RPC).
 */
export type CallResult<C = ValidatedCall> = (
  | {
      kind: 'answer';
      response: MockResponse;
      /** Set when the answer is a refusal in the API's own error shape: why it was refused. */
      problems?: ProblemDetailEntry[];
      /** The call as validation read it; absent for refusals. */
      call?: C;
      /** The response object is a kept answer's, the same on every call that repeats it. */
      repeated?: true;
    }
  | { kind: 'problem'; problem: Problem }
) & {
  /** The matched operation's id, also when the call was refused (for the log). */
  operationId?: string;
  /** What the behaviour settings did: the delay to apply, the x-specmock-steered value. */
  latencyMs: number;
  label: string | null;
};

export function resultOf({ outcome, operationId, decision, label, repeated }: MockRun): CallResult {
  const shared = { latencyMs: decision.latencyMs, label, ...(operationId ? { operationId } : {}) };
  if (outcome.ok)
    return { kind: 'answer', response: outcome.response, call: outcome.call, repeated, ...shared };
  if (outcome.response)
    return { kind: 'answer', response: outcome.response, problems: outcome.problem.errors, ...shared };
  return { kind: 'problem', problem: outcome.problem, ...shared };
}
