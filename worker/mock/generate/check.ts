import type { JsonValue, Schema, SchemaObject, Direction } from '../plan';
import { checkNumberFormat, checkStringFormat } from './formats';
import { compilePattern } from './patterns';
import { patternContext, requestPattern } from '../lenient-request';
import { GenFailure, LENIENT_NULL, NARROWED_ENUM, NARROWED_TYPE, type Ctx } from './context';
import { hiddenFor, isObj, resolveRef } from '../schema-refs';

/**
 * A small boolean JSON Schema 2020-12 checker used inside generation (oneOf exclusivity, `not`,
 * examples, heuristic values). It is interpretive on purpose: no compilation step, so checking a
 * value against one branch costs microseconds, and it understands the OpenAPI leftovers
 * (`nullable`, writeOnly-required) the same way the generator does.
 */

/**
 * Keywords a JSON Schema validator reads and `matches` does not (the plan keeps them for validation
 * alone). A caller that takes `matches`' yes for a validator's must first see that none is reached
 * (ingest/check-examples.ts).
 */
export const UNCHECKED_KEYWORDS: ReadonlySet<string> = new Set([
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  'dependencies',
  'additionalItems',
  '$recursiveRef',
]);

export interface CheckOptions {
  defs: Record<string, Schema>;
  direction: Direction;
  /** Examples must not carry properties hidden in this direction (writeOnly in responses). */
  strictAccess?: boolean;
  /**
   * The value was not drawn from this schema by the generator (a sent member, an example, a faker
   * candidate, a value made for another member): a pattern flagged unsafe is never run, so such a
   * value cannot be shown to match it, and does not. The generator's own draws are taken to match.
   */
  outside?: boolean;
  /** Schema nodes left to visit for this body: checks nest inside oneOf retries and must stay bounded. */
  budget?: { left: number };
}

/** A check that ran out of its body's work budget: it knows neither yes nor no. */
export class CheckTooComplex extends GenFailure {
  constructor() {
    super(null, 'schema is too complex to check within the work limit');
  }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  return true;
}

/** Code points, as JSON Schema counts string length. */
export function strLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return t;
}

function typeMatches(t: string, v: unknown, vt: string): boolean {
  if (t === vt) return true;
  if (t === 'number') return vt === 'integer';
  // 1.0 is an integer in JSON Schema; JS already folds it.
  return t === 'integer' && vt === 'number' && Number.isInteger(v);
}

/** Ajv-compatible multipleOf: the quotient must be an integer in floating point. */
export function isMultiple(n: number, m: number): boolean {
  if (!(m > 0)) return true;
  const q = n / m;
  return Number.isFinite(q) && q === Math.trunc(q);
}

function patternOk(s: SchemaObject, str: string, o: CheckOptions): boolean {
  if (typeof s.pattern !== 'string') return true;
  // Flagged patterns are never executed: a catastrophic regex must not stall the isolate.
  if (s['x-specmock-unsafe-pattern'] === true) return o.outside !== true;
  // A request's regex literal is read as validation reads it (lenient-request.ts), so a oneOf
  // branch the generator keeps apart is apart for the validator too (sinao's customer).
  const pattern = o.direction === 'request' ? requestPattern(s.pattern, patternContext(s)) : s.pattern;
  if (pattern === null) return true;
  const re = compilePattern(pattern);
  return re === null ? true : re.test(str);
}

export function matches(schema: Schema, value: unknown, o: CheckOptions, depth = 0): boolean {
  if (schema === true) return true;
  if (schema === false || !isObj(schema)) return schema === undefined;
  if (depth > 200) return false;
  // Exclusivity checks of nested oneOfs over recursive schemas (influxdata.com's Flux AST) would
  // otherwise grow exponentially; the generator turns this into "too complex" and moves on.
  if (o.budget && --o.budget.left < 0) throw new CheckTooComplex();
  const s = schema;
  // The null a typeless `nullable` adds holds for requests only (see LENIENT_NULL).
  if (s[LENIENT_NULL] === true && o.direction === 'response') return false;
  if (typeof s.$ref === 'string') {
    const target = resolveRef(s.$ref, o.defs);
    if (target === undefined || !matches(target, value, o, depth + 1)) return false;
  }
  const vt = typeOf(value);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    let ok = false;
    for (const t of types) if (typeMatches(String(t), value, vt)) ok = true;
    if (!ok && !(vt === 'null' && s.nullable === true)) return false;
  }
  const narrowed = s[NARROWED_TYPE];
  if (Array.isArray(narrowed) && !narrowed.some((t) => typeMatches(String(t), value, vt))) return false;
  if (s.const !== undefined && !deepEqual(s.const, value)) return false;
  for (const list of [s.enum, s[NARROWED_ENUM]])
    if (Array.isArray(list) && !list.some((e) => deepEqual(e, value))) return false;
  if (vt === 'integer' || vt === 'number') {
    const n = value as number;
    if (typeof s.minimum === 'number' && n < s.minimum) return false;
    if (typeof s.maximum === 'number' && n > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) return false;
    if (typeof s.multipleOf === 'number' && !isMultiple(n, s.multipleOf)) return false;
    if (!checkNumberFormat(s.format, n)) return false;
  } else if (vt === 'string') {
    const str = value as string;
    if (typeof s.minLength === 'number' || typeof s.maxLength === 'number') {
      const len = strLength(str);
      if (typeof s.minLength === 'number' && len < s.minLength) return false;
      if (typeof s.maxLength === 'number' && len > s.maxLength) return false;
    }
    if (!patternOk(s, str, o)) return false;
    if (!checkStringFormat(s.format, str)) return false;
  } else if (vt === 'array') {
    if (!arrayMatches(s, value as JsonValue[], o, depth)) return false;
  } else if (vt === 'object') {
    if (!objectMatches(s, value as Record<string, JsonValue>, o, depth)) return false;
  }
  if (Array.isArray(s.allOf)) for (const b of s.allOf) if (!matches(b, value, o, depth + 1)) return false;
  if (Array.isArray(s.anyOf)) {
    let ok = false;
    for (const b of s.anyOf)
      if (matches(b, value, o, depth + 1)) {
        ok = true;
        break;
      }
    if (!ok) return false;
  }
  if (Array.isArray(s.oneOf)) {
    let count = 0;
    for (const b of s.oneOf) if (matches(b, value, o, depth + 1) && ++count > 1) return false;
    if (count !== 1) return false;
  }
  if (s.not !== undefined && matches(s.not, value, o, depth + 1)) return false;
  if (s.if !== undefined) {
    const branch = matches(s.if, value, o, depth + 1) ? s.then : s.else;
    if (branch !== undefined && !matches(branch, value, o, depth + 1)) return false;
  }
  return true;
}

