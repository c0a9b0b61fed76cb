import type { Direction, JsonValue, Schema, SchemaObject } from '../../mock/plan';
import { hiddenFor, isObj, resolveRef } from '../../mock/schema-refs';
import { LENIENT_NULL } from '../../mock/generate/context';

/**
 * What one schema says, read the way the diff compares it: its `$ref` chain followed and its `allOf`
 * members merged (so moving a property into a shared base schema, or renaming a `$ref`, is no change),
 * `null` pulled out of the types and enum into `nullable` (3.0 `nullable`, 3.1 type arrays and
 * `anyOf: [X, {type: null}]` are one thing), and members hidden in the direction (readOnly in
 * requests, writeOnly in responses) left out. Every keyword remembers where it was written, as
 * pointer tokens relative to the schema, for the report.
 */

export interface Bound {
  value: number;
  exclusive: boolean;
}

/** A subschema and its place, relative to the viewed schema. */
export interface Sub {
  schema: Schema;
  path: string[];
}

export interface View {
  /** `false`: no value at all. */
  never: boolean;
  /** Sorted, without "null"; undefined when no `type` constrains the value. */
  types?: string[];
  nullable: boolean;
  /** Without null; `const` is an enum of one. */
  enum?: JsonValue[];
  format?: string;
  pattern?: string;
  min?: Bound;
  max?: Bound;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  multipleOf?: number;
  uniqueItems: boolean;
  default?: { value: JsonValue };
  items?: Sub;
  props: Map<string, Sub>;
  required: Set<string>;
  /** additionalProperties; `false` is the schema `false`. */
  additional?: Sub;
  variants?: { kind: 'oneOf' | 'anyOf'; list: Sub[] };
  /** Where each keyword was written. */
  at: Map<string, string[]>;
}

const MAX_CHAIN = 16;

export function viewOf(schema: Schema, defs: Record<string, Schema>, direction: Direction): View {
  const view: View = {
    never: false,
    nullable: false,
    uniqueItems: false,
    props: new Map(),
    required: new Set(),
    at: new Map(),
  };
  gather(schema, [], defs, view, []);
  for (const [name, sub] of view.props) {
    if (hiddenFor(sub.schema, defs, direction)) {
      view.props.delete(name);
      view.required.delete(name);
    }
  }
  if (view.enum?.some((v) => v === null)) {
    view.nullable = true;
    view.enum = view.enum.filter((v) => v !== null);
  }
  return view;
}

function gather(schema: Schema, path: string[], defs: Record<string, Schema>, view: View, chain: string[]) {
  if (schema === false) view.never = true;
  if (!isObj(schema)) return;
  if (typeof schema.$ref === 'string' && !chain.includes(schema.$ref) && chain.length < MAX_CHAIN) {
    const target = resolveRef(schema.$ref, defs);
    if (target !== undefined) gather(target, path, defs, view, [...chain, schema.$ref]);
  }
  const nullWrapped = nullWrapper(schema);
  if (nullWrapped) {
    view.nullable = true;
    gather(nullWrapped.schema, [...path, ...nullWrapped.path], defs, view, chain);
  }
  keywords(schema, path, view);
  if (Array.isArray(schema.allOf))
    schema.allOf.forEach((member, i) => gather(member, [...path, 'allOf', String(i)], defs, view, chain));
}

/**
 * `anyOf`/`oneOf` of a schema and `{type: "null"}`: the schema, nullable. Ingest writes 3.0
 * `nullable` beside a bare `$ref` this way (marked lenient), at the place of the original schema.
 */
function nullWrapper(schema: SchemaObject): Sub | undefined {
  for (const kind of ['anyOf', 'oneOf'] as const) {
    const list = schema[kind];
    if (!Array.isArray(list) || list.length !== 2) continue;
    const nullAt = list.findIndex((s) => isObj(s) && s.type === 'null' && Object.keys(s).length <= 2);
    if (nullAt === -1) continue;
    const other = list[1 - nullAt];
    const lenient = isObj(list[nullAt]) && (list[nullAt] as SchemaObject)[LENIENT_NULL] === true;
    return { schema: other, path: lenient ? [] : [kind, String(1 - nullAt)] };
  }
  return undefined;
}

function first<K extends keyof View>(view: View, key: K, value: View[K], at: string[], keyword: string) {
  if (view[key] !== undefined || value === undefined) return;
  view[key] = value;
  view.at.set(keyword, at);
}

function keywords(s: SchemaObject, path: string[], view: View): void {
  const here = (keyword: string) => [...path, keyword];
  if (s.type !== undefined) typeOf(s.type, path, view);
  if (Array.isArray(s.enum)) first(view, 'enum', s.enum, here('enum'), 'enum');
  else if (s.const !== undefined) first(view, 'enum', [s.const], here('const'), 'enum');
  if (typeof s.format === 'string') first(view, 'format', s.format, here('format'), 'format');
  if (typeof s.pattern === 'string') first(view, 'pattern', s.pattern, here('pattern'), 'pattern');
  bound(s, 'minimum', 'exclusiveMinimum', path, view, 'min');
  bound(s, 'maximum', 'exclusiveMaximum', path, view, 'max');
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems', 'multipleOf'] as const)
    if (typeof s[k] === 'number') first(view, k, s[k], here(k), k);
  if (s.uniqueItems === true && !view.uniqueItems) {
    view.uniqueItems = true;
    view.at.set('uniqueItems', here('uniqueItems'));
  }
  if (s.default !== undefined) first(view, 'default', { value: s.default }, here('default'), 'default');
  if (s.items !== undefined && !Array.isArray(s.items))
    first(view, 'items', { schema: s.items, path: here('items') }, here('items'), 'items');
  if (isObj(s.properties)) {
    for (const [name, sub] of Object.entries(s.properties))
      if (!view.props.has(name)) view.props.set(name, { schema: sub, path: [...path, 'properties', name] });
  }
  if (Array.isArray(s.required)) for (const name of s.required) view.required.add(name);
  if (s.additionalProperties !== undefined)
    first(
      view,
      'additional',
      { schema: s.additionalProperties, path: here('additionalProperties') },
      here('additionalProperties'),
      'additionalProperties',
    );
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const list = s[kind];
    if (!Array.isArray(list) || nullWrapper(s) || view.variants) continue;
    view.variants = { kind, list: list.map((schema, i) => ({ schema, path: [...path, kind, String(i)] })) };
    view.at.set('variants', here(kind));
  }
}

function typeOf(type: string | string[], path: string[], view: View): void {
  const list = Array.isArray(type) ? type : [type];
  if (list.includes('null')) view.nullable = true;
  const own = list.filter((t) => t !== 'null').sort();
  if (own.length === 0) return;
  if (view.types === undefined) {
    view.types = own;
    view.at.set('type', [...path, 'type']);
  } else {
    // allOf members both typed: a value must satisfy each (integer is a number).
    view.types = view.types.filter((t) => own.includes(t) || (t === 'integer' && own.includes('number')));
  }
}

function bound(
  s: SchemaObject,
  inclusive: 'minimum' | 'maximum',
  exclusive: 'exclusiveMinimum' | 'exclusiveMaximum',
  path: string[],
  view: View,
  key: 'min' | 'max',
): void {
  if (typeof s[exclusive] === 'number')
    first(view, key, { value: s[exclusive], exclusive: true }, [...path, exclusive], key);
  else if (typeof s[inclusive] === 'number')
    first(view, key, { value: s[inclusive], exclusive: false }, [...path, inclusive], key);
}
