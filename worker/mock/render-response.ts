import { formFields } from './form-fields';
import type { Problem } from '../http/problem';
import { withReasonIfSilent } from './error-body';
import { withStatusKind } from './error-kind';
import { generate, type GenerateOptions } from './generate/index';
import { adaptExample } from './realism/adapt-example';
import type { MockRequest, MockResponse, MockTarget } from './call';
import { concreteType, isJsonMediaType, negotiate } from './negotiate';
import type { JsonValue, MediaPlan, OperationPlan, ResponsePlan, Schema } from './plan';
import type { Preferences } from './prefer';
import { sampleStatic } from './sample-static';
import { serializeBody } from './serialize';
import { satisfies } from './validate-schema';
import { awsAnswer } from './aws-answer';
import { planRelaxations } from './relaxed-reading';
import { matches } from './generate/check';
import { pagingFor, realismState, type ListState, type RealismInput } from './realism/request';
import { oneOrMany } from './realism/one-or-many';
import { leavesBytesOpen, sampleFile } from './realism/sample-files';
import { pagingHeader } from './realism/paging/link-header';
import { isPagedListBody } from './realism/paging/list-body';
import type { Paging } from './realism/paging/position';
import type { LayerAnswer } from './state-layer';

/**
 * Rendering one response of the spec: its headers, the negotiated media type and the body (a named
 * or first example, else a seeded generated value), serialised.
 */

/** Says that a body was served with the author's evident intent, not the strict reading (README). */
export const LENIENT_HEADER = 'x-specmock-lenient';

export type Rendered = { ok: true; response: MockResponse } | { ok: false; problem: Problem };

export function renderLayered(
  ctx: RenderContext,
  answer: Exclude<LayerAnswer, { ok: false }>,
  prefsFor: (status: number) => Preferences,
): Rendered {
  const rendered = renderResponse(ctx, answer.response, prefsFor(answer.status), answer.status, answer.value);
  if (rendered.ok) Object.assign(rendered.response.headers, answer.headers);
  return rendered;
}

export interface RenderContext {
  target: MockTarget;
  request: MockRequest;
  operation: OperationPlan;
  query: [string, string][];
  /** The status being rendered: generated bodies are consistent with it (realism). */
  status?: number;
  pathParams: Record<string, string>;
  prefs: Preferences;
  seed: string;
  /** The request body as validation decoded it (JSON or form): a create's values are reflected. */
  sent?: JsonValue;
  /** The response being rendered is a page of a list by its schema (realism/paging/list-body.ts). */
  listBody?: boolean;
  /** The list's pages as a sandbox holds them: its paging links end there. */
  listState?: ListState;
}

