import { isMultiple } from '../check';
import { fail, type Ctx, type Hint } from '../context';
import { checkNumberFormat } from '../formats';
import type { Flat } from '../flat';
import { numberFor } from '../../realism/field-values';
import { numberFromExamples } from '../../realism/examples';
import { relax } from '../relax';

/**
 * Numbers honour every bound and multipleOf exactly as Ajv checks them (x / m must be an integer
 * in floating point), including fractional steps such as 0.01 where naive k*m fails.
 */

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** m as a reduced fraction p/q with q a power-of-ten divisor, or undefined if m is not decimal. */
function toFraction(m: number): { p: number; q: number; dec: number } | undefined {
  const s = m.toString();
  let dec = 0;
  if (s.includes('e')) {
    const [mant, exp] = s.split('e');
    const e = Number(exp);
    const md = mant.includes('.') ? mant.split('.')[1].length : 0;
    dec = Math.max(0, md - e);
  } else if (s.includes('.')) dec = s.split('.')[1].length;
  if (dec > 15) return undefined;
  const q0 = 10 ** dec;
  const p0 = Math.round(m * q0);
  if (!Number.isSafeInteger(p0) || p0 <= 0) return undefined;
  const g = gcd(p0, q0);
  return { p: p0 / g, q: q0 / g, dec };
}

function numberOk(flat: Flat, n: number, integer: boolean): boolean {
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return false;
  if (flat.min !== undefined && n < flat.min) return false;
  if (flat.max !== undefined && n > flat.max) return false;
  if (flat.exMin !== undefined && n <= flat.exMin) return false;
  if (flat.exMax !== undefined && n >= flat.exMax) return false;
  for (const m of flat.multipleOf) if (!isMultiple(n, m)) return false;
  for (const f of flat.formats) if (!checkNumberFormat(f, n)) return false;
  return true;
}

function mustBeInteger(flat: Flat): boolean {
  return flat.formats.includes('int32') || flat.formats.includes('int64');
}

function fromHints(flat: Flat, ctx: Ctx, hint: Hint, integer: boolean): number | undefined {
  if (hint.echo !== undefined && /^-?\d+(\.\d+)?$/.test(hint.echo)) {
    const v = Number(hint.echo);
    if (numberOk(flat, v, integer)) return v;
  }
  const ex = numberFromExamples(flat, ctx, hint, integer, (n) => numberOk(flat, n, integer));
  if (ex !== undefined) return ex;
  if (hint.name !== undefined && ctx.variation === 0) {
    const v = numberFor(hint.name, integer, ctx, hint);
    if (v !== undefined && numberOk(flat, v, integer)) return v;
  }
  return undefined;
}

/**
 * Picks k*step inside [lo, hi]. A side that the schema leaves open gets a realistic window
 * (magnitudes around 1..1000) instead of the whole safe-integer range.
 */
function pickMultiple(
  flat: Flat,
  ctx: Ctx,
  hint: Hint,
  integer: boolean,
  lo: number,
  hi: number,
  open: [boolean, boolean],
  step: number,
  dec: number,
): number {
  const kLo = Math.ceil(lo / step);
  const kHi = Math.floor(hi / step);
  if (kLo > kHi) fail(flat.path, `no multiple of ${flat.multipleOf.join(', ') || 1} lies within the bounds`);
  const span = Math.max(10, Math.ceil(1000 / step));
  let a = kLo;
  let b = kHi;
  if (open[0] && open[1]) [a, b] = [1, span];
  else if (open[1]) b = kLo + span;
  else if (open[0]) a = kHi >= 1 ? Math.max(1, kHi - span) : kHi - span;
  a = Math.max(a, kLo);
  b = Math.min(b, kHi);
  if (a > b) [a, b] = [kLo, kHi];
  if (Math.abs(a) > MAX_SAFE || Math.abs(b) > MAX_SAFE)
    fail(flat.path, 'numeric bounds are too large to generate');
  const k0 = ctx.rng.int(a, b);
  const taken = hint.taken;
  // With uniqueItems over a small range, walk from the random start to the next free value.
  const tries = taken ? Math.min(b - a + 1, 10_000) : 40;
  for (let i = 0; i < tries; i++) {
    const k = taken ? a + ((k0 - a + i) % (b - a + 1)) : i % 2 ? k0 - ((i + 1) >> 1) : k0 + (i >> 1);
    if (k < kLo || k > kHi) continue;
    const v = Number((k * step).toFixed(dec));
    if (taken && taken.has(JSON.stringify(v))) continue;
    if (numberOk(flat, v, integer)) return v;
  }
  return fail(flat.path, 'could not find a value satisfying multipleOf with the bounds');
}

