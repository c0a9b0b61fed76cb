import type { JsonValue, Schema } from '../plan';
import { CheckTooComplex, checkOpts, matches } from './check';
import { GenFailure, LENIENT_NULL, child, fail, type Ctx, type Hint, type Path } from './context';
import { genWithFlat } from './core';
import type { Discriminator, Flat, Group } from './flat';
import { flattenSources } from './merge';
import { isObj, refDefName } from '../schema-refs';
import { relax } from './relax';
import { avoidFor, matchesAnother, separate, shadowed } from './one-branch';
import { liveFirst } from '../realism/live-branches';

/**
 * oneOf / anyOf / if-then-else: pick an alternative, merge it into the base schema, generate, and
 * for oneOf prove the value matches no sibling branch (Mockoon-style "first branch" is not enough:
 * overlapping branches make such bodies invalid).
 */

function branchFlat(
  flat: Flat,
  key: string,
  extra: { schema: Schema; path: Path | null }[],
  ctx: Ctx,
  drop: (f: Flat) => void,
): Flat {
  flat.branchCache ??= new Map();
  let bf = flat.branchCache.get(key);
  if (!bf) {
    const raw: Schema = { allOf: [flat.raw, ...extra.map((e) => e.schema)] };
    bf = flattenSources([{ schema: flat.raw, path: flat.path }, ...extra], raw, flat.path, ctx.defs);
    // The base's refs are already counted by the caller; counting them again would look like recursion.
    bf.refs = bf.refs.filter((r) => !flat.refs.includes(r));
    drop(bf);
    // The base is flattened again inside the branch: groups decided further up must stay decided,
    // or nested anyOf/oneOf would reopen them forever.
    const resolved = (bf.resolved = new Set([...(flat.resolved ?? []), ...(bf.resolved ?? [])]));
    bf.groups = bf.groups.filter((x) => !resolved.has(x.branches));
    bf.conds = bf.conds.filter((x) => !resolved.has(x.if));
    flat.branchCache.set(key, bf);
  }
  return bf;
}

const refDeep = new WeakMap<object, boolean>();

/** Whether a schema mentions any $ref: at the depth cap such branches may recurse forever. */
function hasRef(s: unknown, depth = 0): boolean {
  if (typeof s !== 'object' || s === null || depth > 20) return false;
  const cached = refDeep.get(s);
  if (cached !== undefined) return cached;
  let r = false;
  if (!Array.isArray(s) && typeof (s as { $ref?: unknown }).$ref === 'string') r = true;
  else
    for (const v of Object.values(s))
      if (hasRef(v, depth + 1)) {
        r = true;
        break;
      }
  refDeep.set(s, r);
  return r;
}

function discriminatorEntries(g: Group, disc: Discriminator): { key: string; index: number }[] {
  const refs = g.branches.map((b) => (isObj(b) && typeof b.$ref === 'string' ? b.$ref : undefined));
  const out: { key: string; index: number }[] = [];
  if (isObj(disc.mapping)) {
    for (const [key, target] of Object.entries(disc.mapping)) {
      if (typeof target !== 'string') continue;
      const ref = target.startsWith('#') ? target : `#/$defs/${target}`;
      const index = refs.indexOf(ref);
      if (index >= 0) out.push({ key, index });
    }
  }
  refs.forEach((ref, index) => {
    if (ref === undefined || out.some((e) => e.index === index)) return;
    const name = refDefName(ref);
    if (name !== undefined) out.push({ key: name, index });
  });
  return out;
}

function isLenientNull(branch: Schema): boolean {
  return isObj(branch) && branch[LENIENT_NULL] === true;
}

function rotate<T>(arr: T[], start: number): T[] {
  return arr.length ? [...arr.slice(start % arr.length), ...arr.slice(0, start % arr.length)] : arr;
}

export function composeGroups(flat: Flat, ctx: Ctx, hint: Hint): JsonValue {
  const g = flat.groups[0];
  const n = g.branches.length;
  if (n === 0) fail(g.path, `${g.kind} has no branches`);
  const disc = g.discriminator ?? flat.discriminator;
  let plan: Step[];
  const entries = disc ? discriminatorEntries(g, disc) : [];
  if (entries.length && disc) plan = rotate(entries, ctx.rng.int(0, entries.length - 1));
  else
    plan = rotate(
      [...Array(n).keys()].map((index) => ({ index })),
      ctx.rng.int(0, n - 1),
    );
  if (ctx.prune)
    plan = [
      ...plan.filter((p) => !hasRef(g.branches[p.index])),
      ...plan.filter((p) => hasRef(g.branches[p.index])),
    ];
  // The null a typeless `nullable` adds is for requests; a response never picks it.
  plan = liveFirst(
    plan.filter((p) => !isLenientNull(g.branches[p.index])),
    g.branches,
    ctx,
  );
  // Branches the discriminator does not name are still valid alternatives; try them last.
  if (entries.length)
    for (let i = 0; i < n; i++) if (!plan.some((p) => p.index === i)) plan.push({ index: i });

  const exclusive = g.kind === 'oneOf';
  const strict = tryBranches(flat, g, plan, ctx, hint, exclusive);
  if ('value' in strict) return strict.value;
  // Branches that overlap so that no value matches exactly one: where relaxed, read as anyOf.
  if (exclusive && ctx.relax && relax(ctx, 'oneof-overlap', [{ node: g.node, keyword: 'oneOf' }])) {
    const loose = tryBranches(flat, g, plan, ctx, hint, false);
    if ('value' in loose) return loose.value;
  }
  const failure = strict.failure;
  if (failure && g.kind === 'anyOf') throw failure;
  return fail(
    g.path,
    failure
      ? `no ${g.kind} branch can be generated: ${failure.reason}`
      : 'every generated value matched more than one oneOf branch',
  );
}

