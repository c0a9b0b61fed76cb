import type { JsonValue } from '../../plan';
import { canonKey, checkOpts, matches } from '../check';
import { GenFailure, LIMITS, child, fail, overSoftBudget, spend, type Ctx, type Hint } from '../context';
import { gen } from '../core';
import type { Flat } from '../flat';
import { itemExample } from '../../realism/examples';

/**
 * Arrays get plausible lengths (1–5 when unbounded, 3–5 for the list a collection call answers,
 * none past a list's last page), unique items when asked, and the minimum length once recursion
 * or the depth cap says "stop growing".
 */

/** A list screen needs a handful of rows: a list's own array has 3–5 items (within its bounds). */
const LIST_MIN = 3;
const LIST_MAX = 5;

export function genArray(flat: Flat, ctx: Ctx, hint: Hint): JsonValue[] {
  const minI = flat.minItems ?? 0;
  const maxI = flat.maxItems ?? Infinity;
  if (minI > maxI) fail(flat.path, `minItems ${minI} is greater than maxItems ${maxI}`);
  if (minI > LIMITS.maxItems)
    fail(flat.path, `minItems ${minI} exceeds the generator limit of ${LIMITS.maxItems} items`);
  const prefix = flat.prefixItems;
  const closed = flat.items === false;
  let cap = closed ? Math.min(maxI, prefix.length) : maxI;
  // The page the caller asked for (limit, per_page, …) bounds the body's list, never the schema's minimum.
  const page = ctx.realism.pageSize;
  if (page !== undefined && ctx.arrDepth === 0 && ctx.objDepth <= 1)
    cap = Math.max(minI, Math.min(cap, page));
  if (minI > cap) fail(flat.path, `minItems ${minI} cannot be met: items beyond prefixItems are forbidden`);

  const listRoot = ctx.arrDepth === 0 && ctx.objDepth <= 1 && ctx.realism.paging !== undefined;
  const sentItems = listRoot ? undefined : hint.sentItems;
  let n: number;
  if (ctx.prune || overSoftBudget(ctx) || (listRoot && ctx.realism.paging?.pastEnd)) n = minI;
  // A batch create answers as many items as it sent, within the schema's bounds.
  else if (sentItems) n = Math.max(minI, Math.min(cap, sentItems.length));
  else if (listRoot)
    n = ctx.rng.int(Math.max(minI, Math.min(cap, LIST_MIN)), Math.max(minI, Math.min(cap, LIST_MAX)));
  else {
    const lo = Math.max(minI, cap >= 1 ? 1 : 0);
    // Lists inside lists stay short: 5×5×5 items is neither realistic nor cheap.
    n = ctx.rng.int(lo, Math.min(cap, lo + (ctx.arrDepth > 0 ? 1 : 4)));
  }
  spend(ctx, n + 2, flat.path);

  const out: JsonValue[] = [];
  const seen = flat.unique ? new Set<string>() : undefined;
  const itemHint: Hint = { name: hint.name, taken: seen };
  const ex = itemExample(flat, hint);
  if (ex !== undefined) itemHint.example = ex;
  const saved = ctx.variation;
  const savedSibling = ctx.sibling;
  const savedShapes = ctx.shapes;
  // The items share their shape (object.ts: keepsOptional); an array inside them has its own.
  ctx.shapes = new Map();
  ctx.arrDepth++;
  try {
    for (let i = 0; i < n; i++) {
      const schema = i < prefix.length ? prefix[i] : (flat.items ?? true);
      const path = i < prefix.length ? child(flat.path, 'prefixItems', i) : child(flat.path, 'items');
      let placed = false;
      ctx.sibling = savedSibling || i > 0;
      for (let attempt = 0; attempt < (seen ? 16 : 1); attempt++) {
        // Retries must not replay the same example or heuristic value.
        ctx.variation = saved + attempt + (seen && i > 0 ? 1 : 0);
        let v: JsonValue;
        try {
          const sent = sentItems?.[i];
          v = gen(schema, path, ctx, sent ? { ...itemHint, sent } : itemHint);
        } catch (e) {
          // Optional extra items may be dropped; required ones make the array impossible.
          if (e instanceof GenFailure && i >= minI) break;
          throw e;
        }
        if (seen) {
          const key = canonKey(v);
          if (seen.has(key)) continue;
          seen.add(key);
        }
        out.push(v);
        placed = true;
        break;
      }
      if (!placed) {
        if (out.length >= minI) break;
        fail(flat.path, `cannot produce ${minI} unique items`);
      }
    }
  } finally {
    ctx.variation = saved;
    ctx.sibling = savedSibling;
    ctx.shapes = savedShapes;
    ctx.arrDepth--;
  }

  if (flat.contains !== undefined && !out.some((v) => matches(flat.contains!, v, checkOpts(ctx)))) {
    const both = { allOf: [flat.items ?? true, flat.contains] };
    const v = gen(both, child(flat.path, 'contains'), ctx, itemHint);
    if (out.length < cap && (!seen || !seen.has(canonKey(v)))) out.push(v);
    else if (out.length > 0 && !flat.unique) out[out.length - 1] = v;
    else fail(flat.path, 'cannot satisfy `contains` within maxItems');
  }
  return out;
}
