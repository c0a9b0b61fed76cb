import type { JsonValue, Schema, SchemaObject } from '../plan';
import { canonKey, checkOpts, matches } from './check';
import { composeConds, composeGroups } from './compose';
import { GenFailure, LIMITS, fail, type Ctx, type Hint, type Path } from './context';
import { genArray } from './types/array';
import { T_ARR, T_BOOL, T_INT, T_NULL, T_NUM, T_OBJ, T_STR, type Flat } from './flat';
import { flatFor } from './merge';
import { genInteger, genNumber } from './types/number';
import { genObject } from './types/object';
import { genString } from './types/string';
import { xFakerValue } from './x-faker';
import { booleanFor } from '../realism/field-values';
import { relax } from './relax';
import { enumRejections } from './enum-rejections';

/** The recursive entry point every sub-generator calls for a nested schema. */
export function gen(schema: Schema, path: Path | null, ctx: Ctx, hint: Hint): JsonValue {
  if (hint.want)
    for (const v of hint.want)
      if (matches(schema, v, checkOpts(ctx, { outside: true }))) return structuredCloneJson(v);
  const flat = flatFor(schema, path, ctx.defs);
  if (flat.unsat) fail(flat.unsat.path, flat.unsat.reason);
  return genWithFlat(flat, ctx, hint);
}

/** Generates from an already flattened schema, tracking $ref re-entry to bound recursion. */
export function genWithFlat(flat: Flat, ctx: Ctx, hint: Hint): JsonValue {
  // Bounded total work: retries nested inside retries must not grow exponentially.
  if (++ctx.steps > LIMITS.maxSteps)
    fail(flat.path, 'schema is too complex to generate within the work limit');
  if (++ctx.nesting > LIMITS.maxNesting) {
    ctx.nesting--;
    fail(flat.path, 'schema nesting is too deep to generate (unbounded recursion?)');
  }
  let reentry = 0;
  for (const r of flat.refs) {
    const n = (ctx.refCounts.get(r) ?? 0) + 1;
    ctx.refCounts.set(r, n);
    if (n > reentry) reentry = n;
  }
  if (flat.refs.length) ctx.refDepth++;
  const savedPrune = ctx.prune;
  // Past the depth cap, or on the second visit of a recursive def, take the smallest valid shape.
  if (ctx.refDepth >= ctx.maxDepth || reentry >= 2) ctx.prune = true;
  try {
    if (flat.relaxed && ctx.relax === 'discover') ctx.relaxed.push(...flat.relaxed);
    if (ctx.relax && !ctx.cutting && reentry >= 2 && ctx.refDepth > ctx.maxDepth + 2)
      return cutRecursion(flat, ctx, hint);
    if (ctx.refDepth > ctx.maxDepth + 40)
      fail(flat.path, 'recursive schema requires unbounded depth (no terminating alternative)');
    return genFlat(flat, ctx, hint);
  } finally {
    ctx.prune = savedPrune;
    if (flat.refs.length) ctx.refDepth--;
    for (const r of flat.refs) ctx.refCounts.set(r, (ctx.refCounts.get(r) ?? 1) - 1);
    ctx.nesting--;
  }
}

/**
 * Past the depth cap inside recursion: the strict reading first (without further cuts below), and
 * where it finds no way out (required recursion), `null`, relaxing the keywords that reject it.
 */
function cutRecursion(flat: Flat, ctx: Ctx, hint: Hint): JsonValue {
  ctx.cutting = true;
  try {
    if (ctx.refDepth > ctx.maxDepth + 40)
      fail(flat.path, 'recursive schema requires unbounded depth (no terminating alternative)');
    return genFlat(flat, ctx, hint);
  } catch (e) {
    if (e instanceof GenFailure && relax(ctx, 'recursion-cut', nullRejections(flat))) return null;
    throw e;
  } finally {
    ctx.cutting = false;
  }
}

