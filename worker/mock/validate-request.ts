import type { ProblemDetailEntry } from '../http/problem';
import { coerce } from './coerce';
import type { Decoded } from './bracket-notation';
import { bracketName, decodeBody, isFormBody } from './decode-body';
import { declaredQueryNames, readQueryParam, readSimple } from './deserialize-params';
import { requestBodyRoot } from './lenient-request';
import { isJsonMediaType, isJsonPatch, matchContentType } from './negotiate';
import { repeatsQuery } from './query-echo-body';
import type { MediaPlan, OperationPlan, ParameterPlan, Plan, Schema } from './plan';
import { validateValue } from './validate-schema';
import { declaredMember, derefShallow, isObj } from './schema-refs';

export interface RequestBody {
  /** Media type essence of the request's Content-Type, lower-cased. */
  contentType: string;
  text: string;
  /**
   * The body's value, when the mock read the text in a wire format of its own (AWS's query
   * notation, aws-query.ts) rather than as its Content-Type says.
   */
  value?: unknown;
  /** Fields of a multipart body, parsed at the edge (the route), because parsing is I/O-shaped. */
  form?: [string, string][];
  /** The file fields of a multipart body and their file names (`["file", "train.jsonl"]`). */
  files?: [string, string][];
}

export interface RequestParts {
  pathParams: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  cookies: Record<string, string>;
  body?: RequestBody;
}

export type RequestCheck =
  | {
      ok: true;
      /** The body as validated: JSON parsed, form fields decoded and typed; absent for no or opaque bodies. */
      body?: unknown;
    }
  | { ok: false; status: 415 | 422; detail: string; errors: ProblemDetailEntry[] };

/** Headers OpenAPI says parameter definitions must ignore. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
const MAX_ERRORS = 50;
/** Header parameter names that carry a credential (`token`, `access_token`, `api-key`, …). */
const CREDENTIAL_HEADER = /^(x-)?((access|auth|bearer)[-_]?)?token$|^(x-)?api[-_]?key$/i;

/**
 * Some descriptions write the credential twice: as the operation's security scheme and as a
 * required header or query parameter (Slack's `token`; RFC 6750 lets a bearer token travel as the
 * `access_token` query parameter or the `Authorization` header). A request that sends an
 * `Authorization` header to an operation that requires a credential has sent it the way the scheme
 * asks, and the real API takes it so: the parameter is not reported missing.
 */
function sentAsAuthorization(
  param: ParameterPlan,
  operation: OperationPlan,
  headers: Record<string, string>,
) {
  return (
    (param.in === 'header' || param.in === 'query') &&
    CREDENTIAL_HEADER.test(param.name) &&
    headers.authorization !== undefined &&
    operation.security.some((requirement) => requirement.length > 0)
  );
}

/**
 * A value some descriptions take in the query or the body, requiring it in the query: Spotify's
 * `PUT /me/following` requires the `ids` query parameter and declares `ids` in its body ("if the ids
 * parameter is present in the query string, any IDs listed here in the body will be ignored"), and
 * its SDK sends the body. A required query parameter the body holds at its root is not missing.
 */
