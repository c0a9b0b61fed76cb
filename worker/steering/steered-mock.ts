import type { Behaviour } from '../behaviour/settings';
import { decide, describeSteering, steeredStatus, type Steering } from '../behaviour/decide';
import { matchRoute } from '../mock/match';
import { mock, type MockOutcome, type MockRequest, type MockTarget, type StateLayer } from '../mock/mock';
import { readPreferences } from '../mock/prefer';
import { responseFor } from '../mock/select-response';

export const STEERED_HEADER = 'x-specmock-steered';

export interface SteeredOutcome {
  outcome: MockOutcome;
  /** The matched operation's id, also when the call was refused (for the log). */
  operationId?: string;
  steering: Steering;
  /** The value of x-specmock-steered, null when the settings changed nothing. */
  label: string | null;
}

/**
 * The pure mock under the API's behaviour settings. A forced status or injected error is served as
 * the spec's response for it when the operation defines one; otherwise the call is answered as usual
 * and, if that answer was a success, replaced by an `injected-error` problem with the status. The
 * mock's own refusals (401, 405, 415, 422) are kept: they describe the request, not the server.
 */
export function steeredMock(
  target: MockTarget,
  request: MockRequest,
  behaviour: Behaviour,
  /** A sandbox's state layer: steered calls (a forced status or example) leave its state alone. */
  layer?: StateLayer,
): SteeredOutcome {
  // Unsteered APIs (the common case) pay nothing: no second route match, no hashing.
  if (!behaviour.latency && !behaviour.errors && !behaviour.operations) {
    const outcome = mock(target, request, layer);
    return {
      outcome,
      operationId: operationIdOf(target, request, outcome),
      steering: { latencyMs: 0 },
      label: null,
    };
  }
  const match = matchRoute(target.routes, request.method, request.path);
  const operation = match.kind === 'found' ? match.operation : undefined;
  const own = readPreferences(request.headers.prefer, request.query);
  const steering = decide(
    behaviour,
    operation ? `${operation.method.toUpperCase()} ${operation.path}` : undefined,
    { method: request.method, path: request.path, query: request.query, body: request.body?.text },
    own.code !== undefined || own.example !== undefined,
  );
  const label = describeSteering(steering);
  const status = steeredStatus(steering);
  // Exact, its range, then `default`: the same responses `Prefer: code=N` would serve.
  const defined = operation && status !== undefined ? responseFor(operation, status) : undefined;
  const steer = {
    ...(status !== undefined && (defined || status < 400) ? { code: String(status) } : {}),
    ...(steering.example !== undefined ? { example: steering.example } : {}),
  };
  let outcome = mock(target, Object.keys(steer).length > 0 ? { ...request, steer } : request, layer);
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
  return { outcome, operationId: operation?.id, steering, label };
}

/** A refusal still names the operation it refused, when one matched (only refusals pay the match). */
function operationIdOf(target: MockTarget, request: MockRequest, outcome: MockOutcome): string | undefined {
  if (outcome.ok) return outcome.operation.id;
  const match = matchRoute(target.routes, request.method, request.path);
  return match.kind === 'found' ? match.operation.id : undefined;
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
