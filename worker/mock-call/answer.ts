import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { decoratedResponse, repeatedHeaders, repeatedResponse } from '../http/decorate';
import { ProblemError } from '../http/problem';
import type { MockRequest, MockResponse } from '../mock/call';
import { amendCall } from '../request-log/log-call';
import { SharedHeaders } from '../request-log/shared-headers';
import type { AdmittedCall } from './admit';
import { afterAnswer, worksAfter } from './after-answer';
import type { CallResult } from './call-result';
import { headerOf } from './mock-request';
import { STEERED_HEADER } from './run-mock';
import { bytesOf } from '../mock/realism/sample-files';

/**
 * The HTTP answer of a call's result, the same for stateless and sandbox calls: the log note learns
 * the operation, the problems and what the behaviour settings did; the settings' latency is waited
 * out; a refusal with no response of the spec is thrown as problem+json (the edge serialises it),
 * anything else becomes the response, after which `afterAnswer` may schedule background work.
 */
export function answerCall(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  admitted: AdmittedCall,
  mockRequest: MockRequest,
  result: CallResult,
): Response | Promise<Response> {
  const { label, operationId } = result;
  const problems = result.kind === 'problem' ? result.problem.errors : result.problems;
  if (operationId !== undefined || problems !== undefined || label)
    amendCall(request, { operation: operationId, problems, steered: label ?? undefined });
  if (result.latencyMs > 0)
    return delay(result.latencyMs).then(() => answerNow(request, env, ctx, admitted, mockRequest, result));
  return answerNow(request, env, ctx, admitted, mockRequest, result);
}

function answerNow(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  admitted: AdmittedCall,
  mockRequest: MockRequest,
  result: CallResult,
): Response {
  const { label, operationId } = result;
  const steered = label ? { [STEERED_HEADER]: label } : undefined;
  if (result.kind === 'problem') {
    const { problem } = result;
    throw new ProblemError(steered ? { ...problem, headers: { ...problem.headers, ...steered } } : problem);
  }
  const body = sentBody(mockRequest.method, result.response);
  const response = sameHeaders(result)
    ? repeated(request, mockRequest, body, result.response, operationId)
    : respond(
        request,
        mockRequest,
        body,
        result.response,
        responseHeaders(result.response, operationId, label),
      );
  if (worksAfter(admitted.target))
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

/**
 * A kept answer to a call without a steering label: its headers are the same on every call from
 * the same origin but for the RateLimit ones, and built once (decorate.ts).
 */
function sameHeaders(result: Extract<CallResult, { kind: 'answer' }>): boolean {
  return result.repeated === true && !result.label;
}

function repeated(
  request: AppRequest,
  mockRequest: MockRequest,
  body: string | null,
  response: MockResponse,
  operationId: string | undefined,
): Response {
  const origin = headerOf(mockRequest, 'origin');
  const sent = repeatedResponse(payload(body, response), response, request, origin, () =>
    responseHeaders(response, operationId, null),
  );
  if (request.callNote) {
    const { kept, own } = repeatedHeaders(response, request, origin);
    amendCall(request, {
      responseBody: body,
      requestHeaders: mockRequest.headers,
      responseHeaders: new SharedHeaders(kept, own),
    });
  }
  return sent;
}

function respond(
  request: AppRequest,
  mockRequest: MockRequest,
  body: string | null,
  response: MockResponse,
  headers: Record<string, string>,
): Response {
  // Only a logged call reads the request's every header back (mock-request.ts).
  if (request.callNote)
    amendCall(request, { responseBody: body, requestHeaders: mockRequest.headers, responseHeaders: headers });
  return decoratedResponse(payload(body, response), response.status, headers, request);
}

/** What goes on the wire: a file's bytes travel as base64 in the engine, the log and hooks. */
function payload(body: string | null, { encoding }: MockResponse): string | Uint8Array | null {
  return body !== null && encoding === 'base64' ? bytesOf(body) : body;
}

function sentBody(method: string, { status, body }: MockResponse): string | null {
  return status === 204 || status === 304 || method === 'HEAD' ? null : body;
}

/** The operation id as a header value: printable ASCII, capped. */
const UNPRINTABLE = /[^\x20-\x7e]/g;

/** The mock's headers are a plain record with lower-case names (a cached answer's shared one: copied). */
function responseHeaders(
  response: MockResponse,
  operationId: string | undefined,
  steered: string | null,
): Record<string, string> {
  const headers = { ...response.headers };
  if (operationId !== undefined)
    headers['x-specmock-operation'] = operationId.slice(0, 200).replace(UNPRINTABLE, '?');
  if (steered) headers[STEERED_HEADER] = steered;
  return headers;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