type Step = { index: number; key?: string };

/** Each planned branch in turn; with `exclusive`, a value must match no sibling branch. */
function tryBranches(
  flat: Flat,
  g: Group,
  plan: Step[],
  ctx: Ctx,
  hint: Hint,
  exclusive: boolean,
): { value: JsonValue } | { failure?: GenFailure } {
  const disc = g.discriminator ?? flat.discriminator;
  const gi = flat.groups.indexOf(g);
  let failure: GenFailure | undefined;
  const saved = ctx.variation;
  try {
    for (const step of plan) {
      const bf = branchFlat(
        flat,
        `g${gi}:${step.index}`,
        [{ schema: g.branches[step.index], path: child(g.path, step.index) }],
        ctx,
        (f) => {
          f.resolved = new Set([g.branches]);
        },
      );
      if (bf.unsat) {
        failure ??= new GenFailure(bf.unsat.path, bf.unsat.reason);
        continue;
      }
      if (exclusive && shadowed(g, step.index, bf, ctx)) {
        failure ??= new GenFailure(g.path, 'another oneOf branch accepts every value of this one');
        continue;
      }
      const bHint: Hint = { ...hint };
      if (step.key !== undefined && disc)
        bHint.setDisc = { propertyName: disc.propertyName, value: step.key };
      if (exclusive) bHint.avoid = avoidFor(g, step.index, bf, ctx, hint.avoid);
      for (let attempt = 0; attempt < 3; attempt++) {
        ctx.variation = saved + attempt;
        let v: JsonValue;
        try {
          v = genWithFlat(bf, ctx, bHint);
        } catch (e) {
          if (!(e instanceof GenFailure)) throw e;
          failure ??= e;
          break;
        }
        try {
          if (!exclusive || !matchesAnother(g, step.index, v, ctx)) return { value: v };
          if (!ctx.natural && (attempt === 0 || attempt === 2)) {
            const separated = separate(v, g, step.index, bf, ctx);
            if (separated !== undefined) return { value: separated };
          }
        } catch (e) {
          // Nexmo's report records: eleven branches of long record lists, each value checked
          // against the ten others, spend the body's whole check budget. Whether the value is
          // apart is then unknown: a failure here, which a relaxed reading (`oneof-overlap`)
          // answers with a value of one branch, unchecked against the others.
          if (!(e instanceof CheckTooComplex)) throw e;
          return { failure: (failure ??= e) };
        }
      }
    }
  } finally {
    ctx.variation = saved;
  }
  return { failure };
}

export function composeConds(flat: Flat, ctx: Ctx, hint: Hint): JsonValue {
  const c = flat.conds[0];
  const ci = flat.conds.indexOf(c);
  const drop = (f: Flat) => {
    f.resolved = new Set([c.if]);
  };
  const thenFirst = ctx.rng.chance(0.5);
  const options = [
    {
      key: `c${ci}:then`,
      extra: [
        { schema: c.if, path: c.path },
        ...(c.then !== undefined ? [{ schema: c.then, path: c.path }] : []),
      ],
      wantIf: true,
    },
    {
      key: `c${ci}:else`,
      extra: c.else !== undefined ? [{ schema: c.else, path: c.path }] : [],
      wantIf: false,
    },
  ];
  if (!thenFirst) options.reverse();
  let failure: GenFailure | undefined;
  for (const o of options) {
    const bf = branchFlat(flat, o.key, o.extra, ctx, drop);
    if (bf.unsat) continue;
    for (let attempt = 0; attempt < 3; attempt++) {
      const saved = ctx.variation;
      ctx.variation = saved + attempt;
      try {
        const v = genWithFlat(bf, ctx, hint);
        if (matches(c.if, v, checkOpts(ctx)) === o.wantIf) return v;
      } catch (e) {
        if (!(e instanceof GenFailure)) throw e;
        failure ??= e;
        break;
      } finally {
        ctx.variation = saved;
      }
    }
  }
  return fail(c.path, failure ? failure.reason : 'no value satisfies if/then/else');
}
