import { PROBLEMS, type Problem } from '../http/problem';
import { checkSecurity, parseCookies } from './check-security';
import type { CallReading, MockOutcome, MockRequest, MockTarget, ReadCall } from './call';
import { awsJsonCall } from './aws-json-call';
import { awsQueryCall } from './aws-query';
import { awsRestCall } from './aws-rest-call';
import { formPostAsGet } from './form-as-query';
import { spannedPath } from './rest-of-path';
import { fragmentPath } from './fragment-path';
import { compileRoutes, matchRoute, withoutBasePath, type FoundRoute, type MatchResult } from './match';
import { negotiate } from './negotiate';
import type { JsonValue, OperationPlan, Plan, ResponsePlan } from './plan';
import type { ListState } from './realism/request';
import { readPreferences, withoutPreferenceParams, type Preferences } from './prefer';
import { errorResponseFor, refuse } from './refusal';
import { refuseRoute, sharedErrorFor } from './route-refusal';
import { selectResponse, type Selection } from './select-response';
import type { StateLayer, ValidatedCall } from './state-layer';
import {
  bodyValue,
  renderLayered,
  renderResponse,
  seedOf,
  type RenderContext,
  type Rendered,
} from './render-response';
import { validateRequest } from './validate-request';
import { readableRefusal } from './vendor-errors';

export type { LayerAnswer, StateLayer, ValidatedCall } from './state-layer';
export type { CallReading, MockOutcome, MockRequest, MockTarget } from './call';

export function prepareTarget(plan: Plan, refDate: number): MockTarget {
  return { plan, routes: compileRoutes(plan), refDate };
}

function brokenRefProblem(
  operation: OperationPlan,
  { ref, pointer }: { ref: string; pointer: string },
): MockOutcome {
  return {
    ok: false,
    problem: {
      type: 'unresolved-ref',
      detail: `${operation.method.toUpperCase()} ${operation.path} uses $ref "${ref}" (at ${pointer || '/'}), which does not resolve to anything in the document.`,
      extensions: { ref, pointer },
    },
  };
}

/** The route and the caller's own preferences, read once per call; `mock()` takes them as read. */
function readCall(target: MockTarget, request: MockRequest): CallReading {
  // An RPC call names its operation in a header or the query where its description writes it into
  // the path key (`/#X-Amz-Target=…`, `/{Bucket}#uploads`): that key, when the call meets it.
  const keyed = fragmentPath(target.plan, target.routes, request);
  return {
    match: matchRoute(target.routes, request.method, keyed ?? request.path),
    own: readPreferences(request.headers.prefer, request.query),
    // The request's own query, without the `__code`-style preferences: what is validated and seeded.
    query: withoutPreferenceParams(request.query),
  };
}

/**
 * The call as routed: the request itself, or the call it was rewritten to when no route takes it
 * as sent (`rewrite`), with its reading. The edge names the operation, keeps the answer and applies
 * the behaviour settings by this one, so a call through the server's base path (`/v1/...`, what an
 * SDK pointed at the mock's root sends) is the same operation as the call without it.
 */
export function routeCall(target: MockTarget, request: MockRequest): ReadCall {
  const reading = readCall(target, request);
  if (reading.match.kind === 'found') return { request, reading };
  const rewritten = rewrite(target, request, reading.match);
  if (!rewritten) return { request, reading };
  const again = readCall(target, rewritten);
  return again.match.kind === 'found' ? { request: rewritten, reading: again } : { request, reading };
}

/**
 * The call a client meant when no route takes it as sent: an SDK whose base URL is the mock's root
 * sends the server's base path too (`/v3/...`), RPC-style SDKs POST a GET-only method as a form,
 * and a path value may come unencoded, spanning segments (`rest-of-path.ts`).
 */
function rewrite(
  target: MockTarget,
  request: MockRequest,
  match: Exclude<MatchResult, { kind: 'found' }>,
): MockRequest | undefined {
  if (match.kind === 'no-method') return formPostAsGet(request, match);
  const inner = withoutBasePath(target.plan.basePath, request.path);
  // Links the answer makes keep the base path the client sent (Graph's `@odata.nextLink` under `/v1.0`).
  const below = (path: string): MockRequest => ({
    ...request,
    path,
    ...(request.baseUrl !== undefined ? { baseUrl: `${request.baseUrl}${target.plan.basePath}` } : {}),
  });
  if (inner !== undefined && matchRoute(target.routes, request.method, inner).kind !== 'no-path')
    return below(inner);
  const joined = spannedPath(target.routes, request.method, inner ?? request.path);
  if (joined === undefined) return undefined;
  return inner !== undefined ? below(joined) : { ...request, path: joined };
}

