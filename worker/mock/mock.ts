import type { Problem } from '../http/problem';
import { checkSecurity, parseCookies } from './check-security';
import { generate } from './generate/index';
import { compileRoutes, matchRoute, type CompiledRoutes } from './match';
import { negotiate } from './negotiate';
import type { JsonValue, MediaPlan, OperationPlan, Plan, ResponsePlan, Schema } from './plan';
import { readPreferences, withoutPreferenceParams, type Preferences } from './prefer';
import { sampleStatic } from './sample-static';
import { selectResponse, specResponseFor } from './select-response';
import { serializeBody } from './serialize';
import { validateRequest, type RequestBody } from './validate-request';
import { lenientReason } from './lenient-reason';

export interface MockRequest {
  method: string;
  /** The path below the mock URL, percent-encoded as received, starting with "/". */
  path: string;
  query: [string, string][];
  /** Lower-cased names. */
  headers: Record<string, string>;
  body?: RequestBody;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export type MockOutcome =
  { ok: true; response: MockResponse; operation: OperationPlan } | { ok: false; problem: Problem };

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
export function mock(target: MockTarget, request: MockRequest): MockOutcome {
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
  const prefs = readPreferences(request.headers.prefer, request.query);
  // The request's own query, without the `__code`-style preferences: what is validated and seeded.
  const query = withoutPreferenceParams(request.query);
  const ctx: RenderContext = {
    target,
    request,
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
    const own = specResponseFor(operation, 401);
    const headers = security.wwwAuthenticate ? { 'www-authenticate': security.wwwAuthenticate } : undefined;
    if (own) {
      const rendered = renderResponse(ctx, own, prefsFor(401));
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
      const own = specResponseFor(operation, status);
      if (own) return finish(renderResponse(ctx, own, prefsFor(status)), status);
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

  const selection = selectResponse(operation, prefs.code);
  if (!selection.ok) return selection;
  return finish(renderResponse(ctx, selection.response, prefs), selection.status);
}

interface RenderContext {
  target: MockTarget;
  request: MockRequest;
  pathParams: Record<string, string>;
  prefs: Preferences;
  seed: string;
}

function renderResponse(ctx: RenderContext, spec: ResponsePlan, prefs: Preferences): Rendered {
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
  const body = bodyValue(ctx, media, prefs);
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
  let result = generateFor(ctx, media.schema, '', prefs.dynamic, media.lenient !== undefined);
  let lenient = media.lenient;
  if (!result.ok && lenient === undefined) {
    // A failure ingest's check did not meet (another seed, another depth): the lenient reading.
    const second = generateFor(ctx, media.schema, '', prefs.dynamic, true);
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

/** A spec may declare `text/*` or `*\/*`; the response still needs one concrete Content-Type. */
function concreteType(chosen: string, accept: string | undefined): string {
  if (!chosen.includes('*')) return chosen;
  const wanted = (accept ?? '')
    .split(',')
    .map((p) => p.split(';')[0].trim())
    .find((t) => t && !t.includes('*'));
  if (wanted) return wanted;
  return chosen.startsWith('text/') ? 'text/plain' : 'application/json';
}