function sentInBody(plan: Plan, param: ParameterPlan, media: MediaPlan, body: unknown): boolean {
  if (param.in !== 'query' || typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const root = derefShallow(media.schema ?? true, plan.defs);
  return (
    Object.hasOwn(body, param.name) &&
    isObj(root) &&
    declaredMember(root, param.name, plan.defs) !== undefined
  );
}

/** Validates parameters and body of a matched request; 415 for an unusable body type, 422 otherwise. */
export function validateRequest(plan: Plan, operation: OperationPlan, parts: RequestParts): RequestCheck {
  const body = checkBodyType(operation, parts.body, parts.query);
  if (body.status === 415) return { ok: false, status: 415, detail: body.detail, errors: [] };

  const errors: ProblemDetailEntry[] = [];
  const decoded = body.status === 'present' ? checkBody(plan, body.media, parts.body!) : undefined;
  const isDeclared = declaredQueryNames(operation);
  for (const param of operation.parameters) {
    if (param.in === 'header' && IGNORED_HEADERS.has(param.name.toLowerCase())) continue;
    const raw =
      param.in === 'query'
        ? readQueryParam(param, parts.query, plan.defs, isDeclared)
        : param.in === 'path'
          ? readSimple(param, pathValue(param, parts.pathParams[param.name]), plan.defs)
          : param.in === 'header'
            ? readSimple(param, parts.headers[param.name.toLowerCase()], plan.defs)
            : readSimple(param, parts.cookies[param.name], plan.defs);
    if (raw === undefined) {
      if (
        param.required &&
        !sentAsAuthorization(param, operation, parts.headers) &&
        !(body.status === 'present' && sentInBody(plan, param, body.media, decoded?.value))
      )
        errors.push({
          location: [param.in, param.name],
          message: `Request ${param.in} must have required property '${param.name}'`,
        });
      continue;
    }
    // `allowEmptyValue`: the bare name is a valid value, whatever the schema (S3's `?delete`, a boolean).
    if (raw === '' && param.allowEmptyValue) continue;
    for (const v of paramViolations(plan, param, raw)) {
      const at = tokens(v.pointer);
      errors.push({
        location: [param.in, param.name, ...at],
        message: `Request ${param.in} parameter ${bracketName([param.name, ...at])} ${tidy(v.message)}`,
      });
    }
  }
  if (body.status === 'missing') errors.push({ location: ['body'], message: 'Request body is required' });
  if (decoded) errors.push(...decoded.errors);
  if (errors.length === 0)
    return decoded?.value !== undefined ? { ok: true, body: decoded.value } : { ok: true };
  return {
    ok: false,
    status: 422,
    detail: `The request has ${errors.length} validation error(s); the first: ${errors[0].message}.`,
    errors: errors.slice(0, MAX_ERRORS),
  };
}

function paramViolations(plan: Plan, param: ParameterPlan, raw: Decoded) {
  const value =
    param.contentType && isJsonMediaType(param.contentType) && typeof raw === 'string'
      ? parseJsonOr(raw)
      : coerce(raw, param.schema, plan.defs);
  const violations = validateValue(param.schema, plan.defs, value, REQUEST);
  // Many SDKs join a query array with commas whatever its style says (telnyx's `features=voice,sms`):
  // an exploded array of one such value is read split when only that reading fits.
  const joined =
    violations.length > 0 && param.in === 'query' && param.explode ? commaJoined(raw) : undefined;
  if (
    joined &&
    validateValue(param.schema, plan.defs, coerce(joined, param.schema, plan.defs), REQUEST).length === 0
  )
    return [];
  return violations;
}

const REQUEST = { direction: 'request' } as const;

function commaJoined(raw: Decoded): string[] | undefined {
  return Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string' && raw[0].includes(',')
    ? raw[0].split(',')
    : undefined;
}

/** An empty segment is a missing path value, but for one sent as it is (Azure's parent path). */
function pathValue(param: ParameterPlan, value: string | undefined): string | undefined {
  return value || (param.raw && value === '' ? value : undefined);
}

type BodyState =
  | { status: 'none' }
  | { status: 'missing' }
  | { status: 415; detail: string }
  | { status: 'present'; media: MediaPlan };

function checkBodyType(
  operation: OperationPlan,
  body: RequestBody | undefined,
  query: [string, string][],
): BodyState {
  const present =
    body !== undefined && (body.text.length > 0 || (body.form?.length ?? 0) > 0 || body.value !== undefined);
  const spec = operation.requestBody;
  if (!present) return spec?.required ? { status: 'missing' } : { status: 'none' };
  if (!spec || Object.keys(spec.content).length === 0) {
    if (repeatsQuery(body!, query)) return { status: 'none' };
    return {
      status: 415,
      detail: `${operation.method.toUpperCase()} ${operation.path} takes no request body, but one was sent.`,
    };
  }
  const type = matchContentType(Object.keys(spec.content), body!.contentType);
  if (type === undefined) {
    return {
      status: 415,
      detail: `Content-Type ${body!.contentType || '(none)'} is not accepted here; supported: ${Object.keys(spec.content).join(', ')}.`,
    };
  }
  return { status: 'present', media: spec.content[type] };
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

function checkBody(
  plan: Plan,
  media: MediaPlan,
  body: RequestBody,
): { errors: ProblemDetailEntry[]; value?: unknown } {
  const reserved = isFormBody(body) ? reservedErrors(media, body) : [];
  if (reserved.length > 0) return { errors: reserved };
  const decoded = decodeBody(media, body, plan.defs);
  if (decoded.ok === 'opaque') return { errors: [] };
  if (decoded.ok === false)
    return { errors: media.schema === undefined ? [] : [{ location: ['body'], message: decoded.message }] };
  if (media.schema === undefined) return { errors: [], value: decoded.value };
  // Form fields are named as the client wrote them (`items[0][price]`), JSON members by path.
  const name = isFormBody(body) ? bracketName : (at: string[]) => at.join('.');
  const root = requestBodyRoot(media.schema, plan.defs);
  let violations = validateValue(root, plan.defs, decoded.value, { direction: 'request' });
  if (violations.length > 0 && Array.isArray(decoded.value) && isJsonPatch(body.contentType))
    violations = validateValue(JSON_PATCH, plan.defs, decoded.value, { direction: 'request' });
  const errors = violations.map((v) => {
    const at = tokens(v.pointer);
    return {
      location: ['body', ...at],
      message: `Request body${at.length > 0 ? ` property ${name(at)}` : ''} ${tidy(v.message)}`,
    };
  });
  return { errors, value: decoded.value };
}

/**
 * A JSON Patch body (RFC 6902) is a list of operations whatever its schema says: Kubernetes
 * describes every PATCH body as its `Patch` object (`type: object`), and its official client sends
 * `[{"op": "replace", "path": …}]`. Where the schema refuses such a list, RFC 6902 judges it.
 */
const JSON_PATCH: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['op', 'path'],
    properties: {
      op: { enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
      path: { type: 'string' },
      from: { type: 'string' },
    },
  },
};

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
