import type { JsonValue, Schema, SchemaObject } from '../plan';
import { child, type Path } from './context';
import { deepEqual } from './check';
import { isObj, refDefName, resolveRef } from '../schema-refs';

/**
 * Flattens a schema's $ref chain and allOf tree into one "Flat" description the leaf generators
 * read. Each raw schema object is flattened once per defs table and cached by identity: plans are
 * reused across requests, so after warm-up a call does no merging at all.
 */

export const T_NULL = 1;
export const T_BOOL = 2;
export const T_INT = 4;
/** A number type admits integers too, so "number" sets both bits and intersection just works. */
export const T_NUM = 8;
export const T_STR = 16;
export const T_ARR = 32;
export const T_OBJ = 64;
export const T_ALL = 127;

const TYPE_BITS: Record<string, number> = {
  null: T_NULL,
  boolean: T_BOOL,
  integer: T_INT,
  number: T_NUM | T_INT,
  string: T_STR,
  array: T_ARR,
  object: T_OBJ,
};

export interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

export interface Group {
  kind: 'oneOf' | 'anyOf';
  branches: Schema[];
  path: Path;
  discriminator?: Discriminator;
}

export interface Atom {
  schema: SchemaObject;
  path: Path | null;
}

export interface Flat {
  raw: Schema;
  path: Path | null;
  atoms: Atom[];
  types: number;
  /** Some atom had a `type` keyword; otherwise the type is inferred from the keywords present. */
  typed: boolean;
  enum?: JsonValue[];
  min?: number;
  max?: number;
  exMin?: number;
  exMax?: number;
  multipleOf: number[];
  /** A `multipleOf` of 0 or less: no number satisfies it strictly; the lenient reading ignores it. */
  zeroMultiple?: boolean;
  minLength?: number;
  maxLength?: number;
  patterns: { source: string; unsafe: boolean }[];
  formats: string[];
  items?: Schema;
  prefixItems: Schema[];
  minItems?: number;
  maxItems?: number;
  unique: boolean;
  contains?: Schema;
  props: Map<string, Schema>;
  required: Set<string>;
  patternProps: [string, Schema][];
  additional?: Schema;
  propertyNames?: Schema;
  minProps?: number;
  maxProps?: number;
  dependentRequired: [string, string[]][];
  groups: Group[];
  nots: Atom[];
  conds: { if: Schema; then?: Schema; else?: Schema; path: Path | null }[];
  discriminator?: Discriminator;
  /** The def this schema came from (first $ref crossed), for implicit discriminator values. */
  defName?: string;
  /** Refs crossed while flattening: re-entering one of them is recursion. */
  refs: string[];
  xFaker?: unknown;
  /** Spec examples and defaults, in preference order; used only after checking against `raw`. */
  examples: JsonValue[];
  unsat?: { path: Path | null; reason: string };
  /** oneOf/anyOf lists and `if` schemas already decided on the way to this flat. */
  resolved?: Set<unknown>;
  /** Per-branch merges for oneOf/anyOf, filled lazily by compose. */
  branchCache?: Map<string, Flat>;
}

function allOfSchema(list: Schema[]): Schema {
  return list.length === 1 ? list[0] : { allOf: list };
}

function collect(
  schema: Schema,
  path: Path | null,
  defs: Record<string, Schema>,
  flat: Flat,
  chain: string[],
): void {
  if (schema === true || flat.unsat) return;
  if (!isObj(schema)) {
    flat.unsat = {
      path,
      reason: schema === false ? 'schema is `false`: no value is allowed' : 'schema is not an object',
    };
    return;
  }
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    // allOf: [A] inside A is a tautology; recursion through properties is handled lazily elsewhere.
    if (!chain.includes(ref)) {
      const target = resolveRef(ref, defs);
      if (target === undefined) {
        flat.unsat = { path, reason: `unresolvable $ref ${JSON.stringify(ref)}` };
        return;
      }
      const name = refDefName(ref);
      if (flat.defName === undefined && name !== undefined) flat.defName = name;
      flat.refs.push(ref);
      const refPath: Path = name !== undefined ? child(null, '$defs', name) : child(null, ref);
      collect(target, refPath, defs, flat, [...chain, ref]);
    }
  }
  flat.atoms.push({ schema, path });
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((s, i) => collect(s, child(path, 'allOf', i), defs, flat, chain));
  }
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

function patternMatcher(p: string): RegExp | null {
  try {
    return new RegExp(p, 'u');
  } catch {
    try {
      return new RegExp(p);
    } catch {
      return null;
    }
  }
}

export function flatten(raw: Schema, path: Path | null, defs: Record<string, Schema>): Flat {
  return flattenSources([{ schema: raw, path }], raw, path, defs);
}

