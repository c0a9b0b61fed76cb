import type { Schema } from '../plan';
import type { Ctx } from '../generate/context';
import { isObj, refDefName } from '../schema-refs';
import { viewOf } from '../schema-view';
import { oneOrMany } from './one-or-many';

/**
 * Which alternative of an anyOf/oneOf a call should see: a GET of a live resource never gets the
 * `deleted` variant (Stripe's `customer` is anyOf [`customer`, `deleted_customer`]); a DELETE gets
 * it first. Only the order of the alternatives changes: every one stays available, so validity
 * is untouched.
 */

const cache = new WeakMap<object, boolean>();

/** A branch that describes a deleted thing: `deleted: {enum: [true]}`/`const: true`, or `deleted_*`. */
function isDeleted(branch: Schema, defs: Record<string, Schema>, depth = 0): boolean {
  if (!isObj(branch) || depth > 4) return false;
  const known = cache.get(branch);
  if (known !== undefined) return known;
  let r = false;
  const ref = typeof branch.$ref === 'string' ? branch.$ref : undefined;
  const name = ref !== undefined ? refDefName(ref) : undefined;
  if (name !== undefined) {
    r = /^deleted[_A-Z-]/i.test(name) || isDeleted(defs[name] ?? true, defs, depth + 1);
  } else {
    const props = branch.properties;
    const d = isObj(props) ? props.deleted : undefined;
    if (isObj(d))
      r = d.const === true || (Array.isArray(d.enum) && d.enum.length === 1 && d.enum[0] === true);
    if (!r && Array.isArray(branch.allOf)) r = branch.allOf.some((b) => isDeleted(b, defs, depth + 1));
  }
  cache.set(branch, r);
  return r;
}

/** The plan's steps, live branches first (deleted ones first on a DELETE). */
export function liveFirst<T extends { index: number }>(plan: T[], branches: Schema[], ctx: Ctx): T[] {
  const deleted = plan.filter((p) => isDeleted(branches[p.index], ctx.defs));
  if (deleted.length === 0 || deleted.length === plan.length) {
    // At the body's root: the branch that holds one item or the list, as the call asks (one-or-many.ts).
    if (ctx.objDepth > 0 || ctx.arrDepth > 0) return plan;
    return oneOrMany(
      plan,
      (p) => Object.keys(viewOf(branches[p.index], ctx.defs)?.properties ?? {}),
      ctx.realism,
    );
  }
  const live = plan.filter((p) => !deleted.includes(p));
  return ctx.realism.method === 'DELETE' ? [...deleted, ...live] : [...live, ...deleted];
}