/** The keywords of a flat's schema objects that reject `null` on their own. */
function nullRejections(flat: Flat): { node: SchemaObject; keyword: string }[] {
  const out: { node: SchemaObject; keyword: string }[] = [];
  for (const { schema: node } of flat.atoms) {
    const types = node.type === undefined ? undefined : Array.isArray(node.type) ? node.type : [node.type];
    if (types && !types.includes('null')) out.push({ node, keyword: 'type' });
    if (Array.isArray(node.enum) && !node.enum.includes(null)) out.push({ node, keyword: 'enum' });
    if (node.const !== undefined && node.const !== null) out.push({ node, keyword: 'const' });
  }
  return out;
}

const exampleCache = new WeakMap<Flat, { response?: number; request?: number }>();

/** Index of the first spec example that validates against the whole schema, or -1. Cached. */
function validExample(flat: Flat, ctx: Ctx): number {
  let entry = exampleCache.get(flat);
  if (!entry) exampleCache.set(flat, (entry = {}));
  let idx = entry[ctx.direction];
  if (idx === undefined) {
    // A pattern flagged unsafe is never run, so an example cannot be shown to match it: generate.
    idx = flat.patterns.some((p) => p.unsafe)
      ? -1
      : flat.examples.findIndex((ex) =>
          matches(flat.raw, ex, checkOpts(ctx, { strictAccess: true, outside: true })),
        );
    entry[ctx.direction] = idx;
  }
  return idx;
}

function genFlat(flat: Flat, ctx: Ctx, hint: Hint): JsonValue {
  if (
    !ctx.dynamic &&
    ctx.variation === 0 &&
    !ctx.sibling &&
    flat.examples.length &&
    !hint.echo &&
    !hint.disc &&
    !hint.sent
  ) {
    const i = validExample(flat, ctx);
    if (i >= 0) return structuredCloneJson(flat.examples[i]);
  }
  if (flat.groups.length) return composeGroups(flat, ctx, hint);
  if (flat.conds.length) return composeConds(flat, ctx, hint);
  if (!flat.nots.length) return genPlain(flat, ctx, hint);
  for (const n of flat.nots) {
    if (
      n.schema === (true as unknown) ||
      (typeof n.schema === 'object' && Object.keys(n.schema).length === 0)
    ) {
      fail(n.path, '`not` excludes every value');
    }
  }
  const saved = ctx.variation;
  try {
    for (let attempt = 0; attempt < 24; attempt++) {
      ctx.variation = saved + attempt;
      let v: JsonValue;
      try {
        v = genPlain(flat, ctx, hint);
      } catch (e) {
        if (e instanceof GenFailure && attempt < 23) continue;
        throw e;
      }
      if (!flat.nots.some((n) => matches(n.schema, v, checkOpts(ctx)))) return v;
    }
  } finally {
    ctx.variation = saved;
  }
  return fail(flat.nots[0].path, 'could not find a value that avoids the `not` schema');
}

function structuredCloneJson(v: JsonValue): JsonValue {
  // The plan's example objects are shared across requests; callers may mutate the body.
  return typeof v === 'object' && v !== null ? (JSON.parse(JSON.stringify(v)) as JsonValue) : v;
}

/** The JSON types a value can take; `flat.types` bits map onto them. */
type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

function inferKinds(flat: Flat): JsonType[] {
  if (
    flat.props.size ||
    flat.required.size ||
    flat.additional !== undefined ||
    flat.minProps !== undefined ||
    flat.patternProps.length
  )
    return ['object'];
  if (
    flat.items !== undefined ||
    flat.prefixItems.length ||
    flat.minItems !== undefined ||
    flat.maxItems !== undefined
  )
    return ['array'];
  if (flat.minLength !== undefined || flat.maxLength !== undefined || flat.patterns.length) return ['string'];
  if (
    flat.min !== undefined ||
    flat.max !== undefined ||
    flat.exMin !== undefined ||
    flat.exMax !== undefined ||
    flat.multipleOf.length
  ) {
    return flat.formats.some((f) => f === 'int32' || f === 'int64') ? ['integer'] : ['number'];
  }
  if (flat.formats.length) return ['string'];
  return ANY;
}

const ANY: JsonType[] = ['string', 'integer', 'boolean', 'object', 'array', 'null'];
const ANY_BODY: JsonType[] = ['object', 'string', 'integer', 'boolean', 'array', 'null'];

