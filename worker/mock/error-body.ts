import type { JsonValue, Schema } from './plan';
import { derefShallow, isObj } from './schema-refs';
import { memberSchema, viewOf, type SchemaView } from './schema-view';
import { satisfies } from './validate-schema';

/**
 * The mock's reason for a refusal, written where the API's own error body carries its message:
 * `message`, `error.message`, `errors[0].message`, `detail`, `error_description`, … at the top or
 * one or two objects down. The body must still satisfy its schema, so every placement is checked,
 * a long reason is cut to the member's `maxLength`, and a body with no place for it stays as it was.
 */

/** Message-like members, most telling first (`title` and `error` only when nothing better exists). */
const MESSAGE_KEYS = [
  'message',
  'detail',
  'error_description',
  'error_message',
  'errorMessage',
  'description',
  'msg',
  'reason',
  'details',
  'title',
  'error',
  'text',
];
/** Members an error body nests its message in, looked into first. */
const CONTAINER_KEYS = new Set(['error', 'errors', 'err', 'fault', 'problem']);
const MAX_LEVELS = 2;
const MAX_TRIES = 12;

interface Slot {
  holder: Record<string, JsonValue>;
  key: string;
  schema: Schema | undefined;
}

export function withReason(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
  reason: string,
): JsonValue {
  if (!isRecord(value)) return value;
  const copy = structuredClone(value);
  let tries = 0;
  for (const slot of slotsOf(copy, schema, defs)) {
    const had = Object.prototype.hasOwnProperty.call(slot.holder, slot.key);
    const previous = slot.holder[slot.key];
    for (const text of variants(reason, slot.schema, defs)) {
      if (tries++ >= MAX_TRIES) return value;
      slot.holder[slot.key] = text;
      if (satisfies(schema, defs, copy)) return copy;
    }
    if (had) slot.holder[slot.key] = previous;
    else delete slot.holder[slot.key];
  }
  return value;
}

/**
 * An error body that says nothing in words (Asana's example `errors: [{help, phrase}]`) gets
 * `reason` where its message belongs, so an SDK's error carries one; a body that speaks keeps its own.
 */
export function withReasonIfSilent(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
  reason: string,
): JsonValue {
  if (!isRecord(value)) return value;
  const speaks = slotsOf(value, schema, defs).some(
    (slot) => typeof slot.holder[slot.key] === 'string' && slot.holder[slot.key] !== '',
  );
  return speaks ? value : withReason(value, schema, defs, reason);
}

/** Candidate members, level by level (the body's own, then its nested objects'), best name first. */
function slotsOf(root: Record<string, JsonValue>, schema: Schema, defs: Record<string, Schema>): Slot[] {
  const slots: Slot[] = [];
  let level: { holder: Record<string, JsonValue>; view: SchemaView | undefined }[] = [
    { holder: root, view: viewOf(schema, defs) },
  ];
  for (let depth = 0; depth <= MAX_LEVELS && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { holder, view } of level) {
      for (const key of MESSAGE_KEYS) {
        const member = memberSchema(view, key);
        const present = Object.prototype.hasOwnProperty.call(holder, key);
        if (present ? typeof holder[key] === 'string' : member !== undefined && admitsString(member, defs))
          slots.push({ holder, key, schema: member });
      }
      const keys = Object.keys(holder).sort((a, b) => rank(a) - rank(b));
      for (const key of keys) {
        const child = holder[key];
        const childView = viewOf(memberSchema(view, key), defs);
        if (isRecord(child)) next.push({ holder: child, view: childView });
        else if (Array.isArray(child) && isRecord(child[0]))
          next.push({ holder: child[0], view: viewOf(childView?.items, defs) });
      }
    }
    level = next;
  }
  return slots;
}

function rank(key: string): number {
  return CONTAINER_KEYS.has(key) ? 0 : 1;
}

function admitsString(schema: Schema, defs: Record<string, Schema>): boolean {
  const view = viewOf(schema, defs);
  return view !== undefined && (view.types.size === 0 || view.types.has('string'));
}

/** The reason, and the reason cut to the member's maxLength when it is longer. */
function variants(reason: string, schema: Schema | undefined, defs: Record<string, Schema>): string[] {
  const s = schema === undefined ? undefined : derefShallow(schema, defs);
  const max = isObj(s) && typeof s.maxLength === 'number' ? s.maxLength : undefined;
  const chars = [...reason];
  return max !== undefined && chars.length > max && max > 0 ? [chars.slice(0, max).join('')] : [reason];
}

function isRecord(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
