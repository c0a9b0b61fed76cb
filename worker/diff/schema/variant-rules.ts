import type { Direction, Schema } from '../../mock/plan';
import type { Delta } from './delta';
import { viewOf, type Sub, type View } from './view';

/**
 * oneOf/anyOf alternatives. Reordering is no change, so alternatives are paired by what they look
 * like (their types, members, required members and enum), then the rest by likeness (shared
 * members); the pairs are compared member by member, the leftovers are alternatives added or
 * removed. A schema that became a oneOf (or stopped being one) is one alternative on its side:
 * `owner: simple-user` → `owner: oneOf [simple-user, enterprise]` is one alternative added.
 */

type Emit = (d: Delta) => void;
type Recurse = (a: Sub, b: Sub, value: string | null) => void;
export interface Plans {
  from: Record<string, Schema>;
  to: Record<string, Schema>;
  direction: Direction;
}

/** True when one side is a bare oneOf/anyOf and the other is not one at all. */
export function becameVariants(a: View, b: View): boolean {
  if (!a.variants === !b.variants) return false;
  const plain = a.variants ? b : a;
  const split = a.variants ? a : b;
  return split.props.size === 0 && split.types === undefined && !plain.never;
}

export function variantDeltas(
  a: View,
  b: View,
  whole: { a: Schema; b: Schema },
  plans: Plans,
  emit: Emit,
  recurse: Recurse,
): void {
  const oneSided = becameVariants(a, b);
  const before = a.variants?.list ?? (oneSided ? [{ schema: whole.a, path: [] }] : []);
  const after = b.variants?.list ?? (oneSided ? [{ schema: whole.b, path: [] }] : []);
  if (before.length === 0 && after.length === 0) return;
  const va = before.map((s) => viewOf(s.schema, plans.from, plans.direction));
  const vb = after.map((s) => viewOf(s.schema, plans.to, plans.direction));
  const { pairs, leftA, leftB } = pairUp(va, vb);
  for (const [i, j] of pairs) recurse(before[i], after[j], null);
  const kindA = a.variants?.kind ?? 'oneOf';
  const kindB = b.variants?.kind ?? 'oneOf';
  for (const i of leftA)
    emit({
      kind: 'variant-removed',
      side: 'from',
      at: before[i].path,
      value: [],
      detail: `alternative ${i + 1} of ${kindA} removed`,
    });
  for (const j of leftB)
    emit({
      kind: 'variant-added',
      side: 'to',
      at: after[j].path,
      value: [],
      detail: `alternative ${j + 1} added to ${kindB}`,
    });
}

function pairUp(va: View[], vb: View[]): { pairs: [number, number][]; leftA: number[]; leftB: number[] } {
  const signA = va.map(signature);
  const leftA = new Set(va.keys());
  const leftB: number[] = [];
  const pairs: [number, number][] = [];
  vb.forEach((v, j) => {
    const i = [...leftA].find((k) => signA[k] === signature(v));
    if (i === undefined) leftB.push(j);
    else {
      leftA.delete(i);
      pairs.push([i, j]);
    }
  });
  // What changed shape pairs with the most alike of what is left on the other side.
  const restA = [...leftA];
  const restB = new Set(leftB);
  for (const i of restA) {
    if (restB.size === 0) break;
    let best = -1;
    let bestScore = -1;
    for (const j of restB) {
      const score = likeness(va[i], vb[j]);
      if (score > bestScore) [best, bestScore] = [j, score];
    }
    restB.delete(best);
    leftA.delete(i);
    pairs.push([i, best]);
  }
  return { pairs, leftA: [...leftA], leftB: [...restB] };
}

function signature(v: View): string {
  return [
    v.types?.join('|') ?? '',
    [...v.props.keys()].sort().join(','),
    [...v.required].sort().join(','),
    v.enum ? JSON.stringify(v.enum) : '',
  ].join(';');
}

function likeness(a: View, b: View): number {
  let shared = 0;
  for (const name of a.props.keys()) if (b.props.has(name)) shared++;
  const sameType = (a.types?.join() ?? '') === (b.types?.join() ?? '') ? 1 : 0;
  return shared * 2 + sameType;
}
