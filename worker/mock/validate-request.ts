import type { ProblemDetailEntry } from '../http/problem';
import { coerce, readQueryParam, readSimple } from './deserialize-params';
import { isJsonMediaType } from './negotiate';
import type { MediaPlan, OperationPlan, Plan } from './plan';
import { validateValue } from './validate-schema';

export interface RequestBody {
  /** Media type essence of the request's Content-Type, lower-cased. */
  contentType: string;
  text: string;
  /** Fields of a multipart body, parsed at the edge (the route), because parsing is I/O-shaped. */
  form?: [string, string][];
}

export interface RequestParts {
  pathParams: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  cookies: Record<string, string>;
  body?: RequestBody;
}

export type RequestCheck =
  { ok: true } | { ok: false; status: 415 | 422; detail: string; errors: ProblemDetailEntry[] };

/** Headers OpenAPI says parameter definitions must ignore. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
const MAX_ERRORS = 50;

/** Validates parameters and body of a matched request; 415 for an unusable body type, 422 otherwise. */
export function validateRequest(plan: Plan, operation: OperationPlan, parts: RequestParts): RequestCheck {
  const body = checkBodyType(operation, parts.body);
  if (body.status === 415) return { ok: false, status: 415, detail: body.detail, errors: [] };

  const errors: ProblemDetailEntry[] = [];
  for (const param of operation.parameters) {
    if (param.in === 'header' && IGNORED_HEADERS.has(param.name.toLowerCase())) continue;
    const raw =
      param.in === 'query'
        ? readQueryParam(param, parts.query, plan.defs)
        : param.in === 'path'
          ? readSimple(param, parts.pathParams[param.name] || undefined, plan.defs)
          : param.in === 'header'
            ? readSimple(param, parts.headers[param.name.toLowerCase()], plan.defs)
            : readSimple(param, parts.cookies[param.name], plan.defs);
    if (raw === undefined) {
      if (param.required)
        errors.push({
          location: [param.in, param.name],
          message: `Request ${param.in} must have required property '${param.name}'`,
        });
      continue;
    }
    const value =
      param.contentType && isJsonMediaType(param.contentType) && typeof raw === 'string'
        ? parseJsonOr(raw)
        : coerce(raw, param.schema, plan.defs);
    for (const v of validateValue(param.schema, plan.defs, value, { direction: 'request' })) {
      errors.push({
        location: [param.in, param.name, ...tokens(v.pointer)],
        message: `Request ${param.in} parameter ${param.name}${v.pointer} ${tidy(v.message)}`,
      });
    }
  }
  if (body.status === 'missing') errors.push({ location: ['body'], message: 'Request body is required' });
  if (body.status === 'present') errors.push(...bodyErrors(plan, body.media, parts.body!));
  if (errors.length === 0) return { ok: true };
  return {
    ok: false,
    status: 422,
    detail: `The request has ${errors.length} validation error(s); the first: ${errors[0].message}.`,
    errors: errors.slice(0, MAX_ERRORS),
  };
}

type BodyState =
  | { status: 'none' }
  | { status: 'missing' }
  | { status: 415; detail: string }
  | { status: 'present'; media: MediaPlan };

function checkBodyType(operation: OperationPlan, body: RequestBody | undefined): BodyState {
  const present = body !== undefined && (body.text.length > 0 || (body.form?.length ?? 0) > 0);
  const spec = operation.requestBody;
  if (!present) return spec?.required ? { status: 'missing' } : { status: 'none' };
  if (!spec || Object.keys(spec.content).length === 0) {
    return {
      status: 415,
      detail: `${operation.method.toUpperCase()} ${operation.path} takes no request body, but one was sent.`,
    };
  }
  const type = matchMediaType(Object.keys(spec.content), body!.contentType);
  if (type === undefined) {
    return {
      status: 415,
      detail: `Content-Type ${body!.contentType || '(none)'} is not accepted here; supported: ${Object.keys(spec.content).join(', ')}.`,
    };
  }
  return { status: 'present', media: spec.content[type] };
}

function matchMediaType(available: string[], contentType: string): string | undefined {
  const [type, subtype] = contentType.split('/');
  const essence = (t: string) => t.split(';')[0].trim().toLowerCase();
  return (
    available.find((a) => essence(a) === contentType) ??
    available.find((a) => essence(a) === `${type}/*`) ??
    available.find((a) => essence(a) === '*/*') ??
    (subtype?.endsWith('+json') ? available.find((a) => essence(a) === 'application/json') : undefined)
  );
}

const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

/** `allowReserved: false`: RFC 3986 reserved characters must arrive percent-encoded. */
function reservedErrors(media: MediaPlan, body: RequestBody): ProblemDetailEntry[] {
  if (!media.encoding) return [];
  const raw: [string, string][] =
    body.contentType === 'multipart/form-data'
      ? (body.form ?? [])
      : body.text.split('&').map((pair) => {
          const eq = pair.indexOf('=');
          return eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
        });
  return raw
    .filter(([name, value]) => media.encoding![name]?.allowReserved === false && RESERVED.test(value))
    .map(([name]) => ({
      location: ['body', name],
      message: `Reserved characters used in request body property ${name}`,
    }));
}

function bodyErrors(plan: Plan, media: MediaPlan, body: RequestBody): ProblemDetailEntry[] {
  const reserved =
    body.contentType === 'application/x-www-form-urlencoded' || body.contentType === 'multipart/form-data'
      ? reservedErrors(media, body)
      : [];
  if (reserved.length > 0) return reserved;
  if (media.schema === undefined) return [];
  let value: unknown;
  if (isJsonMediaType(body.contentType)) {
    try {
      value = JSON.parse(body.text);
    } catch (error) {
      return [
        {
          location: ['body'],
          message: `Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ];
    }
  } else if (body.contentType === 'application/x-www-form-urlencoded') {
    value = coerce(formObject([...new URLSearchParams(body.text)]), media.schema, plan.defs);
  } else if (body.contentType === 'multipart/form-data') {
    value = coerce(formObject(body.form ?? []), media.schema, plan.defs);
  } else if (body.contentType.startsWith('text/') && !body.contentType.endsWith('/xml')) {
    value = body.text;
  } else {
    return []; // binary and unknown formats: nothing a schema can say about raw bytes here
  }
  return validateValue(media.schema, plan.defs, value, { direction: 'request' }).map((v) => ({
    location: ['body', ...tokens(v.pointer)],
    message: `Request body${v.pointer ? ` property ${tokens(v.pointer).join('.')}` : ''} ${tidy(v.message)}`,
  }));
}

/** Form fields → an object; a field that repeats becomes an array. */
function formObject(fields: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of fields) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The validator's sentences start with "Instance" and end with a period; they are fragments here. */
function tidy(message: string): string {
  return message.replace(/^Instance /, '').replace(/\.$/, '');
}

function tokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
