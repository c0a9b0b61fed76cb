import { isJsonMediaType } from './negotiate';
import type { OperationPlan, ResponsePlan, Schema } from './plan';
import { derefShallow, isObj } from './schema-refs';

/**
 * Some APIs report errors inside a 200 (Slack: `{"ok": false, "error": "channel_not_found"}`), and
 * their descriptions show it: the success schema fixes a boolean member to `true`, the `default`
 * response's fixes the same member to `false`. Their clients read the status as transport only (the
 * Slack SDK raises its platform error on `ok: false` in a 200, a transport error on any other
 * status), so the mock's own refusal of such an operation is sent as the API sends its errors:
 * HTTP 200 with the `default` body. Found per operation once.
 */
const known = new WeakMap<OperationPlan, boolean>();

export function reportsErrorsInBand(operation: OperationPlan, defs: Record<string, Schema>): boolean {
  let inBand = known.get(operation);
  if (inBand === undefined) {
    inBand = findInBand(operation, defs);
    known.set(operation, inBand);
  }
  return inBand;
}

function findInBand(operation: OperationPlan, defs: Record<string, Schema>): boolean {
  const fallback = operation.responses.find((r) => r.status === 'DEFAULT');
  const success = operation.responses.find((r) => r.status.startsWith('2'));
  if (!fallback || !success) return false;
  const ok = members(success, defs);
  const failed = members(fallback, defs);
  if (!ok || !failed) return false;
  for (const name in ok)
    if (fixedBoolean(ok[name], defs) === true && fixedBoolean(failed[name], defs) === false) return true;
  return false;
}

/** The members of a response's JSON body schema, when it is an object schema. */
function members(response: ResponsePlan, defs: Record<string, Schema>): Record<string, Schema> | undefined {
  const type = Object.keys(response.content).find(isJsonMediaType);
  const schema = type === undefined ? undefined : derefShallow(response.content[type].schema ?? true, defs);
  return isObj(schema) && isObj(schema.properties)
    ? (schema.properties as Record<string, Schema>)
    : undefined;
}

/** `true` or `false` when the schema admits that boolean only (`enum: [b]` or `const: b`). */
function fixedBoolean(schema: Schema | undefined, defs: Record<string, Schema>): boolean | undefined {
  const s = schema === undefined ? undefined : derefShallow(schema, defs);
  if (!isObj(s)) return undefined;
  if (typeof s.const === 'boolean') return s.const;
  const values = s.enum;
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'boolean'
    ? values[0]
    : undefined;
}
