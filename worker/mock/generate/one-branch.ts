import type { Direction, JsonValue } from '../plan';
import { checkOpts, matches, type CheckOptions } from './check';
import type { Ctx } from './context';
import { T_NULL, type Flat, type Group } from './flat';
import { isKnownStringFormat } from './formats';
import { flatFor } from './merge';
import { hiddenFor } from '../schema-refs';

/**
 * How a value is kept to exactly one `oneOf` branch: branches another one shadows entirely are not
 * tried, optional names a sibling requires are left out, and as a last resort one property is set
 * to a value the sibling rejects. Every outcome is checked against the whole schema.
 */

export function matchesAnother(g: Group, index: number, v: JsonValue, ctx: Ctx): boolean {
  for (let j = 0; j < g.branches.length; j++)
    if (j !== index && matches(g.branches[j], v, checkOpts(ctx))) return true;
  return false;
}

/**
 * True when a sibling branch is just a type (e.g. `{type: object}`) covering every type this
 * branch can produce: no value of this branch can match exactly one, so do not even try.
 */
export function shadowed(g: Group, index: number, bf: Flat, ctx: Ctx): boolean {
  const mine = bf.types & ~T_NULL;
  if (!bf.typed || mine === 0) return false;
  return g.branches.some((b, j) => {
    if (j === index) return false;
    const f = flatFor(b, null, ctx.defs);
    return isUniversal(f) && (mine & ~f.types) === 0;
  });
}

function isUniversal(f: Flat): boolean {
  return (
    !f.unsat &&
    f.props.size === 0 &&
    f.required.size === 0 &&
    f.additional === undefined &&
    !f.patternProps.length &&
    f.minProps === undefined &&
    f.maxProps === undefined &&
    !f.groups.length &&
    !f.nots.length &&
    !f.conds.length &&
    f.enum === undefined &&
    f.min === undefined &&
    f.max === undefined &&
    f.exMin === undefined &&
    f.exMax === undefined &&
    !f.multipleOf.length &&
    f.minLength === undefined &&
    f.maxLength === undefined &&
    !f.patterns.length &&
    !f.formats.some((x) => isKnownStringFormat(x) || x === 'int32' || x === 'int64') &&
    f.items === undefined &&
    !f.prefixItems.length &&
    f.minItems === undefined &&
    f.maxItems === undefined &&
    !f.unique &&
    f.contains === undefined &&
    f.propertyNames === undefined
  );
}

const POISONS: JsonValue[] = [null, 'n/a', false, 0, '', -1, {}, []];
const ALL_SPENT = (1 << POISONS.length) - 1;

/**
 * What the search learns from the schemas alone, kept per direction (readOnly and writeOnly names
 * hide in one of them only), by a branch's merged view and a second key.
 */
type Learned<K, V> = Record<Direction, WeakMap<Flat, Map<K, V>>>;

function learned<K, V>(): Learned<K, V> {
  return { request: new WeakMap(), response: new WeakMap() };
}

function recall<K, V>(store: Learned<K, V>, ctx: Ctx, bf: Flat, key: K, find: () => V): V {
  const byBranch = store[ctx.direction];
  let byKey = byBranch.get(bf);
  if (!byKey) byBranch.set(bf, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = find()));
  return value;
}

const siblingNames = learned<Flat, string[]>();

/** A sibling's names visible in this direction, those this branch does not declare first. */
function namesOf(fj: Flat, bf: Flat, ctx: Ctx): string[] {
  return recall(siblingNames, ctx, bf, fj, () =>
    [...fj.props.keys()]
      .filter((n) => !hiddenFor(fj.props.get(n)!, ctx.defs, ctx.direction))
      .sort((a, b) => Number(bf.props.has(a)) - Number(bf.props.has(b))),
  );
}

/**
 * Last resort for overlapping object branches (the classic Cat/Dog pair that both accept any extra
 * property): add or change one property so that the other branch rejects the value while this
 * branch and the base still accept it. Checked against the whole schema, oneOf included.
 */
export function separate(v: JsonValue, g: Group, index: number, bf: Flat, ctx: Ctx): JsonValue | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const opts = checkOpts(ctx);
  // Which siblings hold `v`, each asked once.
  const verdicts: (boolean | undefined)[] = [];
  const holds = (j: number) => (verdicts[j] ??= matches(g.branches[j], v, opts));
  if (noCandidate(g, index, bf, holds, opts, ctx)) return undefined;
  const others = new Siblings(g, index, opts);
  const holding: Flat[] = [];
  for (let j = 0; j < g.branches.length; j++)
    if (j !== index && holds(j)) holding.push(flatFor(g.branches[j], null, ctx.defs));
  // A sibling that holds `v` and reads no name it does not declare holds it whatever is set under
  // such a name: those names cannot set the value apart (dnd5eapi.co's eleven open Option shapes,
  // nested in each other, searched 2 million candidates for ten bodies, every one held).
  const open = holding.filter(readsOnlyDeclared);
  // Siblings share most names (nexmo.com/reports: nine report types over one set of fields), and a
  // candidate is the same object whichever sibling offered its name: per name, the poisons already
  // tried (or that this branch rejects there) are spent for every sibling.
  const spent = new Map<string, number>();
  for (const fj of holding) {
    for (const name of namesOf(fj, bf, ctx)) {
      let mask = spent.get(name) ?? 0;
      if (mask === ALL_SPENT || open.some((f) => !f.props.has(name))) continue;
      const sj = fj.props.get(name)!;
      for (let k = 0; k < POISONS.length; k++) {
        const p = POISONS[k];
        if (mask & (1 << k) || matches(sj, p, opts)) continue;
        mask |= 1 << k;
        if (admitsAt(bf, name, p, opts) === false) continue;
        const candidate = { ...v, [name]: p };
        if (others.accepts(candidate)) continue;
        if (matches(bf.raw, candidate, opts)) return candidate;
      }
      spent.set(name, mask);
    }
  }
  return undefined;
}

