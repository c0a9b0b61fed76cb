import type { JsonValue, Schema } from '../../plan';
import { checkOpts, matches } from '../check';
import { GenFailure, child, fail, overSoftBudget, spend, type Ctx, type Hint } from '../context';
import { gen } from '../core';
import type { Flat } from '../flat';
import { mapKey } from '../../realism/field-values';
import { compilePattern, randomFromPattern } from '../patterns';
import { hiddenFor } from '../../schema-refs';
import { requiredVisible } from './required-names';
import { harmonize } from '../../realism/consistency';
import { objectGuide, propertyHint } from '../../realism/property-hint';
import { fold } from '../../realism/reflect';
import { isPagingBox } from '../../realism/paging/apply';
import { roleOf } from '../../realism/paging/names';

/**
 * Objects: required properties always, optional ones while we are not pruning (real APIs return
 * full objects), never a property hidden in this direction (writeOnly in responses).
 */

/** The value a discriminator property takes for this schema when no oneOf chose it for us. */
function implicitDisc(flat: Flat): { propertyName: string; value: string } | undefined {
  const d = flat.discriminator;
  if (!d || flat.defName === undefined) return undefined;
  const target = `#/$defs/${flat.defName}`;
  if (d.mapping) {
    for (const [k, v] of Object.entries(d.mapping))
      if (v === target || v === flat.defName) return { propertyName: d.propertyName, value: k };
  }
  return { propertyName: d.propertyName, value: flat.defName };
}

function extraSchemaFor(flat: Flat, name: string): Schema | undefined {
  const matching: Schema[] = [];
  for (const [p, s] of flat.patternProps) if (compilePattern(p)?.test(name)) matching.push(s);
  if (matching.length) return matching.length === 1 ? matching[0] : { allOf: matching };
  return flat.additional ?? true;
}

/** One object under construction: what is generated so far and the room left. */
interface Build {
  flat: Flat;
  ctx: Ctx;
  hint: Hint;
  out: Record<string, JsonValue>;
  count: number;
  optionalRoom: number;
  minP: number;
  maxP: number;
  required: string[];
  disc: { propertyName: string; value: string } | undefined;
  guide: ReturnType<typeof objectGuide>;
}

const ODATA = /^@?odata\./i;

function put(b: Build, name: string, schema: Schema, optional: boolean): void {
  const { flat, ctx } = b;
  const h = propertyHint(b.guide, name, schema, b.out, ctx);
  if (b.disc && b.disc.propertyName === name) h.disc = b.disc.value;
  // No next page: an optional link is left out rather than given a page that does not exist, where
  // `null` does not fit or the member is an OData annotation (`@odata.nextLink`), which OData's JSON
  // format leaves out when it has no value (the Graph client's iterator reads a `null` as a link).
  if (optional && h.drop && (ODATA.test(name) || !matches(schema, null, checkOpts(ctx)))) return;
  const path = flat.props.has(name)
    ? child(flat.path, 'properties', name)
    : child(flat.path, 'additionalProperties');
  try {
    spend(ctx, name.length + 4, flat.path);
    b.out[name] = gen(schema, path, ctx, h);
    b.count++;
  } catch (e) {
    // An optional property that cannot be generated is simply left out.
    if (!(optional && e instanceof GenFailure)) throw e;
  }
}

function fillDeclared(b: Build): void {
  const { flat, ctx, hint } = b;
  const requiredSet = new Set(b.required);
  for (const [name, schema] of flat.props) {
    if (requiredSet.has(name)) {
      put(b, name, schema, false);
      continue;
    }
    if (flat.required.has(name) || b.optionalRoom <= 0 || schema === false) continue;
    if (ctx.prune || hint.avoid?.has(name)) continue;
    if (hiddenFor(schema, ctx.defs, ctx.direction)) continue;
    // Deep inside a body, real APIs rarely fill every optional field; it also bounds body size. The
    // resource inside a wrapper (`{"data": {…}}`) is as full as a body's root, its id included, and
    // so are the items of a list the root holds (`data`, `choices`, `results`): what a client shows.
    if (
      !hint.root &&
      ctx.objDepth >= 2 &&
      !listedAtRoot(ctx) &&
      !pagingMember(ctx, hint, name) &&
      !(ctx.direction === 'response' && IDENTITY.test(name)) &&
      // Sent this deep by a create or update (Kubernetes' `spec.replicas`): its client reads it back.
      !b.guide.sent?.has(fold(name)) &&
      // A small structure is whole wherever it is (a tag's `Key` and `Value`, a dimension's name and
      // value): EC2's tag sets came out as `{Value}` and its association sets as `{}`.
      flat.props.size > SMALL_OBJECT &&
      !keepsOptional(ctx, flat, name)
    )
      continue;
    if (overSoftBudget(ctx)) continue;
    const before = b.count;
    put(b, name, schema, true);
    if (b.count > before) b.optionalRoom--;
  }
}

