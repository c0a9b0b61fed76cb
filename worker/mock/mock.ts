import type { Problem } from '../http/problem';
import { generate } from './generate/index';
import { compileRoutes, matchRoute, type CompiledRoutes } from './match';
import { negotiate } from './negotiate';
import type { JsonValue, MediaPlan, OperationPlan, Plan, ResponsePlan } from './plan';
import { readPreferences, type Preferences } from './prefer';
import { selectResponse } from './select-response';
import { serializeBody } from './serialize';

export interface MockRequest {
  method: string;
  /** The path below the mock URL, percent-encoded as received, starting with "/". */
  path: string;
  query: [string, string][];
  /** Lower-cased names. */
  headers: Record<string, string>;
  body?: string;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export type MockOutcome = { ok: true; response: MockResponse; operation: OperationPlan } | { ok: false; problem: Problem };

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

/** The pure mock: request in, response or problem out. No I/O, no parsing of the spec. */
export function mock(target: MockTarget, request: MockRequest): MockOutcome {
  const match = matchRoute(target.routes, request.method, request.path);
  if (match.kind === 'no-path') {
    return { ok: false, problem: { type: 'route-not-found', detail: `No operation in this API matches ${request.path || '/'}.` } };
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
  const prefs = readPreferences(request.headers.prefer, request.query);
  const selection = selectResponse(operation, prefs.code);
  if (!selection.ok) return selection;

  const rendered = renderResponse(target, request, selection.response, pathParams, prefs);
  if (!rendered.ok) return rendered;
  const response = rendered.response;
  response.status = selection.status;
  if (request.method.toUpperCase() === 'HEAD') response.body = null;
  return { ok: true, response, operation };
}

function renderResponse(
  target: MockTarget,
  request: MockRequest,
  spec: ResponsePlan,
  pathParams: Record<string, string>,
  prefs: Preferences,
): { ok: true; response: MockResponse } | { ok: false; problem: Problem } {
  const seed = seedOf(request, prefs);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(spec.headers)) {
    if (name.toLowerCase() === 'content-type') continue;
    const value = header.examples[0]?.value ?? generateValue(target, header.schema, `${seed}\u0000header:${name}`, pathParams, prefs);
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
  }

  const types = Object.keys(spec.content);
  if (types.length === 0) return { ok: true, response: { status: 200, headers, body: null } };
  const chosen = negotiate(types, request.headers.accept);
  if (chosen === undefined) {
    return {
      ok: false,
      problem: {
        type: 'not-acceptable',
        detail: `None of the response media types (${types.join(', ')}) matches Accept: ${request.headers.accept}.`,
        extensions: { available: types },
      },
    };
  }
  const media = spec.content[chosen];
  const body = bodyValue(target, media, seed, pathParams, prefs);
  if (!body.ok) return body;
  headers['content-type'] = concreteType(chosen, request.headers.accept);
  return { ok: true, response: { status: 200, headers, body: body.value === undefined ? '' : serializeBody(body.value, chosen) } };
}

function bodyValue(
  target: MockTarget,
  media: MediaPlan,
  seed: string,
  pathParams: Record<string, string>,
  prefs: Preferences,
): { ok: true; value: JsonValue | undefined } | { ok: false; problem: Problem } {
  if (prefs.example !== undefined) {
    const named = media.examples.find((e) => e.name === prefs.example);
    if (named) return { ok: true, value: named.value };
    return {
      ok: false,
      problem: { type: 'example-not-found', detail: `No example named "${prefs.example}"; available: ${media.examples.map((e) => e.name).join(', ') || 'none'}.` },
    };
  }
  if (!prefs.dynamic && media.examples.length > 0) return { ok: true, value: media.examples[0].value };
  if (media.schema === undefined) return { ok: true, value: undefined };
  const result = generate(media.schema, { seed, defs: target.plan.defs, pathParams, refDate: target.refDate, dynamic: prefs.dynamic === true, direction: 'response' });
  if (!result.ok) {
    return {
      ok: false,
      problem: { type: 'unsatisfiable-schema', detail: `The response schema cannot be satisfied at ${result.pointer || '/'}: ${result.reason}`, extensions: { pointer: result.pointer } },
    };
  }
  return { ok: true, value: result.value };
}

function generateValue(target: MockTarget, schema: MediaPlan['schema'], seed: string, pathParams: Record<string, string>, prefs: Preferences): JsonValue | undefined {
  if (schema === undefined) return undefined;
  const result = generate(schema, { seed, defs: target.plan.defs, pathParams, refDate: target.refDate, dynamic: prefs.dynamic === true, direction: 'response' });
  return result.ok ? result.value : undefined;
}

/** Same method, path, query and seed → same seed string → byte-identical body. */
function seedOf(request: MockRequest, prefs: Preferences): string {
  const query = request.query
    .filter(([k]) => !k.startsWith('__'))
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
  return `${prefs.seed ?? ''}\u0000${request.method.toUpperCase() === 'HEAD' ? 'GET' : request.method.toUpperCase()}\u0000${request.path}\u0000${query}`;
}

/** A spec may declare `text/*` or `*\/*`; the response still needs one concrete Content-Type. */
function concreteType(chosen: string, accept: string | undefined): string {
  if (!chosen.includes('*')) return chosen;
  const wanted = (accept ?? '').split(',').map((p) => p.split(';')[0].trim()).find((t) => t && !t.includes('*'));
  if (wanted) return wanted;
  return chosen.startsWith('text/') ? 'text/plain' : 'application/json';
}
