import { applyPatch, type Operation } from 'fast-json-patch/index.mjs';
import type { ValidatedCall } from '../mock/mock';
import type { JsonValue } from '../mock/plan';
import { isJsonPatch } from '../mock/negotiate';

/**
 * The operations of a JSON Patch body (RFC 6902, `application/json-patch+json`: Kubernetes' client
 * patches this way), or undefined when the call sends none. Validation has already judged them
 * (validate-request.ts).
 */
export function jsonPatchOf(call: ValidatedCall): Operation[] | undefined {
  const type = call.request.body?.contentType;
  return type !== undefined && isJsonPatch(type) && Array.isArray(call.body)
    ? (call.body as unknown as Operation[])
    : undefined;
}

/**
 * The stored item with the operations applied in order, all or none (a failed `test`, a path that
 * is not there): the reason, as RFC 6902 §5 asks, when one cannot apply. The item is never changed
 * in place: the store still holds it.
 */
export function applyJsonPatch(
  item: JsonValue,
  operations: Operation[],
): { ok: true; value: JsonValue } | { ok: false; reason: string } {
  try {
    const { newDocument } = applyPatch(structuredClone(item), operations, true, true, true);
    return { ok: true, value: newDocument as JsonValue };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}
