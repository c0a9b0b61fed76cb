import type { Route, Segment } from './match';
import type { OperationPlan, Plan } from './plan';
import { coerce } from './coerce';
import { satisfies } from './validate-schema';

/**
 * Whether path values fit an operation's path parameters, read and judged as request validation
 * reads them (coerce, then the parameter's schema). Asked only of routes a path could match
 * several of (markOverlaps below): the first that fits answers, where the first declared took
 * every call and refused the others.
 */
function pathParamFit(op: OperationPlan, plan: Plan): (params: Record<string, string>) => boolean {
  const path = op.parameters.filter((p) => p.in === 'path');
  return (params) =>
    path.every(
      (p) =>
        params[p.name] === undefined ||
        satisfies(p.schema, plan.defs, coerce(params[p.name], p.schema, plan.defs), 'request'),
    );
}

/**
 * Routes of one length that a path could match both of are told apart by their path values: each
 * gets a `fits` test (pathParamFit above). jellyfin's `/MusicGenres/{id}/InstantMix` (a uuid) and
 * `/MusicGenres/{name}/InstantMix`; mist's `/sites/{id}/zones/{zone_id}` (a uuid) before
 * `/sites/{id}/{zone_type}/count`, which took `zones/count` as a zone. Candidates are split segment
 * by segment (a literal meets its own text and any template), so pairs are compared only at the end.
 */
export function markOverlaps(own: Route[], carried: Route[], at: number, plan: Plan): void {
  if (own.length === 0 || own.length + carried.length < 2) return;
  if (at === own[0].segments.length) {
    own.forEach((a, i) => {
      for (const b of [...own.slice(i + 1), ...carried]) if (overlap(a, b)) markFits([a, b], plan);
    });
    return;
  }
  const [ownLiterals, ownTemplated] = splitAt(own, at);
  const [carriedLiterals, carriedTemplated] = splitAt(carried, at);
  // Pairs within `own`, and between `own` and `carried`; `carried` was paired within its own call.
  for (const [literal, list] of ownLiterals)
    markOverlaps(
      list,
      [...(carriedLiterals.get(literal) ?? []), ...carriedTemplated, ...ownTemplated],
      at + 1,
      plan,
    );
  markOverlaps(ownTemplated, [...[...carriedLiterals.values()].flat(), ...carriedTemplated], at + 1, plan);
}

function splitAt(routes: Route[], at: number): [Map<string, Route[]>, Route[]] {
  const byLiteral = new Map<string, Route[]>();
  const templated: Route[] = [];
  for (const route of routes) {
    const literal = route.segments[at].literal;
    if (literal === undefined) templated.push(route);
    else {
      const list = byLiteral.get(literal);
      if (list) list.push(route);
      else byLiteral.set(literal, [route]);
    }
  }
  return [byLiteral, templated];
}

function markFits(routes: Route[], plan: Plan): void {
  for (const route of routes) route.fits ??= pathParamFit(route.operations.values().next().value!, plan);
}

function overlap(a: Route, b: Route): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (x.literal !== undefined && y.literal !== undefined ? x.literal !== y.literal : !meets(x, y))
      return false;
  }
  return true;
}

/** Whether a literal segment and a templated one (or two templated ones) can take the same text. */
function meets(x: Segment, y: Segment): boolean {
  if (x.literal !== undefined) return y.regex!.test(x.literal);
  if (y.literal !== undefined) return x.regex!.test(y.literal);
  return true;
}