/** `multipleOf: 0` admits no number; where relaxed, the keyword is ignored (ingest marks it). */
function zeroMultiple(flat: Flat, ctx: Ctx): void {
  if (!flat.zeroMultiple) return;
  const at = flat.atoms.filter((a) => a.schema['x-specmock-zero-multiple'] === true);
  if (
    !relax(
      ctx,
      'multipleof-zero',
      at.map((a) => ({ node: a.schema, keyword: 'multipleOf' })),
    )
  )
    fail(flat.path, 'no number is a multiple of 0 (multipleOf: 0)');
}

export function genInteger(flat: Flat, ctx: Ctx, hint: Hint): number {
  zeroMultiple(flat, ctx);
  const h = fromHints(flat, ctx, hint, true);
  if (h !== undefined && !hint.taken?.has(JSON.stringify(h))) return h;
  let lo = -MAX_SAFE;
  let hi = MAX_SAFE;
  if (flat.formats.includes('int32')) {
    lo = -(2 ** 31);
    hi = 2 ** 31 - 1;
  }
  if (flat.min !== undefined) lo = Math.max(lo, Math.ceil(flat.min));
  if (flat.exMin !== undefined) lo = Math.max(lo, Math.floor(flat.exMin) + 1);
  if (flat.max !== undefined) hi = Math.min(hi, Math.floor(flat.max));
  if (flat.exMax !== undefined) hi = Math.min(hi, Math.ceil(flat.exMax) - 1);
  if (lo > hi) fail(flat.path, 'no integer lies within minimum/maximum');
  let step = 1;
  for (const m of flat.multipleOf) {
    const f = toFraction(m);
    if (!f) fail(flat.path, `multipleOf ${m} is not supported`);
    step = (step / gcd(step, f.p)) * f.p;
    if (step > MAX_SAFE) fail(flat.path, 'multipleOf values have no common multiple in range');
  }
  const open: [boolean, boolean] = [
    flat.min === undefined && flat.exMin === undefined,
    flat.max === undefined && flat.exMax === undefined,
  ];
  return pickMultiple(flat, ctx, hint, true, lo, hi, open, step, 0);
}

export function genNumber(flat: Flat, ctx: Ctx, hint: Hint): number {
  zeroMultiple(flat, ctx);
  if (mustBeInteger(flat)) return genInteger(flat, ctx, hint);
  const h = fromHints(flat, ctx, hint, false);
  if (h !== undefined) return h;
  const lo = Math.max(flat.min ?? -Infinity, flat.exMin ?? -Infinity);
  const hi = Math.min(flat.max ?? Infinity, flat.exMax ?? Infinity);
  if (lo > hi) fail(flat.path, 'minimum is greater than maximum');
  if (flat.multipleOf.length) {
    let p = 1;
    let q = 1;
    let dec = 0;
    let first = true;
    for (const m of flat.multipleOf) {
      const f = toFraction(m);
      if (!f) fail(flat.path, `multipleOf ${m} is not supported`);
      // lcm(p1/q1, p2/q2) = lcm(p1, p2) / gcd(q1, q2)
      if (first) [p, q, first] = [f.p, f.q, false];
      else [p, q] = [(p / gcd(p, f.p)) * f.p, gcd(q, f.q)];
      dec = Math.max(dec, f.dec);
      if (p > MAX_SAFE) fail(flat.path, 'multipleOf values have no common multiple in range');
    }
    const open: [boolean, boolean] = [lo === -Infinity, hi === Infinity];
    return pickMultiple(
      flat,
      ctx,
      hint,
      false,
      Math.max(lo, -MAX_SAFE),
      Math.min(hi, MAX_SAFE),
      open,
      p / q,
      dec,
    );
  }
  const a = Number.isFinite(lo)
    ? lo
    : Number.isFinite(hi)
      ? hi > 0
        ? Math.max(0, hi - 1000)
        : hi - 1000
      : 0;
  const b = Number.isFinite(hi) ? hi : a + 1000;
  const raw = a + ctx.rng.next() * (b - a);
  for (const v of [Math.round(raw * 100) / 100, Number(raw.toPrecision(3)), raw, (a + b) / 2, a, b])
    if (numberOk(flat, v, false)) return v;
  return fail(flat.path, 'no number lies within the exclusive bounds');
}
