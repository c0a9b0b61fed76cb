import type { Behaviour } from '../behaviour/settings';
import { decide, decidedStatus, steeredLabel, type BehaviourDecision } from '../behaviour/decide';
import type { MockOutcome, MockRequest, MockTarget } from '../mock/call';
import { mock, routeCall, type StateLayer } from '../mock/mock';
import { responseFor } from '../mock/select-response';
import { cachedAnswer, recalledAnswer } from './answer-cache';
import { plainRequest } from './mock-request';

/** Says how the behaviour settings changed a response (`latency=120ms; error=503`). */
export const STEERED_HEADER = 'x-specmock-steered';

export interface MockRun {
  outcome: MockOutcome;
  /** The matched operation's id, also when the call was refused (for the log). */
  operationId?: string;
  decision: BehaviourDecision;
  /** The value of x-specmock-steered, null when the settings changed nothing. */
  label: string | null;
  /** A kept answer (answer-cache.ts): the same response object on every call that repeats it. */
  repeated?: true;
}

const UNCHANGED: BehaviourDecision = { latencyMs: 0 };

/** Whether the settings can change any call at all (most APIs have none). */
export function hasBehaviour(behaviour: Behaviour): boolean {
  return Boolean(behaviour.latency || behaviour.errors || behaviour.operations);
}

/**
 * The pure mock under the API's behaviour settings, with the route matched and the preferences read
 * once (`readCall`) for both. A forced status or injected error is served as the spec's response for
 * it when the operation defines one; otherwise the call is answered as usual and, if that answer was
 * a success, replaced by an `injected-error` problem with the status. The mock's own refusals (401,
 * 405, 415, 422) are kept: they describe the request, not the server.
 */
export function runMock(
  target: MockTarget,
  request: MockRequest,
  behaviour: Behaviour,
  /** A sandbox's state layer: steered calls (a forced status or example) leave its state alone. */
  layer?: StateLayer,
): MockRun {
  const steerable = hasBehaviour(behaviour);
  // Stateless calls without a body answer the same bytes every time (answer-cache.ts); a repeated
  // one is answered before it is routed again.
  const cacheable = !layer && !request.body && !steerable;
  const recalled = cacheable ? recalledAnswer(target, request) : undefined;
  if (recalled)
    return {
      outcome: recalled.outcome,
      operationId: recalled.operation.id,
      decision: UNCHANGED,
      label: null,
      repeated: true,
    };
  // The engine spreads the request where it rewrites it: a plain one, every header read.
  const { request: routed, reading } = routeCall(target, plainRequest(request));
  const operation = reading.match.kind === 'found' ? reading.match.operation : undefined;
  if (!steerable) {
    const run = () => mock(target, routed, layer, reading);
    // Kept under the call as sent, so a repeat is recalled before any routing or rewriting.
    const outcome = cacheable && operation ? cachedAnswer(target, request, operation, run) : run();
    return { outcome, operationId: operation?.id, decision: UNCHANGED, label: null };
  }
  const { own } = reading;
  const decision = decide(
    behaviour,
    operation ? `${operation.method.toUpperCase()} ${operation.path}` : undefined,
    { method: request.method, path: request.path, query: request.query, body: request.body?.text },
    own.code !== undefined || own.example !== undefined,
  );
  const label = steeredLabel(decision);
  const status = decidedStatus(decision);
  // Exact, its range, then `default`: the same responses `Prefer: code=N` would serve.
  const defined = operation && status !== undefined ? responseFor(operation, status) : undefined;
  const steer = {
    ...(status !== undefined && (defined || status < 400) ? { code: String(status) } : {}),
    ...(decision.example !== undefined ? { example: decision.example } : {}),
  };
  const steered = Object.keys(steer).length > 0 ? { ...routed, steer } : routed;
  let outcome = mock(target, steered, layer, reading);
  if (status !== undefined && status >= 400 && !defined && outcome.ok && outcome.response.status < 400) {
    outcome = {
      ok: false,
      problem: {
        type: 'injected-error',
        status,
        detail: `The behaviour settings of this API injected a ${status}; the operation defines no response for it.`,
      },
    };
  }
  return { outcome, operationId: operation?.id, decision, label };
}
