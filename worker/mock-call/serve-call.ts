import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import type { RequestTarget } from '../http/request-target';
import type { MockRequest } from '../mock/call';
import { admitCall, type AdmittedCall, type CallAt } from './admit';
import { answerCall } from './answer';
import { resultOf, type CallResult } from './call-result';
import { mockRequestOf } from './mock-request';
import { runMock } from './run-mock';

/** Runs an admitted call: here (stateless), or in a sandbox's object (see routes/serve-sandbox.ts). */
export type Runner = (request: MockRequest, call: AdmittedCall) => CallResult | Promise<CallResult>;

/**
 * One mock call from the request to the engine and back, whichever route or host named the mock:
 * admission (version, private token, quota, behaviour settings, plan, body, log note), the engine
 * (`runner`), then the answer. `url` is the request's URL, cut once by the edge (request-target.ts).
 */
export function serveCall(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  at: CallAt,
  url: RequestTarget,
  runner: Runner = runHere,
): Response | Promise<Response> {
  // Promises only where something is pending: a memoized stateless call runs straight through.
  const admitted = admitCall(request, env, at, url);
  const run = (call: AdmittedCall) => {
    const mockRequest = mockRequestOf(request, at, call);
    const result = runner(mockRequest, call);
    return result instanceof Promise
      ? result.then((r) => answerCall(request, env, ctx, call, mockRequest, r))
      : answerCall(request, env, ctx, call, mockRequest, result);
  };
  return admitted instanceof Promise ? admitted.then(run) : run(admitted);
}

function runHere(request: MockRequest, call: AdmittedCall): CallResult {
  return resultOf(runMock(call.target, request, call.behaviour));
}
