import type { Problem } from '../http/problem';
import { checkSecurity, parseCookies } from './check-security';
import { compileRoutes, matchRoute, type CompiledRoutes } from './match';
import { negotiate } from './negotiate';
import type { JsonValue, OperationPlan, Plan, ResponsePlan } from './plan';
import { readPreferences, withoutPreferenceParams, type Preferences } from './prefer';
import { selectResponse, specResponseFor } from './select-response';
import type { StateLayer } from './state-layer';
import {
  bodyValue,
  renderLayered,
  renderResponse,
  seedOf,
  type RenderContext,
  type Rendered,
} from './render-response';
import { validateRequest, type RequestBody } from './validate-request';

export type { LayerAnswer, StateLayer, ValidatedCall } from './state-layer';

export interface MockRequest {
  method: string;
  /** The path below the mock URL, percent-encoded as received, starting with "/". */
  path: string;
  /**
   * The absolute URL the spec's paths are relative to: the mock or sandbox URL of the path form
   * (`https://host/mock/petstore/1.0.0`), or a mock host's origin (`https://petstore.mock.example.com`).
   */
  baseUrl?: string;
  query: [string, string][];
  /** Lower-cased names. */
  headers: Record<string, string>;
  body?: RequestBody;
  /**
   * Preferences from the API's behaviour settings (a forced status or example). The request's own
   * preferences win over them.
   */
  steer?: Pick<Preferences, 'code' | 'example'>;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export type MockOutcome =
  | {
      ok: true;
      response: MockResponse;
      operation: OperationPlan;
      /** Set when the spec's own 4xx answered a request that failed validation: why it failed. */
      problems?: Problem['errors'];
    }
  | { ok: false; problem: Problem };

/** Everything the mock needs about one published version, built once per isolate. */
export interface MockTarget {
  plan: Plan;
  routes: CompiledRoutes;
  /** Publish time of the version: "now" for generated dates, so bodies never drift between runs. */
  refDate: number;
}

export function prepareTarget(plan: Plan, refDate: number): MockTarget {
  return { plan, routes: compileRoutes(plan), refDate };
}

type Finish = (rendered: Rendered, status: number) => MockOutcome;

function routeProblem(
  match: Exclude<ReturnType<typeof matchRoute>, { kind: 'found' }>,
  request: MockRequest,
): MockOutcome {
  if (match.kind === 'no-path') {
    return {
      ok: false,
      problem: {
        type: 'route-not-found',
        detail: `No operation in this API matches ${request.path || '/'}.`,
      },
    };
  }
  return {
    ok: false,
    problem: {
      type: 'method-not-allowed',
      detail: `${request.method.toUpperCase()} is not defined for ${request.path}; allowed: ${match.allow.join(', ')}.`,
      headers: { allow: match.allow.join(', ') },
      extensions: { allow: match.allow },
    },
  };
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

/** 401: the spec's own 401 response when it has one (with WWW-Authenticate), else a problem. */
function refuseUnauthenticated(
  ctx: RenderContext,
  security: Extract<ReturnType<typeof checkSecurity>, { ok: false }>,
  finish: Finish,
  prefsFor: (status: number) => Preferences,
): MockOutcome {
  const spec = specResponseFor(ctx.operation, 401);
  const headers = security.wwwAuthenticate ? { 'www-authenticate': security.wwwAuthenticate } : undefined;
  if (spec) {
    const rendered = renderResponse(ctx, spec, prefsFor(401), 401);
    if (rendered.ok) Object.assign(rendered.response.headers, headers);
    return finish(rendered, 401);
  }
  return {
    ok: false,
    problem: { type: 'security-required', detail: security.detail, ...(headers ? { headers } : {}) },
  };
}

/** 415, else 422 or 400: the spec's own response for the first it defines, else a problem. */
function refuseInvalid(
  ctx: RenderContext,
  check: Extract<ReturnType<typeof validateRequest>, { ok: false }>,
  finish: Finish,
  prefsFor: (status: number) => Preferences,
): MockOutcome {
  for (const status of check.status === 415 ? [415] : [422, 400]) {
    const spec = specResponseFor(ctx.operation, status);
    if (spec) {
      const outcome = finish(renderResponse(ctx, spec, prefsFor(status), status), status);
      return outcome.ok ? { ...outcome, problems: check.errors } : outcome;
    }
  }
  return {
    ok: false,
    problem: {
      type: check.status === 415 ? 'unsupported-media-type' : 'invalid-request',
      detail: check.detail,
      errors: check.errors,
    },
  };
}

/**
 * The pure mock: request in, response or problem out. No I/O, no parsing of the spec. The order of
 * checks is Prism's: route, security (401), body media type (415), validation (422/400), and only
 * then the response the caller prefers.
 */
export function mock(target: MockTarget, request: MockRequest, layer?: StateLayer): MockOutcome {
  const match = matchRoute(target.routes, request.method, request.path);
  if (match.kind !== 'found') return routeProblem(match, request);
  const { operation, pathParams } = match;
  if (operation.brokenRef) return brokenRefProblem(operation, operation.brokenRef);
  const own = readPreferences(request.headers.prefer, request.query);
  const prefs: Preferences =
    request.steer && own.code === undefined && own.example === undefined ? { ...own, ...request.steer } : own;
  // The request's own query, without the `__code`-style preferences: what is validated and seeded.
  const query = withoutPreferenceParams(request.query);
  const ctx: RenderContext = {
    target,
    request,
    operation,
    query,
    pathParams,
    prefs,
    seed: seedOf(request.method, request.path, query, prefs),
  };
  const finish: Finish = (rendered, status) => {
    if (!rendered.ok) return rendered;
    rendered.response.status = status;
    if (request.method.toUpperCase() === 'HEAD') rendered.response.body = null;
    return { ok: true, response: rendered.response, operation };
  };

  // An example preference names an example of the response the caller asked for; it applies to a
  // response the mock chose instead (401, 415, 422, 400) only when the caller asked for that code.
  const prefsFor = (status: number): Preferences =>
    prefs.code === String(status)
      ? prefs
      : { ...(prefs.dynamic !== undefined ? { dynamic: prefs.dynamic } : {}) };
  const cookies = parseCookies(request.headers.cookie);
  const security = checkSecurity(target.plan, operation, {
    headers: request.headers,
    query: request.query,
    cookies,
  });
  if (!security.ok) return refuseUnauthenticated(ctx, security, finish, prefsFor);

  const check = validateRequest(target.plan, operation, {
    pathParams,
    query,
    headers: request.headers,
    cookies,
    body: request.body,
  });
  if (!check.ok) return refuseInvalid(ctx, check, finish, prefsFor);

  // Stateful sandboxes decide the body here, after every check a stateless call passes.
  const answer = layer?.({ operation, pathParams, query, prefs, request });
  if (answer)
    return 'problem' in answer ? answer : finish(renderLayered(ctx, answer, prefsFor), answer.status);

  const selection = selectResponse(operation, prefs.code);
  if (!selection.ok) return selection;
  return finish(renderResponse(ctx, selection.response, prefs, selection.status), selection.status);
}

/**
 * The body value the stateless mock serves for `response` of `operation` at `path` (JSON media
 * first), so a state layer can start from exactly what stateless calls return for a seed.
 */
export function statelessValue(
  target: MockTarget,
  operation: OperationPlan,
  response: ResponsePlan,
  call: { path: string; pathParams: Record<string, string>; query: [string, string][]; prefs: Preferences },
): JsonValue | undefined {
  const types = Object.keys(response.content);
  const chosen = negotiate(types, 'application/json') ?? types[0];
  if (chosen === undefined) return undefined;
  const request: MockRequest = { method: operation.method, path: call.path, query: call.query, headers: {} };
  const ctx: RenderContext = {
    target,
    request,
    operation,
    query: call.query,
    pathParams: call.pathParams,
    prefs: call.prefs,
    seed: seedOf(operation.method, call.path, call.query, call.prefs),
  };
  const body = bodyValue(ctx, response.content[chosen], call.prefs);
  return body.ok ? body.value : undefined;
}