/** Of other operations the path matches alike, the first whose request the call satisfies. */
function otherTaking(
  target: MockTarget,
  request: MockRequest,
  match: FoundRoute,
  query: [string, string][],
  cookies: Record<string, string>,
): FoundRoute | undefined {
  return match.others?.().find(
    (other) =>
      validateRequest(target.plan, other.operation, {
        pathParams: other.pathParams,
        query,
        headers: request.headers,
        cookies,
        body: request.body,
      }).ok,
  );
}

/** Why the call's credentials do not satisfy the operation's security, with the challenge to send. */
function securityProblem(
  plan: Plan,
  operation: OperationPlan,
  request: MockRequest,
  cookies: Record<string, string>,
): Problem | undefined {
  const security = checkSecurity(plan, operation, {
    headers: request.headers,
    query: request.query,
    cookies,
  });
  if (security.ok) return undefined;
  const challenge = security.wwwAuthenticate
    ? { headers: { 'www-authenticate': security.wwwAuthenticate } }
    : {};
  return { type: 'security-required', detail: security.detail, ...challenge };
}

/**
 * An upload's file name is part of what a multipart create sent (OpenAI's `files.create` answers
 * `filename: "train.jsonl"`): the decoded fields carry it as `filename` unless a field has that name.
 */
function withFilename(body: JsonValue | undefined, request: MockRequest): JsonValue | undefined {
  const name = request.body?.files?.[0]?.[1];
  if (name === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return 'filename' in body ? body : { ...body, filename: name };
}

/**
 * The pure mock: request in, response or problem out. No I/O, no parsing of the spec. The order of
 * checks is Prism's: route, security (401), body media type (415), validation (422/400), and only
 * then the response the caller prefers. Every refusal goes through `refuse`: in the API's own error
 * shape where the spec has one for its status, else problem+json. `reading` is the call as
 * `readCall` read it, when the caller already needed it (the behaviour settings do). An AWS SDK's
 * SDK's call is read as its description reads it first (aws-query.ts, aws-json-call.ts,
 * aws-rest-call.ts).
 */
export function mock(
  target: MockTarget,
  request: MockRequest,
  layer?: StateLayer,
  reading: CallReading = readCall(target, request),
): MockOutcome {
  const call = asDescribed(target, request, reading);
  return readableRefusal(target.plan, request, decide(target, call.request, layer, call.reading));
}

/** The call as its description reads it: an AWS SDK's call in its SDK's protocol (aws-*-call.ts). */
function asDescribed(target: MockTarget, request: MockRequest, reading: CallReading): ReadCall {
  const { plan } = target;
  return (
    awsQueryCall(plan, request, reading) ??
    awsJsonCall(plan, request, reading) ??
    awsRestCall(plan, request, reading) ?? { request, reading }
  );
}

function decide(
  target: MockTarget,
  request: MockRequest,
  layer: StateLayer | undefined,
  reading: CallReading,
): MockOutcome {
  const { match, own, query } = reading;
  if (match.kind !== 'found') {
    // A rewritten call is read afresh: its route and query are not the ones the caller sent.
    const rewritten = rewrite(target, request, match);
    const again = rewritten && asDescribed(target, rewritten, readCall(target, rewritten));
    return again
      ? decide(target, again.request, layer, again.reading)
      : refuseRoute(target, request, match, reading);
  }
  const { operation, pathParams } = match;
  if (operation.brokenRef) return brokenRefProblem(operation, operation.brokenRef);
  const prefs: Preferences =
    request.steer && own.code === undefined && own.example === undefined ? { ...own, ...request.steer } : own;
  const ctx: RenderContext = {
    target,
    request,
    operation,
    query,
    pathParams,
    prefs,
    seed: seedOf(request.method, request.path, query, prefs),
  };
  // An example preference names an example of the response the caller asked for; it applies to a
  // response the mock chose instead (401, 415, 422, 400) only when the caller asked for that code.
  const prefsFor = (status: number): Preferences =>
    prefs.code === String(status)
      ? prefs
      : { ...(prefs.dynamic !== undefined ? { dynamic: prefs.dynamic } : {}) };
  const refuseWith = (problem: Problem, statuses: number[]): MockOutcome => {
    // An operation that defines no response for the status answers in the API's usual one for it.
    const at = errorResponseFor(operation, statuses) ?? sharedErrorFor(target, statuses);
    return refuse(problem, at && { ...at, ctx, prefs: prefsFor(at.status) });
  };
  const finish = (rendered: Rendered, status: number, call: ValidatedCall): MockOutcome => {
    if (!rendered.ok)
      return rendered.problem.type === 'not-acceptable' ? refuseWith(rendered.problem, [406]) : rendered;
    rendered.response.status = status;
    if (request.method.toUpperCase() === 'HEAD') rendered.response.body = null;
    return { ok: true, response: rendered.response, operation, call };
  };

  const cookies = parseCookies(request.headers.cookie);
  const unauthorized = securityProblem(target.plan, operation, request, cookies);
  if (unauthorized) return refuseWith(unauthorized, [401]);

  const check = validateRequest(target.plan, operation, {
    pathParams,
    query,
    headers: request.headers,
    cookies,
    body: request.body,
  });
  if (!check.ok) {
    const other = check.status === 422 ? otherTaking(target, request, match, query, cookies) : undefined;
    if (other) return decide(target, request, layer, { ...reading, match: other });
    const type = check.status === 415 ? 'unsupported-media-type' : 'invalid-request';
    const problem: Problem = { type, detail: check.detail, errors: check.errors };
    return refuseWith(problem, check.status === 415 ? [415] : [422, 400]);
  }

  // Stateful sandboxes decide the body here, after every check a stateless call passes.
  const body = withFilename(check.body as JsonValue | undefined, request);
  // A form POST read as its GET sent its fields all the same: the answer is about what they name.
  const sent = body ?? (request.fields && Object.fromEntries(request.fields));
  if (sent !== undefined) ctx.sent = sent;
  const call: ValidatedCall = {
    operation,
    pathParams,
    query,
    prefs,
    request,
    ...(body !== undefined ? { body } : {}),
  };
  const answer = layer?.(call);
  if (answer && 'problem' in answer) {
    const status = answer.problem.status ?? PROBLEMS[answer.problem.type].status;
    return status >= 400 && status < 500 ? refuseWith(answer.problem, [status]) : answer;
  }
  if (answer) return finish(renderLayered(ctx, answer, prefsFor), answer.status, call);

  const selection = chooseResponse(target, operation, prefs.code);
  if (!selection.ok) return selection;
  return finish(renderResponse(ctx, selection.response, prefs, selection.status), selection.status, call);
}

/**
 * The response the caller prefers; an error status the operation does not define is served in the
 * shape the API uses for it elsewhere, so `Prefer: code=` and the mock's own refusals agree.
 */
function chooseResponse(target: MockTarget, operation: OperationPlan, code: string | undefined): Selection {
  const selection = selectResponse(operation, code);
  if (selection.ok || selection.problem.type !== 'status-not-defined') return selection;
  const status = Number(code);
  const shared = status >= 400 ? sharedErrorFor(target, [status]) : undefined;
  return shared ? { ok: true, response: shared.response, status } : selection;
}

/**
 * The body value the stateless mock serves for `response` of `operation` at `path` (JSON media
 * first), so a state layer can start from exactly what stateless calls return for a seed.
 */
export function statelessValue(
  target: MockTarget,
  operation: OperationPlan,
  response: ResponsePlan,
  call: {
    path: string;
    pathParams: Record<string, string>;
    query: [string, string][];
    prefs: Preferences;
    /** The sandbox URL: next-page links lead into the sandbox, not to made-up hosts. */
    baseUrl?: string;
    /** The list's pages as the sandbox holds them: its paging members end there. */
    listState?: ListState;
  },
): JsonValue | undefined {
  const types = Object.keys(response.content);
  const chosen = negotiate(types, 'application/json') ?? types[0];
  if (chosen === undefined) return undefined;
  const request: MockRequest = {
    method: operation.method,
    path: call.path,
    query: call.query,
    headers: {},
    ...(call.baseUrl !== undefined ? { baseUrl: call.baseUrl } : {}),
  };
  const ctx: RenderContext = {
    target,
    request,
    operation,
    query: call.query,
    pathParams: call.pathParams,
    prefs: call.prefs,
    seed: seedOf(operation.method, call.path, call.query, call.prefs),
    ...(call.listState !== undefined ? { listState: call.listState } : {}),
  };
  const body = bodyValue(ctx, response.content[chosen], call.prefs, chosen);
  return body.ok ? body.value : undefined;
}