function arrayMatches(s: SchemaObject, arr: JsonValue[], o: CheckOptions, depth: number): boolean {
  if (typeof s.minItems === 'number' && arr.length < s.minItems) return false;
  if (typeof s.maxItems === 'number' && arr.length > s.maxItems) return false;
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  for (let i = 0; i < arr.length; i++) {
    const sub = i < prefix.length ? prefix[i] : s.items;
    if (sub !== undefined && !matches(sub, arr[i], o, depth + 1)) return false;
  }
  if (s.uniqueItems === true) {
    for (let i = 0; i < arr.length; i++)
      for (let j = i + 1; j < arr.length; j++) if (deepEqual(arr[i], arr[j])) return false;
  }
  if (s.contains !== undefined) {
    let n = 0;
    for (const v of arr) if (matches(s.contains, v, o, depth + 1)) n++;
    const min = typeof s.minContains === 'number' ? s.minContains : 1;
    if (n < min) return false;
    if (typeof s.maxContains === 'number' && n > s.maxContains) return false;
  }
  return true;
}

function objectMatches(
  s: SchemaObject,
  obj: Record<string, JsonValue>,
  o: CheckOptions,
  depth: number,
): boolean {
  const keys = Object.keys(obj);
  if (typeof s.minProperties === 'number' && keys.length < s.minProperties) return false;
  if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) return false;
  const props = isObj(s.properties) ? s.properties : undefined;
  if (Array.isArray(s.required)) {
    for (const r of s.required) {
      if (Object.prototype.hasOwnProperty.call(obj, r)) continue;
      // OpenAPI: a required writeOnly property is required in requests only (and vice versa).
      const ps = props?.[r];
      if (ps !== undefined && hiddenFor(ps, o.defs, o.direction)) continue;
      return false;
    }
  }
  const pats = isObj(s.patternProperties) ? Object.entries(s.patternProperties) : [];
  for (const k of keys) {
    const v = obj[k];
    let covered = false;
    if (props && Object.prototype.hasOwnProperty.call(props, k)) {
      covered = true;
      const ps = props[k];
      if (o.strictAccess && hiddenFor(ps, o.defs, o.direction)) return false;
      if (!matches(ps, v, o, depth + 1)) return false;
    }
    for (const [p, ps] of pats) {
      const re = compilePattern(p);
      if (re && re.test(k)) {
        covered = true;
        if (!matches(ps, v, o, depth + 1)) return false;
      }
    }
    if (!covered && s.additionalProperties !== undefined && !matches(s.additionalProperties, v, o, depth + 1))
      return false;
    if (s.propertyNames !== undefined && !matches(s.propertyNames as Schema, k, o, depth + 1)) return false;
  }
  if (isObj(s.dependentRequired)) {
    for (const [k, deps] of Object.entries(s.dependentRequired)) {
      if (!Object.prototype.hasOwnProperty.call(obj, k) || !Array.isArray(deps)) continue;
      for (const d of deps) if (!Object.prototype.hasOwnProperty.call(obj, String(d))) return false;
    }
  }
  return true;
}

/** The checker's options for a value generated under `ctx`. */
export function checkOpts(
  ctx: Ctx,
  { strictAccess = false, outside = false }: { strictAccess?: boolean; outside?: boolean } = {},
): CheckOptions {
  return { defs: ctx.defs, direction: ctx.direction, strictAccess, outside, budget: ctx.checkBudget };
}

/** A canonical form of a JSON value (sorted keys), for uniqueness. */
export function canonKey(v: JsonValue): string {
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(canonKey).join(',') + ']';
  return (
    '{' +
    Object.keys(v)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + canonKey(v[k]))
      .join(',') +
    '}'
  );
}