function kindsOf(flat: Flat, ctx: Ctx, root: boolean): JsonType[] {
  const t = flat.types;
  let kinds: JsonType[];
  if (!flat.typed) {
    kinds = inferKinds(flat);
    if (kinds === ANY && root && ctx.jsonRoot) kinds = ANY_BODY;
  } else {
    kinds = [];
    if (t & T_OBJ) kinds.push('object');
    if (t & T_ARR) kinds.push('array');
    if (t & T_STR) kinds.push('string');
    if (t & T_NUM) kinds.push('number');
    else if (t & T_INT) kinds.push('integer');
    if (t & T_BOOL) kinds.push('boolean');
    if (t & T_NULL) kinds.push('null');
  }
  if (ctx.prune && kinds.includes('null') && kinds.length > 1)
    kinds = ['null', ...kinds.filter((k) => k !== 'null')];
  if (ctx.variation > 0 && kinds.length > 1) {
    const r = ctx.variation % kinds.length;
    kinds = [...kinds.slice(r), ...kinds.slice(0, r)];
  }
  return kinds;
}

const enumCache = new WeakMap<Flat, { response?: JsonValue[]; request?: JsonValue[] }>();

/**
 * An array whose own enum lists its items' values (dracoon's `grantTypes`, visagecloud's
 * `purposes`): a request is an array of them, as validation reads it (lenient-request.ts).
 */
function enumOfItems(flat: Flat): boolean {
  return flat.types === T_ARR && flat.enum!.every((v) => !Array.isArray(v));
}

function genPlain(flat: Flat, ctx: Ctx, hint: Hint): JsonValue {
  if (flat.xFaker !== undefined) {
    const v = xFakerValue(flat, ctx);
    if (v !== undefined) return v;
  }
  if (flat.enum !== undefined && !(ctx.direction === 'request' && enumOfItems(flat))) {
    let entry = enumCache.get(flat);
    if (!entry) enumCache.set(flat, (entry = {}));
    let ok = entry[ctx.direction];
    if (!ok)
      ok = entry[ctx.direction] = flat.enum.filter((v) =>
        matches(flat.raw, v, checkOpts(ctx, { strictAccess: true })),
      );
    if (!ok.length) {
      // An enum that contradicts the rest of its schema still names the values meant.
      const meant = flat.enum[0];
      if (ctx.relax && relax(ctx, 'enum-contradicts-schema', enumRejections(flat, meant, ctx)))
        return structuredCloneJson(meant);
      fail(flat.path, 'no enum/const value satisfies the rest of the schema');
    }
    if (hint.disc !== undefined && ok.some((v) => v === hint.disc)) return hint.disc;
    const taken = hint.taken;
    if (taken) ok = ok.filter((v) => !taken.has(canonKey(v)));
    if (!ok.length) fail(flat.path, 'no unused enum value left for uniqueItems');
    const nonNull = ok.filter((v) => v !== null);
    const pool = nonNull.length && !ctx.prune ? nonNull : ok;
    return structuredCloneJson(pool[ctx.rng.int(0, pool.length - 1)]);
  }
  const kinds = kindsOf(flat, ctx, hint.root === true);
  let first: GenFailure | undefined;
  for (const k of kinds) {
    try {
      return genKind(k, flat, ctx, hint);
    } catch (e) {
      if (!(e instanceof GenFailure)) throw e;
      first ??= e;
    }
  }
  throw first ?? new GenFailure(flat.path, 'no type can be generated');
}

function genKind(k: JsonType, flat: Flat, ctx: Ctx, hint: Hint): JsonValue {
  switch (k) {
    case 'object':
      return genObject(flat, ctx, hint);
    case 'array':
      return genArray(flat, ctx, hint);
    case 'string':
      return genString(flat, ctx, hint);
    case 'integer':
      return genInteger(flat, ctx, hint);
    case 'number':
      return genNumber(flat, ctx, hint);
    case 'boolean':
      return booleanFor(hint.name, ctx);
    case 'null':
      return null;
  }
}
