import { isObj } from '../mock/schema-refs';
import type { JsonValue, Schema } from '../mock/plan';
import { satisfiesRelaxed, type Relaxations } from '../mock/relaxed-reading';

/**
 * Makes a stored value answer a response schema: as it is when it validates; otherwise the
 * schema's own generated value (`fallback`, valid by construction) with as many of the stored
 * members as keep it valid. Undefined when not even the fallback validates. A lenient schema is
 * read with its `relaxations` (relaxed-reading.ts), as its generated values are.
 */
export function conform(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
  fallback: () => JsonValue | undefined,
  relaxations?: Relaxations,
): JsonValue | undefined {
  const valid = (v: JsonValue) => satisfiesRelaxed(schema, defs, v, relaxations);
  if (valid(value)) return value;
  const base = fallback();
  if (base === undefined || !valid(base)) return undefined;
  if (!isObj(value) || !isObj(base)) return base;
  const stored = value as Record<string, JsonValue>;
  const all = { ...(base as Record<string, JsonValue>), ...stored };
  if (valid(all)) return all;
  let out = { ...(base as Record<string, JsonValue>) };
  for (const [key, member] of Object.entries(stored)) {
    const next = { ...out, [key]: member };
    if (valid(next)) {
      out = next;
      continue;
    }
    // A reference sent by its id alone (Box's `parent: {"id": "0"}`) completes the generated one.
    const under = out[key];
    if (!isObj(member) || !isObj(under)) continue;
    const merged = {
      ...out,
      [key]: { ...(under as Record<string, JsonValue>), ...(member as Record<string, JsonValue>) },
    };
    if (valid(merged)) out = merged;
  }
  return out;
}
