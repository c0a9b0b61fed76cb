import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { ProblemError } from '../http/problem';
import type { MockRequest, MockResponse } from '../mock/call';
import { amendCall } from '../request-log/log-call';
import type { AdmittedCall } from './admit';
import { afterAnswer } from './after-answer';
import type { CallResult } from './call-result';
import { STEERED_HEADER } from './run-mock';

/**
 * The HTTP answer of a call's result, the same for stateless and sandbox calls: the log note learns
 * the operation, the problems and what the behaviour settings did; the settings' latency is waited
 * out; a refusal with no response of the spec is thrown as problem+json (the router serialises it),
 * anything else becomes the response, after which `afterAnswer` may schedule background work.
 */
export async function answerCall(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  admitted: AdmittedCall,
  mockRequest: MockRequest,
  result: CallResult,
): Promise<Response> {
  const { label, operationId } = result;
  const steered = label ? { [STEERED_HEADER]: label } : undefined;
  const problems = result.kind === 'problem' ? result.problem.errors : result.problems;
  if (operationId !== undefined || problems !== undefined || label)
    amendCall(request, { operation: operationId, problems, steered: label ?? undefined });
  if (result.latencyMs > 0) await delay(result.latencyMs);
  if (result.kind === 'problem') {
    const { problem } = result;
    throw new ProblemError(steered ? { ...problem, headers: { ...problem.headers, ...steered } } : problem);
  }
  const body = sentBody(request.method, result.response);
  amendCall(request, { responseBody: body });
  const response = httpResponse(result.response, body, operationId, steered);
  afterAnswer(env, ctx, {
    api: admitted.api,
    version: admitted.version,
    owner: admitted.owner,
    target: admitted.target,
    ...(admitted.sandboxId ? { sandboxId: admitted.sandboxId } : {}),
    request: mockRequest,
    ...(result.call ? { call: result.call } : {}),
    status: result.response.status,
    headers: result.response.headers,
    body,
  });
  return response;
}

function sentBody(method: string, { status, body }: MockResponse): string | null {
  return status === 204 || status === 304 || method === 'HEAD' ? null : body;
}

/** The operation id as a header value: printable ASCII, capped. */
const UNPRINTABLE = /[^\x20-\x7e]/g;

function httpResponse(
  response: MockResponse,
  body: string | null,
  operationId: string | undefined,
  steered: Record<string, string> | undefined,
): Response {
  const headers = new Headers(response.headers);
  if (operationId !== undefined)
    headers.set('x-specmock-operation', operationId.slice(0, 200).replace(UNPRINTABLE, '?'));
  if (steered) headers.set(STEERED_HEADER, steered[STEERED_HEADER]);
  return new Response(body, { status: response.status, headers });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
