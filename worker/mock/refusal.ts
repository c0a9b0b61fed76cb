import type { Problem } from '../http/problem';
import { withReason } from './error-body';
import { withStatusKind } from './error-kind';
import type { MockOutcome } from './call';
import { isJsonMediaType, negotiate } from './negotiate';
import { reportsErrorsInBand } from './in-band-errors';
import type { OperationPlan, ResponsePlan } from './plan';
import type { Preferences } from './prefer';
import { bodyValue, LENIENT_HEADER, renderResponse, type RenderContext } from './render-response';
import { responseFor, specResponseFor } from './select-response';

/**
 * The mock's own refusals (401, 404, 405, 406, 415, 422/400, and a sandbox's 404/409/413) answered in
 * the API's own error shape when the spec has one for the status, so an SDK that checks the status
 * and then parses its error type gets both right. specmock's diagnosis travels beside the body: in
 * these headers (every refusal has them, problem+json ones too) and in the request log.
 */
export const PROBLEM_HEADER = 'x-specmock-problem';
export const PROBLEM_DETAIL_HEADER = 'x-specmock-problem-detail';
const MAX_DETAIL_HEADER = 512;

export interface ErrorResponse {
  response: ResponsePlan;
  status: number;
  /** The operation whose response it is, when not the call's own (route-refusal.ts). */
  operation?: OperationPlan;
}

/**
 * The operation's response for a refusal: for each status in turn its exact code, then its range
 * (Prism's order: 422, `4XX`, 400), then `default` as the first status, the order `Prefer: code=`
 * follows. A `default` counts only when it describes an error: it has content, and it is not what
 * the operation's successes are served as (an operation with no 2xx answers everything as `default`).
 */
export function errorResponseFor(operation: OperationPlan, statuses: number[]): ErrorResponse | undefined {
  for (const status of statuses) {
    const own = specResponseFor(operation, status);
    if (own) return { response: own, status };
  }
  const fallback = responseFor(operation, statuses[0]);
  if (!fallback || Object.keys(fallback.content).length === 0) return undefined;
  const succeeds = operation.responses.some((r) => r.status.startsWith('2'));
  return succeeds ? { response: fallback, status: statuses[0] } : undefined;
}

/** The refusal as the spec's error response (when `at` names one), else as problem+json. */
export function refuse(
  problem: Problem,
  at?: ErrorResponse & { ctx: RenderContext; prefs: Preferences },
): MockOutcome {
  const headers = { ...problem.headers, ...diagnosis(problem) };
  const plain: MockOutcome = { ok: false, problem: { ...problem, headers } };
  if (!at) return plain;
  const rendered = renderRefusal(at.ctx, at, at.prefs, problem.detail);
  // An example the caller named that does not exist is their mistake to hear about (Prism: 404);
  // an error response that cannot be rendered (unsatisfiable) must not hide the refusal.
  if (!rendered.ok) return rendered.problem.type === 'example-not-found' ? rendered : plain;
  const response = rendered.response;
  // Rendered as the refusal's status (its error kind), sent as the API sends its errors.
  const owner = at.operation ?? at.ctx.operation;
  const inBand = at.response.status === 'DEFAULT' && reportsErrorsInBand(owner, at.ctx.target.plan.defs);
  response.status = inBand ? 200 : at.status;
  Object.assign(response.headers, headers);
  if (at.ctx.request.method.toUpperCase() === 'HEAD') response.body = null;
  const errors = problem.errors && problem.errors.length > 0 ? problem.errors : [{ message: problem.detail }];
  return { ok: false, problem: { ...problem, headers, errors }, response };
}

function renderRefusal(
  ctx: RenderContext,
  { response, status }: ErrorResponse,
  prefs: Preferences,
  reason: string,
) {
  const types = Object.keys(response.content);
  if (types.length === 0) return renderResponse(ctx, response, prefs, status);
  // The refusal itself may be that Accept matches nothing: error bodies are sent in a type the spec
  // has for them whatever Accept says (RFC 9110 §15.5.7 allows it), JSON first.
  const accept = ctx.request.headers.accept;
  const chosen = negotiate(types, accept) ?? types.find(isJsonMediaType) ?? types[0];
  const request = { ...ctx.request, headers: { ...ctx.request.headers, accept: chosen } };
  const here: RenderContext = { ...ctx, request, status };
  // An example the caller named (`Prefer: code=422, example=tooShort`) is served as written.
  if (prefs.example !== undefined) return renderResponse(here, response, prefs, status);
  const media = response.content[chosen];
  const body = bodyValue(here, media, prefs, chosen);
  if (!body.ok || body.value === undefined || media.schema === undefined)
    return renderResponse(here, response, prefs, status);
  const defs = ctx.target.plan.defs;
  const kind = body.generated ? withStatusKind(body.value, media.schema, defs, status) : body.value;
  const value = withReason(kind, media.schema, defs, reason);
  const rendered = renderResponse(here, response, prefs, status, value);
  if (rendered.ok && body.lenient !== undefined) rendered.response.headers[LENIENT_HEADER] = body.lenient;
  return rendered;
}

/** Header values are ASCII: anything else becomes `?`, and the detail is cut to a sane length. */
export function diagnosis(problem: Problem): Record<string, string> {
  const detail = problem.detail.replace(/[^\x20-\x7e]/g, '?');
  return {
    [PROBLEM_HEADER]: problem.type,
    [PROBLEM_DETAIL_HEADER]: detail.slice(0, MAX_DETAIL_HEADER),
  };
}
