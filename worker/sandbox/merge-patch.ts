import { isObj } from '../mock/schema-refs';
import type { JsonValue } from '../mock/plan';

/** RFC 7396 JSON Merge Patch: objects merge recursively, `null` removes, anything else replaces. */
export function mergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isObj(patch)) return patch;
  const out: Record<string, JsonValue> = isObj(target) ? { ...(target as Record<string, JsonValue>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, JsonValue>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}