/**
 * Flattens several schemas that must all hold (a base plus a chosen oneOf branch, say). `raw` is
 * the equivalent single schema, used to check examples and enum values against everything.
 */
export function flattenSources(
  sources: { schema: Schema; path: Path | null }[],
  raw: Schema,
  path: Path | null,
  defs: Record<string, Schema>,
): Flat {
  const flat: Flat = {
    raw,
    path,
    atoms: [],
    types: T_ALL,
    typed: false,
    multipleOf: [],
    patterns: [],
    formats: [],
    prefixItems: [],
    unique: false,
    props: new Map(),
    required: new Set(),
    patternProps: [],
    dependentRequired: [],
    groups: [],
    nots: [],
    conds: [],
    refs: [],
    examples: [],
  };
  for (const src of sources) collect(src.schema, src.path, defs, flat, []);
  if (flat.unsat) return flat;
  const lenient = lenientSet.has(defs);

  const propLists = new Map<string, Schema[]>();
  const itemLists: Schema[] = [];
  const prefixLists: Schema[][] = [];
  const additional: Schema[] = [];
  const names: Schema[] = [];
  const contains: Schema[] = [];

  for (const { schema: s, path: p } of flat.atoms) {
    // Lenient: `type: "null"` beside a oneOf/anyOf (3.0 has no null type) reads as "nullable".
    const nullOr = lenient && s.type === 'null' && (Array.isArray(s.oneOf) || Array.isArray(s.anyOf));
    if (s.type !== undefined && !nullOr) {
      let mask = 0;
      for (const t of Array.isArray(s.type) ? s.type : [s.type]) mask |= TYPE_BITS[String(t)] ?? 0;
      if (s.nullable === true) mask |= T_NULL;
      flat.types &= mask;
      flat.typed = true;
    }
    let values: JsonValue[] | undefined;
    if (s.const !== undefined) values = [s.const];
    else if (Array.isArray(s.enum)) values = s.enum;
    if (values) {
      // OpenAPI 3.0 leftovers: `nullable: true` with an enum lacking null still admits null there.
      const vals = s.nullable === true && !values.includes(null) ? [...values, null] : values;
      flat.enum =
        flat.enum === undefined ? vals.slice() : flat.enum.filter((v) => vals.some((w) => deepEqual(v, w)));
    }
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
    flat.minLength = tighterMin(flat.minLength, num(s.minLength));
    flat.maxLength = tighterMax(flat.maxLength, num(s.maxLength));
    if (typeof s.pattern === 'string')
      flat.patterns.push({ source: s.pattern, unsafe: s['x-specmock-unsafe-pattern'] === true });
    if (typeof s.format === 'string' && !flat.formats.includes(s.format)) flat.formats.push(s.format);
    if (s.items !== undefined && !Array.isArray(s.items)) itemLists.push(s.items);
    // Draft-04 style tuple `items: [...]` behaves like prefixItems.
    const prefix = Array.isArray(s.prefixItems)
      ? s.prefixItems
      : Array.isArray(s.items)
        ? (s.items as Schema[])
        : undefined;
    if (prefix) prefix.forEach((ps, i) => (prefixLists[i] ??= []).push(ps));
    flat.minItems = tighterMin(flat.minItems, num(s.minItems));
    flat.maxItems = tighterMax(flat.maxItems, num(s.maxItems));
    if (s.uniqueItems === true) flat.unique = true;
    if (s.contains !== undefined) contains.push(s.contains);
    flat.minProps = tighterMin(flat.minProps, num(s.minProperties));
    flat.maxProps = tighterMax(flat.maxProps, num(s.maxProperties));
    if (Array.isArray(s.required))
      for (const r of s.required) if (typeof r === 'string') flat.required.add(r);
    if (s.additionalProperties !== undefined) additional.push(s.additionalProperties);
    if (s.propertyNames !== undefined) names.push(s.propertyNames as Schema);
    if (isObj(s.patternProperties))
      for (const e of Object.entries(s.patternProperties)) flat.patternProps.push(e);
    if (isObj(s.dependentRequired)) {
      for (const [k, v] of Object.entries(s.dependentRequired))
        if (Array.isArray(v)) flat.dependentRequired.push([k, v.map(String)]);
    }
    const disc =
      isObj(s.discriminator) && typeof s.discriminator.propertyName === 'string'
        ? s.discriminator
        : undefined;
    if (disc && !flat.discriminator) flat.discriminator = disc;
    if (Array.isArray(s.oneOf))
      flat.groups.push({ kind: 'oneOf', branches: s.oneOf, path: child(p, 'oneOf'), discriminator: disc });
    if (Array.isArray(s.anyOf))
      flat.groups.push({ kind: 'anyOf', branches: s.anyOf, path: child(p, 'anyOf'), discriminator: disc });
    if (s.not !== undefined) {
      const n = s.not;
      const only =
        isObj(n) && Object.keys(n).length === 1 && n.type !== undefined
          ? Array.isArray(n.type)
            ? n.type
            : [n.type]
          : undefined;
      // `not: {type: null}` and friends are just a narrower type; integer/number stay checks
      // because a whole-number "number" would still be an integer.
      if (
        only &&
        only.every((t) => t !== 'integer' && t !== 'number' && TYPE_BITS[String(t)] !== undefined)
      ) {
        for (const t of only) flat.types &= ~TYPE_BITS[String(t)];
        flat.typed = true;
      } else flat.nots.push({ schema: n as SchemaObject, path: child(p, 'not') });
    }
    if (s.if !== undefined) flat.conds.push({ if: s.if, then: s.then, else: s.else, path: child(p, 'if') });
    if (s['x-faker'] !== undefined && flat.xFaker === undefined) flat.xFaker = s['x-faker'];
  }

  // Per property, every atom contributes the schema that governs that name in it: its own
  // declaration, else matching patternProperties, else its additionalProperties.
  const declared = new Set<string>();
  for (const { schema: s } of flat.atoms)
    if (isObj(s.properties)) for (const k of Object.keys(s.properties)) declared.add(k);
  for (const name of flat.required) declared.add(name);
  for (const name of declared) {
    const list: Schema[] = [];
    for (const { schema: s } of flat.atoms) {
      const own =
        isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, name)
          ? s.properties[name]
          : undefined;
      let byPattern = false;
      if (isObj(s.patternProperties)) {
        for (const [pat, ps] of Object.entries(s.patternProperties)) {
          if (patternMatcher(pat)?.test(name)) {
            list.push(ps);
            byPattern = true;
          }
        }
      }
      if (own !== undefined) list.push(own);
      else if (
        !byPattern &&
        s.additionalProperties !== undefined &&
        !(lenient && s.additionalProperties === false)
      )
        list.push(s.additionalProperties); // lenient: `additionalProperties: false` admits the allOf's names
    }
    propLists.set(name, list);
  }
  for (const [name, list] of propLists) flat.props.set(name, list.length === 0 ? true : allOfSchema(list));
  if (itemLists.length) flat.items = allOfSchema(itemLists);
  flat.prefixItems = prefixLists.map((l) => allOfSchema(l));
  if (additional.length) flat.additional = allOfSchema(additional);
  if (names.length) flat.propertyNames = allOfSchema(names);
  if (contains.length) flat.contains = allOfSchema(contains);

  // Every example is later checked against the whole raw schema, so any atom's example may serve;
  // the outermost schema's own example speaks for the whole and goes first.
  const ordered = [
    ...flat.atoms.filter((a) => a.schema === raw),
    ...flat.atoms.filter((a) => a.schema !== raw),
  ];
  for (const { schema: s } of ordered) {
    if (s.example !== undefined) flat.examples.push(s.example);
    if (Array.isArray(s.examples)) flat.examples.push(...s.examples);
    if (s.default !== undefined) flat.examples.push(s.default);
  }
  if (flat.types === 0) flat.unsat = { path, reason: 'the `type` constraints (with allOf) admit no type' };
  else if (flat.enum !== undefined && flat.enum.length === 0)
    flat.unsat = { path, reason: 'enum/const values have no common value' };
  return flat;
}

const caches = new WeakMap<object, WeakMap<object, Flat>>();
const lenientCopies = new WeakMap<object, Record<string, Schema>>();
const lenientSet = new WeakSet<object>();

/**
 * The defs to generate with under the lenient reading: the same schemas in a distinct object, so
 * flattened schemas are cached apart from the strict ones and flatten() knows which reading applies.
 */
export function lenientDefsOf(defs: Record<string, Schema>): Record<string, Schema> {
  let copy = lenientCopies.get(defs);
  if (!copy) {
    copy = { ...defs };
    lenientCopies.set(defs, copy);
    lenientSet.add(copy);
  }
  return copy;
}

export function flatFor(schema: Schema, path: Path | null, defs: Record<string, Schema>): Flat {
  if (!isObj(schema)) return flatten(schema, path, defs);
  let byDefs = caches.get(defs);
  if (!byDefs) {
    byDefs = new WeakMap();
    caches.set(defs, byDefs);
  }
  let f = byDefs.get(schema);
  // The cached path is the first place this schema was met; for shared $defs that is the def.
  if (!f) {
    f = flatten(schema, path, defs);
    byDefs.set(schema, f);
  }
  return f;
}
