import { isObj } from '../mock/schema-refs';
import type { JsonValue } from '../mock/plan';
import type { Page } from './paging';
import type { ListShape } from './resources';

/** The items a list body holds in the given shape (for the seeded start), or undefined. */
export function itemsOf(shape: ListShape, body: JsonValue | undefined): JsonValue[] | undefined {
  if (shape.kind === 'array') return Array.isArray(body) ? body : undefined;
  const holder = isObj(body) && shape.itemsParent ? body[shape.itemsParent] : body;
  const items = isObj(holder) ? holder[shape.itemsKey] : undefined;
  return Array.isArray(items) ? (items as JsonValue[]) : undefined;
}

/**
 * A page written in the collection's shape. A wrapper keeps the other members the stateless mock
 * generates for the same request (links, metadata) and gets its counters and cursor from the state.
 */
export function listBody(
  shape: ListShape,
  base: JsonValue | undefined,
  page: Page,
  values: JsonValue[],
): JsonValue {
  if (shape.kind === 'array') return values;
  const out: Record<string, JsonValue> = isObj(base) ? { ...(base as Record<string, JsonValue>) } : {};
  if (shape.itemsParent) {
    const parent = out[shape.itemsParent];
    out[shape.itemsParent] = {
      ...(isObj(parent) ? (parent as Record<string, JsonValue>) : {}),
      [shape.itemsKey]: values,
    };
  } else out[shape.itemsKey] = values;
  for (const key of shape.totalKeys) out[key] = page.total;
  if (shape.cursorKey) {
    if (page.nextCursor !== undefined) out[shape.cursorKey] = page.nextCursor;
    else delete out[shape.cursorKey];
  }
  if (shape.hasMoreKey) out[shape.hasMoreKey] = page.nextCursor !== undefined;
  return out;
}
