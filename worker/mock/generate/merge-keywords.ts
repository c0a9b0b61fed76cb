import type { JsonValue, Schema, SchemaObject } from '../plan';
import { child, NARROWED_ENUM, NARROWED_TYPE, type Path } from './context';
import { deepEqual } from './check';
import { T_NULL, TYPE_BITS, type Flat } from './flat';
import { isObj } from '../schema-refs';
import { mayRelax, type RelaxPolicy } from './relax';

/**
 * One merge per keyword family, each folding one atom (a schema object met on the $ref/allOf
 * walk) into the Flat. Every family keeps the stricter reading: bounds tighten, enums intersect,
 * types intersect as bits; subschemas are gathered and joined with allOf afterwards.
 */

/** Subschemas gathered across atoms, joined into one allOf each at the end. */
export interface Gathered {
  items: Schema[];
  prefix: Schema[][];
  additional: Schema[];
  names: Schema[];
  contains: Schema[];
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function tighterMin(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
function tighterMax(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

export function mergeType(flat: Flat, s: SchemaObject, policy: RelaxPolicy | undefined): void {
  // `type: "null"` beside a oneOf/anyOf (3.0 has no null type): read as "nullable" where relaxed.
  const nullOr =
    s.type === 'null' && (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) && mayRelax(policy, s, 'type');
  if (nullOr) (flat.relaxed ??= []).push({ reason: 'type-null-beside-oneof', node: s, keyword: 'type' });
  if (s.type !== undefined && !nullOr) {
    let mask = 0;
    for (const t of Array.isArray(s.type) ? s.type : [s.type]) mask |= TYPE_BITS[String(t)] ?? 0;
    if (s.nullable === true) mask |= T_NULL;
    flat.types &= mask;
    flat.typed = true;
  }
  const narrowed = s[NARROWED_TYPE];
  if (Array.isArray(narrowed)) {
    let mask = 0;
    for (const t of narrowed) mask |= TYPE_BITS[String(t)] ?? 0;
    flat.types &= mask;
  }
}

export function mergeEnum(flat: Flat, s: SchemaObject): void {
  const narrowed = s[NARROWED_ENUM];
  if (Array.isArray(narrowed)) intersectEnum(flat, narrowed as JsonValue[]);
  let values: JsonValue[] | undefined;
  if (s.const !== undefined) values = [s.const];
  else if (Array.isArray(s.enum)) values = s.enum;
  if (!values) return;
  // OpenAPI 3.0 leftovers: `nullable: true` with an enum lacking null still admits null there.
  intersectEnum(flat, s.nullable === true && !values.includes(null) ? [...values, null] : values);
}

function intersectEnum(flat: Flat, vals: JsonValue[]): void {
  flat.enum =
    flat.enum === undefined ? vals.slice() : flat.enum.filter((v) => vals.some((w) => deepEqual(v, w)));
}

export function mergeNumeric(flat: Flat, s: SchemaObject): void {
  flat.min = tighterMin(flat.min, num(s.minimum));
  flat.max = tighterMax(flat.max, num(s.maximum));
  let exMin = num(s.exclusiveMinimum);
  let exMax = num(s.exclusiveMaximum);
  // OpenAPI 3.0 boolean form, in case ingest missed one.
  if ((s.exclusiveMinimum as unknown) === true && num(s.minimum) !== undefined) exMin = s.minimum;
  if ((s.exclusiveMaximum as unknown) === true && num(s.maximum) !== undefined) exMax = s.maximum;
  flat.exMin = tighterMin(flat.exMin, exMin);
  flat.exMax = tighterMax(flat.exMax, exMax);
  if (s['x-specmock-zero-multiple'] === true) flat.zeroMultiple = true;
  const m = num(s.multipleOf);
  if (m !== undefined && m > 0 && !flat.multipleOf.includes(m)) flat.multipleOf.push(m);
}

export function mergeString(flat: Flat, s: SchemaObject): void {
  flat.minLength = tighterMin(flat.minLength, num(s.minLength));
  flat.maxLength = tighterMax(flat.maxLength, num(s.maxLength));
  if (typeof s.pattern === 'string')
    flat.patterns.push({ source: s.pattern, unsafe: s['x-specmock-unsafe-pattern'] === true });
  if (typeof s.format === 'string' && !flat.formats.includes(s.format)) flat.formats.push(s.format);
}

export function mergeArray(flat: Flat, s: SchemaObject, g: Gathered): void {
  if (s.items !== undefined && !Array.isArray(s.items)) g.items.push(s.items);
  // Draft-04 style tuple `items: [...]` behaves like prefixItems.
  const prefix = Array.isArray(s.prefixItems)
    ? s.prefixItems
    : Array.isArray(s.items)
      ? (s.items as Schema[])
      : undefined;
  if (prefix) prefix.forEach((ps, i) => (g.prefix[i] ??= []).push(ps));
  flat.minItems = tighterMin(flat.minItems, num(s.minItems));
  flat.maxItems = tighterMax(flat.maxItems, num(s.maxItems));
  if (s.uniqueItems === true) flat.unique = true;
  if (s.contains !== undefined) g.contains.push(s.contains);
}

export function mergeObject(flat: Flat, s: SchemaObject, g: Gathered): void {
  flat.minProps = tighterMin(flat.minProps, num(s.minProperties));
  flat.maxProps = tighterMax(flat.maxProps, num(s.maxProperties));
  if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') flat.required.add(r);
  if (s.additionalProperties !== undefined) g.additional.push(s.additionalProperties);
  if (s.propertyNames !== undefined) g.names.push(s.propertyNames as Schema);
  if (isObj(s.patternProperties))
    for (const e of Object.entries(s.patternProperties)) flat.patternProps.push(e);
  if (isObj(s.dependentRequired)) {
    for (const [k, v] of Object.entries(s.dependentRequired))
      if (Array.isArray(v)) flat.dependentRequired.push([k, v.map(String)]);
  }
}

function mergeNot(flat: Flat, n: Schema, p: Path | null): void {
  const only =
    isObj(n) && Object.keys(n).length === 1 && n.type !== undefined
      ? Array.isArray(n.type)
        ? n.type
        : [n.type]
      : undefined;
  // `not: {type: null}` and friends are just a narrower type; integer/number stay checks
  // because a whole-number "number" would still be an integer.
  if (only && only.every((t) => t !== 'integer' && t !== 'number' && TYPE_BITS[String(t)] !== undefined)) {
    for (const t of only) flat.types &= ~TYPE_BITS[String(t)];
    flat.typed = true;
  } else flat.nots.push({ schema: n as SchemaObject, path: child(p, 'not') });
}

/** oneOf/anyOf groups, not, if/then/else, the discriminator and x-faker. */
export function mergeComposition(flat: Flat, s: SchemaObject, p: Path | null): void {
  const disc =
    isObj(s.discriminator) && typeof s.discriminator.propertyName === 'string' ? s.discriminator : undefined;
  if (disc && !flat.discriminator) flat.discriminator = disc;
  if (Array.isArray(s.oneOf))
    flat.groups.push({
      kind: 'oneOf',
      branches: s.oneOf,
      node: s,
      path: child(p, 'oneOf'),
      discriminator: disc,
    });
  if (Array.isArray(s.anyOf))
    flat.groups.push({
      kind: 'anyOf',
      branches: s.anyOf,
      node: s,
      path: child(p, 'anyOf'),
      discriminator: disc,
    });
  if (s.not !== undefined) mergeNot(flat, s.not, p);
  if (s.if !== undefined) flat.conds.push({ if: s.if, then: s.then, else: s.else, path: child(p, 'if') });
  if (s['x-faker'] !== undefined && flat.xFaker === undefined) flat.xFaker = s['x-faker'];
}