/**
 * An object's own identifier is given wherever the object is in a response: a real API never sends
 * a user reference without its id, and SDKs built from a stricter description refuse one (Box's
 * `created_by` lacked `id`, optional in box.com.json: "Expecting id of type UserMini"). A generated
 * request keeps its optional ids optional, as its description has them.
 */
const IDENTITY = /^(id|_id|uuid|gid|guid)$/i;

/** Members an object may declare and still be filled whole at any depth. */
const SMALL_OBJECT = 3;

/** An item of an array the body's root object holds (the root's own objects are at depth 1). */
function listedAtRoot(ctx: Ctx): boolean {
  return ctx.objDepth === 2 && ctx.arrDepth === 1;
}

/**
 * A link or fact of a list answer's paging box (`_metadata.next`, `links.prev`, `meta.has_more`):
 * where a client reads its next page, so never left out by chance. On the last page a link with no
 * page is still left out (`drop`, in `put`).
 */
function pagingMember(ctx: Ctx, hint: Hint, name: string): boolean {
  return (
    ctx.realism.paging !== undefined &&
    ctx.arrDepth === 0 &&
    ctx.objDepth === 2 &&
    isPagingBox(hint.name) &&
    roleOf(name) !== undefined
  );
}

/**
 * Whether an optional member deep in a body is given. Inside an array, decided once per schema
 * (its def, else the schema object) and name: the items share their shape, as a real API's do
 * (openai's completion choices came out as `{finish_reason}`, `{text}`, `{index, text}`).
 */
function keepsOptional(ctx: Ctx, flat: Flat, name: string): boolean {
  const p = ctx.objDepth >= 5 ? 0.15 : ctx.objDepth >= 3 ? 0.35 : 0.6;
  // A retry (a unique item, one branch of an overlapping oneOf) needs another shape, not the same.
  // A lenient media's body keeps a draw per object: publish found its relaxations on those draws.
  if (ctx.variation > 0 || !ctx.shapes || ctx.relax) return ctx.rng.chance(p);
  const key = flat.defName ?? flat.raw;
  let byName = ctx.shapes.get(key);
  if (!byName) ctx.shapes.set(key, (byName = new Map()));
  let keep = byName.get(name);
  if (keep === undefined) byName.set(name, (keep = ctx.rng.chance(p)));
  return keep;
}

/** The discriminator must be present even if the schema forgot to declare it. */
function fillDiscriminator(b: Build): void {
  const { flat, disc, out } = b;
  const declared = disc ? flat.props.get(disc.propertyName) : undefined;
  if (disc && declared !== undefined && !(disc.propertyName in out) && b.count < b.maxP) {
    // A declared property governs its own name: generated with the discriminator hint, it takes
    // the mapped value when its schema allows it (exavault.com: `enum: [account]` vs "Account").
    put(b, disc.propertyName, declared, true);
  } else if (disc && !(disc.propertyName in out) && b.count < b.maxP) {
    const s = extraSchemaFor(flat, disc.propertyName);
    if (s !== undefined && s !== false && matches(s, disc.value, checkOpts(b.ctx))) {
      out[disc.propertyName] = disc.value;
      b.count++;
    }
  }
}

function fillDependent(b: Build): void {
  const { flat, out } = b;
  for (const [k, deps] of flat.dependentRequired) {
    if (!(k in out)) continue;
    for (const d of deps)
      if (!(d in out)) put(b, d, flat.props.get(d) ?? extraSchemaFor(flat, d) ?? true, false);
  }
}

