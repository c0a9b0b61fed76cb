import type { Schema, SchemaObject } from './plan';
import { enumBeyondType } from './lenient-request';
import { derefShallow, isObj } from './schema-refs';

/**
 * What a schema admits at one level, seen through `$ref`s, `allOf` (merged) and `anyOf`/`oneOf`
 * (unioned): the JSON types, the members, the items. Reading a request (bracketed form keys, text
 * to numbers) needs only this much, and Stripe-style unions (`anyOf: [{type: object, …},
 * {enum: [""]}]`) are everywhere in form APIs.
 */
export interface SchemaView {
  /** JSON types admitted; empty when the schema does not say. */
  types: Set<string>;
  properties: Record<string, Schema>;
  additional?: Schema;
  items?: Schema;
  /** The `anyOf`/`oneOf` branches, for values that must pick one (a number or the empty string). */
  branches: Schema[];
  /** The schema's own `enum` lists members its `type` excludes (lenient-request.ts). */
  enumBeyondType: boolean;
}

const MAX_DEPTH = 6;
const views = new WeakMap<SchemaObject, SchemaView>();

export function viewOf(schema: Schema | undefined, defs: Record<string, Schema>): SchemaView | undefined {
  if (schema === undefined) return undefined;
  const s = derefShallow(schema, defs);
  if (!isObj(s)) return undefined;
  let view = views.get(s);
  if (!view) {
    view = { types: new Set(), properties: {}, branches: [], enumBeyondType: enumBeyondType(s) };
    collect(s, defs, view, 0, true);
    views.set(s, view);
  }
  return view;
}

function collect(
  s: SchemaObject,
  defs: Record<string, Schema>,
  view: SchemaView,
  depth: number,
  top: boolean,
) {
  const types = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
  for (const t of types) view.types.add(t);
  if (isObj(s.properties as Schema)) {
    view.types.add('object');
    for (const [k, v] of Object.entries(s.properties as Record<string, Schema>)) view.properties[k] ??= v;
  }
  if (s.additionalProperties !== undefined && typeof s.additionalProperties !== 'boolean') {
    view.types.add('object');
    view.additional ??= s.additionalProperties;
  }
  if (s.items !== undefined && typeof s.items !== 'boolean') {
    view.types.add('array');
    view.items ??= s.items;
  }
  if (depth >= MAX_DEPTH) return;
  const members = (list: unknown): SchemaObject[] =>
    Array.isArray(list)
      ? list.map((m) => derefShallow(m as Schema, defs)).filter((m): m is SchemaObject => isObj(m))
      : [];
  for (const m of members(s.allOf)) collect(m, defs, view, depth + 1, false);
  for (const m of [...members(s.anyOf), ...members(s.oneOf)]) {
    if (top) view.branches.push(m);
    collect(m, defs, view, depth + 1, false);
  }
}

/** Whether a bracketed key under this schema builds a list (`a[0]`, `a[]`) or an object; undefined: it does not say. */
export function containerOf(view: SchemaView | undefined): 'array' | 'object' | undefined {
  if (!view) return undefined;
  const array = view.types.has('array');
  const object = view.types.has('object');
  return array && !object ? 'array' : object && !array ? 'object' : undefined;
}

/** The schema of member `key`: a declared property, else `additionalProperties`. */
export function memberSchema(view: SchemaView | undefined, key: string): Schema | undefined {
  if (!view) return undefined;
  return Object.prototype.hasOwnProperty.call(view.properties, key) ? view.properties[key] : view.additional;
}
