import type { JsonValue, Schema } from '../plan';
import { checkOpts, matches } from './check';
import { GenFailure, LENIENT_NULL, child, fail, type Ctx, type Hint, type Path } from './context';
import { genWithFlat } from './core';
import { T_NULL, type Discriminator, type Flat, type Group } from './flat';
import { flatFor, flattenSources } from './merge';
import { isKnownStringFormat } from './formats';
import { hiddenFor, isObj, refDefName } from '../schema-refs';

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
  let plan: { index: number; key?: string }[];
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
  // The null a typeless `nullable` adds is for requests; responses use it only when lenient.
  if (!ctx.lenient) plan = plan.filter((p) => !isLenientNull(g.branches[p.index]));
  // Branches the discriminator does not name are still valid alternatives; try them last.
  if (entries.length)
    for (let i = 0; i < n; i++) if (!plan.some((p) => p.index === i)) plan.push({ index: i });

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
      const exclusive = g.kind === 'oneOf' && !ctx.lenient;
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
        if (!exclusive) return v;
        let others = 0;
        for (let j = 0; j < n && others === 0; j++)
          if (j !== step.index && matches(g.branches[j], v, checkOpts(ctx))) others++;
        if (others === 0) return v;
        if (attempt === 0 || attempt === 2) {
          const separated = separate(v, g, step.index, bf, ctx);
          if (separated !== undefined) return separated;
        }
      }
    }
  } finally {
    ctx.variation = saved;
  }
  if (failure && g.kind === 'anyOf') throw failure;
  return fail(
    g.path,
    failure
      ? `no ${g.kind} branch can be generated: ${failure.reason}`
      : 'every generated value matched more than one oneOf branch',
  );
}

/**
 * True when a sibling branch is just a type (e.g. `{type: object}`) covering every type this
 * branch can produce: no value of this branch can match exactly one, so do not even try.
 */
function shadowed(g: Group, index: number, bf: Flat, ctx: Ctx): boolean {
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

/**
 * Last resort for overlapping object branches (the classic Cat/Dog pair that both accept any extra
 * property): add or change one property so that the other branch rejects the value while this
 * branch and the base still accept it. Checked against the whole schema, oneOf included.
 */
function separate(v: JsonValue, g: Group, index: number, bf: Flat, ctx: Ctx): JsonValue | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const opts = checkOpts(ctx);
  for (let j = 0; j < g.branches.length; j++) {
    if (j === index || !matches(g.branches[j], v, opts)) continue;
    const fj = flatFor(g.branches[j], null, ctx.defs);
    const names = [...fj.props.keys()].filter((n) => !hiddenFor(fj.props.get(n)!, ctx.defs, ctx.direction));
    names.sort((a, b) => Number(bf.props.has(a)) - Number(bf.props.has(b)));
    for (const name of names) {
      const sj = fj.props.get(name)!;
      for (const p of POISONS) {
        if (matches(sj, p, opts)) continue;
        const candidate = { ...v, [name]: p };
        if (matches(bf.raw, candidate, opts)) return candidate;
      }
    }
  }
  return undefined;
}

/** Optional names another branch requires: leaving them out keeps that branch from matching. */
function avoidFor(
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