/**
 * minProperties draws first on declared optional properties the pass above skipped (by chance,
 * pruning or budget); extra keys may be forbidden by additionalProperties: false.
 */
function fillToMinimum(b: Build): void {
  const { flat, ctx, hint, out } = b;
  for (const [name, schema] of flat.props) {
    if (b.count >= b.minP || b.count >= b.maxP) break;
    if (
      name in out ||
      schema === false ||
      hint.avoid?.has(name) ||
      hiddenFor(schema, ctx.defs, ctx.direction)
    )
      continue;
    put(b, name, schema, true);
  }
}

/** Free-form maps (additionalProperties: {schema}) look empty and fake without a few entries. */
function fillExtra(b: Build): void {
  const { flat, ctx, out, minP, maxP } = b;
  const isMap =
    flat.props.size === 0 &&
    flat.additional !== undefined &&
    flat.additional !== false &&
    flat.additional !== true;
  const patternMap = flat.props.size === 0 && flat.patternProps.length > 0;
  let want = minP;
  if ((isMap || patternMap) && !ctx.prune) want = Math.max(minP, Math.min(maxP, ctx.rng.int(1, 3)));
  let guard = 0;
  while (b.count < want && guard++ < want * 4 + 20) {
    const name = extraName(flat, ctx, b.count);
    if (name === undefined) break;
    if (name in out || flat.props.has(name)) continue;
    if (
      flat.propertyNames !== undefined &&
      !matches(flat.propertyNames, name, checkOpts(ctx, { outside: true }))
    )
      continue;
    const s = extraSchemaFor(flat, name);
    if (s === undefined || s === false) continue;
    put(b, name, s, b.count >= minP);
  }
}

export function genObject(flat: Flat, ctx: Ctx, hint: Hint): Record<string, JsonValue> {
  const maxP = flat.maxProps ?? Infinity;
  const minP = flat.minProps ?? 0;
  if (minP > maxP) fail(flat.path, `minProperties ${minP} is greater than maxProperties ${maxP}`);
  const disc = hint.setDisc ?? implicitDisc(flat);
  const required = requiredVisible(flat, ctx);
  if (required.length > maxP)
    fail(flat.path, `${required.length} required properties exceed maxProperties ${maxP}`);
  spend(ctx, 2, flat.path);
  const out: Record<string, JsonValue> = {};
  const guide = objectGuide(flat, hint, ctx);
  const b: Build = {
    flat,
    ctx,
    hint,
    out,
    count: 0,
    optionalRoom: maxP - required.length,
    minP,
    maxP,
    required,
    disc,
    guide,
  };
  ctx.objDepth++;
  try {
    fillDeclared(b);
    fillDiscriminator(b);
    fillDependent(b);
    fillToMinimum(b);
    fillExtra(b);
  } finally {
    ctx.objDepth--;
  }
  if (b.count > 0)
    harmonize(
      out,
      flat,
      flat.props.keys(),
      (n) => flat.props.get(n) ?? extraSchemaFor(flat, n),
      ctx,
      ctx.objDepth,
    );
  if (b.count < minP)
    fail(
      flat.path,
      `cannot produce ${minP} properties (minProperties) under additionalProperties/patternProperties`,
    );
  return out;
}

/** A key for an extra property: from a patternProperties pattern if any, else a word-like key. */
function extraName(flat: Flat, ctx: Ctx, i: number): string | undefined {
  const allowAdditional = flat.additional !== false;
  if (flat.patternProps.length && (!allowAdditional || ctx.rng.chance(0.7))) {
    const [p] = flat.patternProps[i % flat.patternProps.length];
    const r = randomFromPattern(p, ctx.rng);
    if (r !== 'too-long' && r !== 'invalid' && compilePattern(p)?.test(r)) return r;
    if (!allowAdditional) return undefined;
  }
  if (!allowAdditional) return undefined;
  let name = mapKey(ctx, i);
  // A generic key must not accidentally fall under a patternProperties schema.
  for (let t = 0; t < 5 && flat.patternProps.some(([p]) => compilePattern(p)?.test(name)); t++)
    name = mapKey(ctx, i + t + 1) + t;
  return name;
}
