import type { OperationPlan, Schema, SchemaObject } from '../mock/plan';
import type { ListShape, Paging } from './resources';
import { deref, idSchemaOf, isArraySchema, propertiesOf, requiredOf, typesOf } from './schema-shape';
import type { IdPlace } from './sandbox-context';

/**
 * The list shape of a collection's success schema: a bare array of items, or an object wrapping
 * one array property (`data`, `items`, `results`…, else the only array property) next to counters
 * and cursors. The array's items must carry the identifier property.
 */
const ITEM_KEYS = ['data', 'items', 'results', 'content', 'records', 'entries', 'values', 'list', 'elements'];
const TOTAL_KEYS = [
  'total',
  'totalcount',
  'totalitems',
  'totalresults',
  'totalelements',
  'count',
  'totalsize',
  'totalrecords',
  // OData's `@odata.count` (Microsoft Graph, Azure).
  'odatacount',
];
const CURSOR_KEYS = ['nextcursor', 'cursor', 'nextpagetoken', 'nexttoken', 'continuationtoken', 'next'];
const HAS_MORE_KEYS = ['hasmore', 'hasnext', 'more', 'hasnextpage'];

export function inferListShape(
  schema: Schema | undefined,
  place: IdPlace,
  collectionSegment: string,
  defs: Record<string, Schema>,
): { shape: ListShape; itemSchema: Schema } | { reason: string } {
  const s = deref(schema, defs);
  if (!s) return { reason: 'the collection GET has no JSON response schema' };
  const hasId = (items: Schema | undefined) => idSchemaOf(items, place, defs) !== undefined;
  const idField = place.idIn === undefined ? place.idField : `${place.idIn}.${place.idField}`;
  if (isArraySchema(s, defs)) {
    return hasId(s.items)
      ? { shape: { kind: 'array' }, itemSchema: s.items ?? true }
      : { reason: `the listed items have no "${idField}" property` };
  }
  if (!typesOf(s, defs).includes('object'))
    return { reason: 'the collection GET returns neither an array nor an object' };
  const props = propertiesOf(s, defs);
  const top = itemsArray(props, collectionSegment, defs);
  const found = 'reason' in top ? (nestedItemsArray(props, collectionSegment, defs) ?? top) : top;
  if ('reason' in found) return found;
  const { itemsKey, itemsParent } = found;
  const holder = itemsParent ? propertiesOf(props[itemsParent], defs) : props;
  const items = deref(holder[itemsKey], defs)?.items;
  if (!hasId(items)) return { reason: `the items of "${itemsKey}" have no "${idField}" property` };
  const ofType = (keys: string[], type: string) =>
    Object.keys(props).filter((k) => keys.includes(norm(k)) && typesOf(props[k], defs).includes(type));
  // A required cursor keeps its generated value on the last page, so only an optional one is managed.
  const required = new Set(requiredOf(s, defs));
  const [cursorKey] = ofType(CURSOR_KEYS, 'string').filter((k) => !required.has(k));
  const [hasMoreKey] = ofType(HAS_MORE_KEYS, 'boolean');
  const shape: ListShape = {
    kind: 'wrapper',
    itemsKey,
    ...(itemsParent ? { itemsParent } : {}),
    totalKeys: ofType(TOTAL_KEYS, 'integer'),
    ...(cursorKey ? { cursorKey } : {}),
    ...(hasMoreKey ? { hasMoreKey } : {}),
  };
  return { shape, itemSchema: items ?? true };
}

function itemsArray(
  props: Record<string, Schema>,
  collectionSegment: string,
  defs: Record<string, Schema>,
): { itemsKey: string; itemsParent?: string } | { reason: string } {
  const arrays = Object.keys(props).filter((k) => isArraySchema(props[k], defs));
  const own = norm(collectionSegment);
  const preferred = [...ITEM_KEYS, own];
  // Then the collection's name as the end of a longer one (`device_codes` for /devices/codes), or
  // in the singular (Square lists merchants in `merchant`).
  const named = (k: string) => norm(k).endsWith(own) || norm(k) === own.replace(/s$/, '');
  const itemsKey =
    arrays.find((k) => preferred.includes(norm(k))) ??
    (own ? arrays.filter(named) : []).at(0) ??
    (arrays.length === 1 ? arrays[0] : undefined);
  if (itemsKey) return { itemsKey };
  return {
    reason: arrays.length
      ? `no items array among ${arrays.join(', ')}`
      : 'the wrapper object has no array property',
  };
}

/** One level down, in an object member such as HAL's `_embedded` or a `data` envelope. */
function nestedItemsArray(
  props: Record<string, Schema>,
  collectionSegment: string,
  defs: Record<string, Schema>,
): { itemsKey: string; itemsParent?: string } | { reason: string } | undefined {
  for (const parent of Object.keys(props).filter((k) => PARENT_KEYS.includes(norm(k)))) {
    const found = itemsArray(propertiesOf(props[parent], defs), collectionSegment, defs);
    if (!('reason' in found)) return { itemsKey: found.itemsKey, itemsParent: parent };
  }
  return undefined;
}

const PARENT_KEYS = ['embedded', 'data', 'result', 'response', 'page'];

const LIMIT = ['limit', 'perpage', 'pagesize', 'size', 'maxresults', 'top', 'first', 'count', 'pagelimit'];
const OFFSET = ['offset', 'skip', 'start', 'startindex'];
const PAGE = ['page', 'pagenumber', 'pagenum', 'pageindex'];
const CURSOR = [
  'cursor',
  'after',
  'pagetoken',
  'nextpagetoken',
  'startingafter',
  'continuationtoken',
  'next',
];

/** The schema of the array holding a list's items, inside the list's response schema. */
export function itemsArraySchema(
  shape: ListShape,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
): SchemaObject | undefined {
  if (shape.kind === 'array') return deref(schema, defs);
  const props = propertiesOf(schema, defs);
  const holder = shape.itemsParent ? propertiesOf(props[shape.itemsParent], defs) : props;
  return deref(holder[shape.itemsKey], defs);
}

/** Paging parameters the collection's GET declares in its query, recognised by name. */
export function inferPaging(operation: OperationPlan, defs: Record<string, Schema>): Paging {
  const query = operation.parameters.filter((p) => p.in === 'query');
  const find = (names: string[], numeric: boolean) =>
    query.find((p) => {
      const types = typesOf(p.schema, defs);
      const fits = numeric ? types.includes('integer') || types.includes('number') : true;
      return names.includes(norm(p.name)) && fits;
    });
  const limit = find(LIMIT, true);
  const offset = find(OFFSET, true);
  const page = find(PAGE, true);
  const cursor = find(CURSOR, false);
  const paging: Paging = {};
  if (limit) {
    paging.limit = limit.name;
    const d = deref(limit.schema, defs)?.default;
    if (typeof d === 'number' && d > 0) paging.defaultLimit = d;
  }
  if (offset) paging.offset = offset.name;
  if (page) {
    paging.page = page.name;
    if (deref(page.schema, defs)?.minimum === 0) paging.pageFromZero = true;
  }
  if (cursor) paging.cursor = cursor.name;
  return paging;
}

function norm(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