export function renderResponse(
  outer: RenderContext,
  spec: ResponsePlan,
  prefs: Preferences,
  status: number,
  stored?: JsonValue,
): Rendered {
  const ctx = { ...outer, status, listBody: isPagedListBody(spec, outer.target.plan.defs) };
  const headers: Record<string, string> = {};
  const paging = pagingFor(realismInput(ctx));
  for (const [name, header] of Object.entries(spec.headers)) {
    if (name.toLowerCase() === 'content-type') continue;
    const example = header.examples[0]?.value;
    const page = paging && pageHeader(ctx, paging, name, header.schema, example);
    if (page === null) continue;
    const value = page ?? example ?? valueFor(ctx, header.schema, `header:${name}`, prefs.dynamic);
    if (value !== undefined && value !== null)
      headers[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
  }

  const types = Object.keys(spec.content);
  if (types.length === 0) return { ok: true, response: { status: 200, headers, body: null } };
  const picked = negotiate(types, ctx.request.headers.accept);
  if (picked === undefined) {
    return {
      ok: false,
      problem: {
        type: 'not-acceptable',
        detail: `None of the response media types (${types.join(', ')}) matches Accept: ${ctx.request.headers.accept}.`,
        extensions: { available: types },
      },
    };
  }
  // A wildcard media (`*/*`) is sent under a concrete type; where the spec declares that type as
  // well, a client reads the body by that type's schema (gerermesaffaires: `*/*` a file, JSON a
  // document), so that one is served.
  const type = concreteType(picked, ctx.request.headers.accept);
  const media = spec.content[type !== picked && spec.content[type] ? type : picked];
  headers['content-type'] = type;
  // A file is decided before any value is generated: none would be sent. A named example still
  // goes through bodyValue, which says it does not exist.
  const file = stored === undefined && prefs.example === undefined && fileFor(ctx, type, media);
  if (file) return { ok: true, response: { status: 200, headers, ...file } };
  const body = stored !== undefined ? storedBody(ctx, media, stored) : bodyValue(ctx, media, prefs, type);
  if (!body.ok) return body;
  // A generated error body's kind (`error.type`) names its status: SDKs pick their error class by it.
  if (stored === undefined && 'generated' in body && body.value !== undefined && media.schema !== undefined)
    body.value = withStatusKind(body.value, media.schema, ctx.target.plan.defs, status);
  // An error body says what went wrong in words (a refusal's own reason replaces these).
  if (stored === undefined && status >= 400 && body.value !== undefined && media.schema !== undefined)
    body.value = withReasonIfSilent(body.value, media.schema, ctx.target.plan.defs, statusReason(status));
  if (body.value === undefined) return { ok: true, response: { status: 200, headers, body: '' } };
  const aws = awsAnswer(ctx, { type, status, spec }, body.value, media.schema, headers);
  if ('value' in aws) body.value = aws.value;
  let text =
    'text' in aws
      ? { ok: true as const, body: aws.text }
      : serializeBody(body.value, headers['content-type'], media.schema);
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

/**
 * A sandbox's stored value, fitted with the plan's relaxations (relaxed-reading.ts): marked lenient
 * like a generated body when only the relaxed reading holds it, with the media's own reason or, for
 * a media whose generated bodies never met the contradiction (a list that may be empty), the plan's.
 */
function storedBody(ctx: RenderContext, media: MediaPlan, value: JsonValue) {
  const { plan } = ctx.target;
  // A strict plan's sandbox holds only strictly valid values (conform.ts): no second check.
  const relaxations = planRelaxations(plan);
  if (relaxations === undefined || media.schema === undefined || satisfies(media.schema, plan.defs, value))
    return { ok: true as const, value };
  const reason = media.lenient ?? relaxations.values().next().value;
  return { ok: true as const, value, ...(reason !== undefined ? { lenient: reason } : {}) };
}

export function bodyValue(
  ctx: RenderContext,
  media: MediaPlan,
  prefs: Preferences,
  /** The media type the body is sent as: a JSON body with no constraints at all is an object. */
  type?: string,
):
  | { ok: true; value: JsonValue | undefined; lenient?: string; generated?: true }
  | { ok: false; problem: Problem } {
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
  const example = fittingExample(ctx, media);
  if (prefs.dynamic !== true && example !== undefined)
    return { ok: true, value: adaptExample(media.schema, example, optionsFor(ctx)) };
  if (media.schema === undefined) return { ok: true, value: undefined };
  // A lenient media relaxes exactly the keywords ingest recorded for it, and nothing else.
  const relaxed = media.relaxed?.map((r) => r.pointer);
  const jsonRoot = type !== undefined && isJsonMediaType(type);
  let result = generateFor(ctx, media.schema, '', prefs.dynamic, relaxed, example, jsonRoot);
  let lenient = media.lenient;
  if (!result.ok) {
    // A failure ingest's check did not meet (another seed, another depth): relaxed where it fails.
    const second = generateFor(ctx, media.schema, '', prefs.dynamic, 'discover', example, jsonRoot);
    if (second.ok) {
      lenient ??= second.relaxed?.[0]?.reason;
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
    generated: true,
    ...(lenient !== undefined ? { lenient } : {}),
  };
}

/** A small real file where the media's bytes are left open (realism/sample-files.ts), once per media and type. */
type SampleBody = Pick<MockResponse, 'body' | 'encoding'> | null;
const files = new WeakMap<MediaPlan, Map<string, SampleBody>>();

function fileFor(ctx: RenderContext, type: string, media: MediaPlan): SampleBody {
  let byType = files.get(media);
  if (!byType) files.set(media, (byType = new Map()));
  let file = byType.get(type);
  if (file === undefined) {
    const sample = leavesBytesOpen(media, ctx.target.plan.defs) ? sampleFile(type) : undefined;
    file = !sample
      ? null
      : 'text' in sample
        ? { body: sample.text }
        : { body: sample.base64, encoding: 'base64' };
    byType.set(type, file);
  }
  return file;
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
  relax?: 'discover' | readonly string[],
  example?: JsonValue,
  jsonRoot = false,
) {
  const defs = ctx.target.plan.defs;
  if (dynamic === false && relax === undefined) {
    const still = sampleStatic(schema, defs, 'response');
    if (still.ok) return still;
  }
  return generate(schema, {
    ...optionsFor(ctx, salt),
    dynamic: dynamic === true,
    ...(relax !== undefined ? { relax } : {}),
    ...(example !== undefined ? { example } : {}),
    ...(jsonRoot ? { jsonRoot } : {}),
  });
}

/** What the generator (and an adapted example) knows about the call a body answers. */
function optionsFor(ctx: RenderContext, salt = ''): GenerateOptions {
  return {
    seed: `${ctx.seed}${salt}`,
    defs: ctx.target.plan.defs,
    pathParams: ctx.pathParams,
    refDate: ctx.target.refDate,
    direction: 'response',
    realism: realismInput(ctx),
  };
}

/** The media's first example, or of several the one that fits the call (one item or a list). */
function fittingExample(ctx: RenderContext, media: MediaPlan): JsonValue | undefined {
  if (media.examples.length < 2) return media.examples[0]?.value;
  const keysOf = (e: { value: JsonValue }) =>
    typeof e.value === 'object' && e.value !== null && !Array.isArray(e.value) ? Object.keys(e.value) : [];
  return oneOrMany(media.examples, keysOf, realismState(realismInput(ctx)))[0].value;
}

function realismInput(ctx: RenderContext): RealismInput {
  return {
    status: ctx.status,
    method: ctx.request.method,
    pathTemplate: ctx.operation.path,
    requestPath: ctx.request.path,
    query: ctx.query,
    parameters: ctx.operation.parameters,
    ...(ctx.request.baseUrl !== undefined ? { baseUrl: ctx.request.baseUrl } : {}),
    ...(ctx.sent !== undefined ? { sent: ctx.sent } : {}),
    // A form's fields as sent: a value decoding read as a number (`ts=0408472801.030393`) is its text too.
    ...(ctx.sent !== undefined && formFields(ctx.request.body).length > 0
      ? { sentText: formFields(ctx.request.body) }
      : {}),
    ...(ctx.listBody ? { listBody: true } : {}),
    ...(ctx.listState !== undefined ? { listState: ctx.listState } : {}),
    ...(ctx.target.plan.host !== undefined ? { apiHost: ctx.target.plan.host } : {}),
  };
}

/**
 * A paging header of a list call (`Link`, `X-Next-Page`) pointing into the mock: its value, `null`
 * to leave it out (no next page), undefined when it is no paging header or no value fits its schema.
 */
function pageHeader(
  ctx: RenderContext,
  paging: Paging,
  name: string,
  schema: Schema,
  example: JsonValue | undefined,
): string | null | undefined {
  const values = pagingHeader(paging, name, example);
  if (values === null || values === undefined) return values;
  const opts = { defs: ctx.target.plan.defs, direction: 'response' as const, outside: true };
  return values.find((v) => matches(schema, v, opts));
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
export function seedOf(method: string, path: string, query: [string, string][], prefs: Preferences): string {
  const sorted = query
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return `${prefs.seed ?? ''}\u0000${verb}\u0000${path}\u0000${sorted}`;
}

const PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The words an error body says when its example or schema gives none: the status's own phrase. */
function statusReason(status: number): string {
  return `${status} ${PHRASES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error')} (mocked)`;
}
