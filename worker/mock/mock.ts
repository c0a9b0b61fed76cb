import type { Problem } from '../http/problem';
import { checkSecurity, parseCookies } from './check-security';
import { generate } from './generate/index';
import { compileRoutes, matchRoute, type CompiledRoutes } from './match';
import { concreteType, negotiate } from './negotiate';
import type { JsonValue, MediaPlan, OperationPlan, Plan, ResponsePlan, Schema } from './plan';
import { readPreferences, withoutPreferenceParams, type Preferences } from './prefer';
import { sampleStatic } from './sample-static';
import { selectResponse, specResponseFor } from './select-response';
import { serializeBody } from './serialize';
import type { LayerAnswer, StateLayer } from './state-layer';
import { validateRequest, type RequestBody } from './validate-request';
import { lenientReason } from './lenient-reason';

export type { LayerAnswer, StateLayer, ValidatedCall } from './state-layer';

export interface MockRequest {
  method: string;
  /** The path below the mock URL, percent-encoded as received, starting with "/". */
  path: string;
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

/** Says that a body was served with the author's evident intent, not the strict reading (README). */
export const LENIENT_HEADER = 'x-specmock-lenient';

type Rendered = { ok: true; response: MockResponse } | { ok: false; problem: Problem };

/**
 * The pure mock: request in, response or problem out. No I/O, no parsing of the spec. The order of
 * checks is Prism's: route, security (401), body media type (415), validation (422/400), and only
 * then the response the caller prefers.
 */
export function mock(target: MockTarget, request: MockRequest, layer?: StateLayer): MockOutcome {
  const match = matchRoute(target.routes, request.method, request.path);
  if (match.kind === 'no-path') {
    return {
      ok: false,
      problem: {
        type: 'route-not-found',
        detail: `No operation in this API matches ${request.path || '/'}.`,
      },
    };
  }
  if (match.kind === 'no-method') {
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
  const { operation, pathParams } = match;
  if (operation.brokenRef) {
    const { ref, pointer } = operation.brokenRef;
    return {
      ok: false,
      problem: {
        type: 'unresolved-ref',
        detail: `${operation.method.toUpperCase()} ${operation.path} uses $ref "${ref}" (at ${pointer || '/'}), which does not resolve to anything in the document.`,
        extensions: { ref, pointer },
      },
    };
  }
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
  const finish = (rendered: Rendered, status: number): MockOutcome => {
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
  if (!security.ok) {
    const spec = specResponseFor(operation, 401);
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

  const check = validateRequest(target.plan, operation, {
    pathParams,
    query,
    headers: request.headers,
    cookies,
    body: request.body,
  });
  if (!check.ok) {
    for (const status of check.status === 415 ? [415] : [422, 400]) {
      const spec = specResponseFor(operation, status);
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

function renderLayered(
  ctx: RenderContext,
  answer: Exclude<LayerAnswer, { ok: false }>,
  prefsFor: (status: number) => Preferences,
): Rendered {
  const rendered = renderResponse(ctx, answer.response, prefsFor(answer.status), answer.status, answer.value);
  if (rendered.ok) Object.assign(rendered.response.headers, answer.headers);
  return rendered;
}

interface RenderContext {
  target: MockTarget;
  request: MockRequest;
  operation: OperationPlan;
  query: [string, string][];
  /** The status being rendered: generated bodies are consistent with it (realism). */
  status?: number;
  pathParams: Record<string, string>;
  prefs: Preferences;
  seed: string;
}

function renderResponse(
  outer: RenderContext,
  spec: ResponsePlan,
  prefs: Preferences,
  status: number,
  stored?: JsonValue,
): Rendered {
  const ctx = { ...outer, status };
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(spec.headers)) {
    if (name.toLowerCase() === 'content-type') continue;
    const value = header.examples[0]?.value ?? valueFor(ctx, header.schema, `header:${name}`, prefs.dynamic);
    if (value !== undefined && value !== null)
      headers[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
  }

  const types = Object.keys(spec.content);
  if (types.length === 0) return { ok: true, response: { status: 200, headers, body: null } };
  const chosen = negotiate(types, ctx.request.headers.accept);
  if (chosen === undefined) {
    return {
      ok: false,
      problem: {
        type: 'not-acceptable',
        detail: `None of the response media types (${types.join(', ')}) matches Accept: ${ctx.request.headers.accept}.`,
        extensions: { available: types },
      },
    };
  }
  const media = spec.content[chosen];
  const body = stored !== undefined ? { ok: true as const, value: stored } : bodyValue(ctx, media, prefs);
  if (!body.ok) return body;
  const type = concreteType(chosen, ctx.request.headers.accept);
  headers['content-type'] = type;
  if (body.value === undefined) return { ok: true, response: { status: 200, headers, body: '' } };
  let text = serializeBody(body.value, type, media.schema);
  let lenient = body.lenient;
  // An object under text/*: a caller who asked for text gets Prism's 500; one who did not (no
  // Accept, */*) gets the JSON text the author evidently meant, marked as such.
  if (!text.ok && !/(^|,)\s*text\//i.test(ctx.request.headers.accept ?? '')) {
    text = { ok: true, body: JSON.stringify(body.value) };
    lenient = 'structured-value-as-text';
  }
  if (!text.ok) return { ok: false, problem: { type: 'unserializable-body', detail: text.detail } };
  if (lenient !== undefined) headers[LENIENT_HEADER] = lenient;
  return { ok: true, response: { status: 200, headers, body: text.body } };
}

function bodyValue(
  ctx: RenderContext,
  media: MediaPlan,
  prefs: Preferences,
): { ok: true; value: JsonValue | undefined; lenient?: string } | { ok: false; problem: Problem } {
  if (prefs.example !== undefined) {
    const named = media.examples.find((e) => e.name === prefs.example);
    if (named) return { ok: true, value: named.value };
    const dropped = media.dropped?.find((e) => e.name === prefs.example);
    const available = `available: ${media.examples.map((e) => e.name).join(', ') || 'none'}`;
    return {
      ok: false,
      problem: {
        type: 'example-not-found',
        detail: dropped
          ? `The example "${dropped.name}" was dropped at publish: ${dropped.reason}; ${available}.`
          : `No example named "${prefs.example}"; ${available}.`,
        ...(dropped ? { extensions: { dropped: dropped.reason } } : {}),
      },
    };
  }
  if (prefs.dynamic !== true && media.examples.length > 0)
    return { ok: true, value: media.examples[0].value };
  if (media.schema === undefined) return { ok: true, value: undefined };
  const example = media.examples[0]?.value;
  let result = generateFor(ctx, media.schema, '', prefs.dynamic, media.lenient !== undefined, example);
  let lenient = media.lenient;
  if (!result.ok && lenient === undefined) {
    // A failure ingest's check did not meet (another seed, another depth): the lenient reading.
    const second = generateFor(ctx, media.schema, '', prefs.dynamic, true, example);
    if (second.ok) {
      lenient = lenientReason(result.reason);
      result = second;
    }
  }
  if (!result.ok) {
    return {
      ok: false,
      problem: {
        type: 'unsatisfiable-schema',
        detail: `The response schema cannot be satisfied at ${result.pointer || '/'}: ${result.reason}`,
        extensions: { pointer: result.pointer },
      },
    };
  }
  // Prism's dynamic mode answers with alphabetized keys; `dynamic=true` does the same, while the
  // default keeps the schema's order.
  return {
    ok: true,
    value: prefs.dynamic === true ? sortKeys(result.value) : result.value,
    ...(lenient !== undefined ? { lenient } : {}),
  };
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** dynamic=false asks for Prism's static values; otherwise faker-backed generation, seeded. */
function generateFor(
  ctx: RenderContext,
  schema: Schema,
  salt: string,
  dynamic: boolean | undefined,
  lenient = false,
  example?: JsonValue,
) {
  const defs = ctx.target.plan.defs;
  if (dynamic === false && !lenient) {
    const still = sampleStatic(schema, defs, 'response');
    if (still.ok) return still;
  }
  return generate(schema, {
    seed: `${ctx.seed}${salt}`,
    defs,
    pathParams: ctx.pathParams,
    refDate: ctx.target.refDate,
    dynamic: dynamic === true,
    direction: 'response',
    lenient,
    realism: {
      status: ctx.status,
      method: ctx.request.method,
      pathTemplate: ctx.operation.path,
      requestPath: ctx.request.path,
      query: ctx.query,
    },
    ...(example !== undefined ? { example } : {}),
  });
}

function valueFor(
  ctx: RenderContext,
  schema: Schema,
  salt: string,
  dynamic: boolean | undefined,
): JsonValue | undefined {
  const result = generateFor(ctx, schema, `\u0000${salt}`, dynamic);
  return result.ok ? result.value : undefined;
}

/** Same method, path, query and seed → same seed string → byte-identical body. */
function seedOf(method: string, path: string, query: [string, string][], prefs: Preferences): string {
  const sorted = query
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return `${prefs.seed ?? ''}\u0000${verb}\u0000${path}\u0000${sorted}`;
}