/**
 * True when no candidate can exist, found from as few siblings as it takes. An open sibling that
 * holds `v` passes over every name it does not declare (see `separate`), and a name none of whose
 * poisons this branch admits and a sibling rejects carries none. So once the open holders met so
 * far leave no such name between them, the rest need not be asked (influxdata.com's Flux
 * expressions: twenty open shapes, asked for every value, that share one string `type`).
 */
function noCandidate(
  g: Group,
  index: number,
  bf: Flat,
  holds: (j: number) => boolean,
  opts: CheckOptions,
  ctx: Ctx,
): boolean {
  let names: string[] | undefined;
  for (let j = 0; j < g.branches.length; j++) {
    if (j === index) continue;
    const f = flatFor(g.branches[j], null, ctx.defs);
    if (!readsOnlyDeclared(f) || !holds(j)) continue;
    names = names
      ? names.filter((n) => f.props.has(n))
      : [...f.props.keys()].filter((n) => poisonable(g, index, bf, n, opts, ctx));
    if (names.length === 0) return true;
  }
  return false;
}

const poisonableNames = learned<string, boolean>();

/**
 * Whether `name` can carry a poison: one this branch admits there and some sibling declaring the
 * name rejects, which is what a candidate needs. `bf` stands for the group and the branch's index.
 */
function poisonable(g: Group, index: number, bf: Flat, name: string, opts: CheckOptions, ctx: Ctx): boolean {
  return recall(poisonableNames, ctx, bf, name, () =>
    POISONS.some(
      (p) =>
        admitsAt(bf, name, p, opts) !== false &&
        g.branches.some((b, j) => {
          const sj = j === index ? undefined : flatFor(b, null, ctx.defs).props.get(name);
          return sj !== undefined && !matches(sj, p, opts);
        }),
    ),
  );
}

/**
 * Whether nothing in the branch reads a name it does not declare: no patternProperties, no
 * additionalProperties, propertyNames, maxProperties, dependentRequired or enum, and no oneOf,
 * anyOf, not or if left unmerged. Such a branch checks an undeclared member by nothing.
 */
function readsOnlyDeclared(f: Flat): boolean {
  return (
    !f.unsat &&
    !f.relaxed &&
    f.patternProps.length === 0 &&
    f.additional === undefined &&
    f.propertyNames === undefined &&
    f.maxProps === undefined &&
    f.dependentRequired.length === 0 &&
    f.enum === undefined &&
    f.groups.length === 0 &&
    f.nots.length === 0 &&
    f.conds.length === 0
  );
}

/**
 * The siblings of branch `index`, asked whether any accepts a value. The whole check fails when one
 * does (it asks for branch `index` too, so two would match), so `separate` asks them first, the
 * last one that accepted first: it tends to accept the next candidate too, where the whole check
 * walks the branches in order. With the candidates tried once, nexmo.com/reports' strict reading of
 * a body went from 45–60 ms to 15–20 and its publish from 1.2 s to 0.4 (10,813 candidates in one
 * publish, all but one turned down here).
 */
class Siblings {
  private last = -1;
  constructor(
    private readonly g: Group,
    private readonly index: number,
    private readonly opts: CheckOptions,
  ) {}

  accepts(v: JsonValue): boolean {
    const { branches } = this.g;
    if (this.last >= 0 && matches(branches[this.last], v, this.opts)) return true;
    for (let j = 0; j < branches.length; j++) {
      if (j === this.index || j === this.last || !matches(branches[j], v, this.opts)) continue;
      this.last = j;
      return true;
    }
    return false;
  }
}

/**
 * Whether the branch could hold `p` under `name` at all, from its merged view: false only where the
 * whole check would fail too (the merged schema of a declared name is the allOf of every member's;
 * an undeclared name meets every member's additionalProperties), so a poison the branch itself
 * rejects is dropped before the object is copied and checked whole. nexmo.com/reports' nine report
 * types, each of dozens of properties, spent most of their publish in those whole checks.
 * Undefined where only the whole check can tell (patternProperties).
 */
export function admitsAt(bf: Flat, name: string, p: JsonValue, opts: CheckOptions): boolean | undefined {
  const own = bf.props.get(name);
  if (own !== undefined) return matches(own, p, opts);
  if (bf.patternProps.length > 0 || bf.additional === undefined) return undefined;
  return matches(bf.additional, p, opts);
}

/** Optional names another branch requires: leaving them out keeps that branch from matching. */
export function avoidFor(
  g: Group,
  index: number,
  bf: Flat,
  ctx: Ctx,
  inherited?: ReadonlySet<string>,
): ReadonlySet<string> | undefined {
  let out: Set<string> | undefined = inherited ? new Set(inherited) : undefined;
  g.branches.forEach((b, j) => {
    if (j === index) return;
    const f = flatFor(b, null, ctx.defs);
    for (const r of f.required) {
      if (bf.required.has(r)) continue;
      (out ??= new Set()).add(r);
    }
  });
  return out;
}
