import type { LenientReason } from '../lenient-reason';
import type { Schema, SchemaObject } from '../plan';
import type { Ctx } from './context';

/**
 * Leniency is per keyword. A media no value satisfies under the strict reading is generated at
 * publish with every relaxation available (`discover`): each one taken, and only where the strict
 * reading failed, is logged with its schema object and keyword. Ingest records those as pointers
 * into the original document (`MediaPlan.relaxed`) and marks each object with its pointer (ORIGIN);
 * the mock then relaxes exactly those keywords and nothing else, so every other part of a lenient
 * body still follows the strict reading.
 */

/** Set at publish on a schema object some media relaxes: its pointer in the original document. */
export const ORIGIN = 'x-specmock-origin';

/** Nowhere (undefined), anywhere with a log (`discover`), or the `<origin>/<keyword>` pointers a media recorded. */
export type RelaxPolicy = 'discover' | ReadonlySet<string>;

/** One keyword of one schema object the generator did not hold a value to, and why. */
export interface Relaxation {
  reason: LenientReason;
  node: SchemaObject;
  keyword: string;
}

function allowed(policy: RelaxPolicy | undefined, node: SchemaObject, keyword: string): boolean {
  if (policy === undefined) return false;
  if (policy === 'discover') return true;
  const origin = node[ORIGIN];
  return typeof origin === 'string' && policy.has(`${origin}/${keyword}`);
}

/**
 * Relaxes `keyword` on every listed schema object, or on none: true (and logged under `discover`)
 * when the policy allows all of them. An empty list relaxes nothing.
 */
export function relax(
  ctx: Ctx,
  reason: LenientReason,
  at: readonly { node: SchemaObject; keyword: string }[],
): boolean {
  if (at.length === 0 || !at.every((a) => allowed(ctx.relax, a.node, a.keyword))) return false;
  if (ctx.relax === 'discover') for (const a of at) ctx.relaxed.push({ reason, ...a });
  return true;
}

/** For merge-time relaxations, decided once per flattened schema: the same check, logged by the caller. */
export function mayRelax(policy: RelaxPolicy | undefined, node: SchemaObject, keyword: string): boolean {
  return allowed(policy, node, keyword);
}

const policies = new WeakMap<object, RelaxPolicy>();
const copies = new WeakMap<object, Map<string, Record<string, Schema>>>();

/**
 * The defs to generate with under a relax policy: the same schemas in a distinct object per policy,
 * so flattened schemas (cached per defs object) are kept apart from the strict ones and from other
 * media's, and flattening knows which relaxations apply.
 */
export function relaxedDefs(defs: Record<string, Schema>, policy: RelaxPolicy): Record<string, Schema> {
  const key = policy === 'discover' ? '' : [...policy].sort().join('\n');
  let byKey = copies.get(defs);
  if (!byKey) copies.set(defs, (byKey = new Map()));
  let copy = byKey.get(key);
  if (!copy) {
    copy = { ...defs };
    byKey.set(key, copy);
    policies.set(copy, policy);
  }
  return copy;
}

export function policyOf(defs: Record<string, Schema>): RelaxPolicy | undefined {
  return policies.get(defs);
}
