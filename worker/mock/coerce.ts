import type { Schema } from './plan';
import { derefShallow, isObj } from './schema-refs';
import { memberSchema, viewOf, type SchemaView } from './schema-view';
import { satisfies } from './validate-schema';

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const STRUCTURED = /^\s*[[{]/;
const MAX_DEPTH = 32;

/**
 * Text from a query string, a path, a header or a form body → the JSON types the schema asks for,
 * recursively through arrays and object members, so that the validator sees `limit: 3` rather
 * than `"3"`. A union (`anyOf: [{type: integer}, {enum: [""]}]`) takes the first branch the text
 * reads as validly. Values that cannot be coerced stay strings and the validator reports them.
 */
export function coerce(
  value: unknown,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  depth = 0,
): unknown {
  if (depth > MAX_DEPTH) return value;
  const view = viewOf(schema, defs);
  if (!view) return value;
  if (Array.isArray(value)) return value.map((v) => coerce(v, view.items, defs, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const member = coerce(v, memberSchema(view, k), defs, depth + 1);
      if (k === '__proto__')
        Object.defineProperty(out, k, {
          value: member,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[k] = member;
    }
    return out;
  }
  if (typeof value !== 'string') return value;
  for (const branch of view.branches) {
    const candidate = coerce(value, branch, defs, depth + 1);
    if (satisfies(branch, defs, candidate, 'request')) return candidate;
  }
  return coerceText(value, schema!, view, defs, depth);
}

function coerceText(
  value: string,
  schema: Schema,
  view: SchemaView,
  defs: Record<string, Schema>,
  depth: number,
): unknown {
  const { types } = view;
  if (view.enumBeyondType) return enumMember(value, schema, defs) ?? value;
  // A structured value inside a flat serialization (an object in a form-style array) arrives as JSON.
  if ((types.has('object') || types.has('array') || types.size === 0) && STRUCTURED.test(value)) {
    try {
      return coerce(JSON.parse(value), schema, defs, depth + 1);
    } catch {
      // not JSON: left as the string it is, for the validator to judge
    }
  }
  if (types.has('string') && !types.has('null')) return value;
  if ((types.has('integer') || types.has('number')) && NUMBER.test(value.trim())) return Number(value);
  if (types.has('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.has('null') && (value === '' || value === 'null')) return null;
  if (types.has('array'))
    return value === '' ? [] : value.split(',').map((v) => coerce(v, view.items, defs, depth + 1));
  if (types.size === 0) return enumMember(value, schema, defs) ?? value;
  return value;
}

/**
 * A typeless enum of non-strings (nexmo: `enum: [true, false, 0, 1]`), or one listing members its
 * type excludes (zoom: `{type: string, enum: [1, 2]}`): the member the text spells.
 */
function enumMember(value: string, schema: Schema, defs: Record<string, Schema>): unknown {
  const s = derefShallow(schema, defs);
  if (!isObj(s) || !Array.isArray(s.enum)) return undefined;
  return s.enum.find((v) => (typeof v === 'number' || typeof v === 'boolean') && String(v) === value);
}
