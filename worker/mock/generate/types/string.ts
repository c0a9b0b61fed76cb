import { strLength } from '../check';
import { LIMITS, fail, spend, type Ctx, type Hint, type Rng } from '../context';
import { checkStringFormat, generateFormat, isKnownStringFormat, words } from '../formats';
import type { Flat } from '../flat';
import { stringFor } from '../../realism/field-strings';
import { compilePattern, randomFromPattern } from '../patterns';
import { stringFromExamples } from '../../realism/examples';
import { realFormat } from '../../realism/real-formats';

/**
 * Strings: a realistic candidate first (echoed path parameter, name heuristic), then the spec's
 * own structure (pattern, format), then filler text. Every candidate passes the same checks, so a
 * heuristic can never break maxLength or a pattern.
 */

const LOOKAROUND = /\(\?<?[=!]/;

/**
 * The pattern generator ignores lookarounds, so its output may break them. A flagged pattern is
 * run only on that output (a string of its own language, short), never on anything else.
 */
/**
 * Lazy quantifiers (`+?`, `*?`, `??`, `{1,3}?`) match the same strings as greedy ones, but the
 * pattern generator reads their `?` as "optional" (`[a-z]+?` could come out empty); generate
 * from the greedy form. Escapes and character classes are respected.
 */
function greedy(source: string): string {
  if (!source.includes('?')) return source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    out += c;
    if (c === '\\') {
      if (i + 1 < source.length) out += source[++i];
      continue;
    }
    if (inClass) {
      inClass = c !== ']';
      continue;
    }
    if (c === '[') inClass = true;
    const quantifier = c === '*' || c === '+' || c === '?' || (c === '}' && /\{\d+(,\d*)?\}$/.test(out));
    if (quantifier && source[i + 1] === '?' && !(c === '?' && /(^|[^\\])\($/.test(out.slice(0, -1)))) i++;
  }
  return out;
}

/** The source with every `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)` group removed (escapes and classes respected). */
function withoutLookarounds(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    if (
      source.startsWith('(?=', i) ||
      source.startsWith('(?!', i) ||
      source.startsWith('(?<=', i) ||
      source.startsWith('(?<!', i)
    ) {
      let depth = 0;
      let inClass = false;
      for (; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') i++;
        else if (inClass) inClass = c !== ']';
        else if (c === '[') inClass = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      continue;
    }
    out += source[i];
    if (source[i] === '\\' && i + 1 < source.length) out += source[++i];
  }
  return out;
}

/** Random choices kept near the low end: fewest repetitions, first characters of each class. */
function modestRng(ctx: Ctx): Rng {
  const modest = Object.create(ctx.rng) as Rng;
  modest.int = (lo: number, hi: number) => ctx.rng.int(lo, Math.min(hi, lo + 2));
  return modest;
}

function honoursLookarounds(p: { source: string; unsafe: boolean }, r: string): boolean {
  if (!p.unsafe || r.length > 256 || !LOOKAROUND.test(p.source)) return true;
  return compilePattern(p.source)?.test(r) ?? true;
}

function stringOk(flat: Flat, s: string): boolean {
  if (flat.minLength !== undefined || flat.maxLength !== undefined) {
    const len = strLength(s);
    if (flat.minLength !== undefined && len < flat.minLength) return false;
    if (flat.maxLength !== undefined && len > flat.maxLength) return false;
  }
  for (const p of flat.patterns) {
    // Flagged patterns are never executed: they may backtrack catastrophically.
    if (p.unsafe) continue;
    const re = compilePattern(p.source);
    if (re && !re.test(s)) return false;
  }
  for (const f of flat.formats) if (!checkStringFormat(f, s)) return false;
  return true;
}

function filler(ctx: Ctx, minL: number, maxL: number): string {
  let s = words(ctx, ctx.rng.int(1, 3));
  if (s.length < minL) {
    const unit = s + ' ';
    s = unit.repeat(Math.ceil(minL / unit.length) + 1).slice(0, Math.max(minL, Math.min(maxL, minL + 8)));
  }
  if (s.length > maxL) s = s.slice(0, maxL);
  if (s.endsWith(' ')) s = s.slice(0, -1) + 'x';
  return s;
}

/** A format JSON Schema leaves open (`phone-number`, `int64`, `currency`) speaks before the name. */
function realFormatValue(flat: Flat, ctx: Ctx, hint: Hint): string | undefined {
  for (const f of flat.formats) {
    if (isKnownStringFormat(f)) continue;
    const g = realFormat(f);
    if (!g) continue;
    for (let attempt = 0; attempt < 3; attempt++) {
      const s = g(ctx, hint.name ?? '');
      if (stringOk(flat, s) && !hint.taken?.has(JSON.stringify(s))) return s;
    }
  }
  return undefined;
}

/** Random lengths missed the bounds: search the repetition count that lands inside them. */
function withinLengthBounds(
  p: Flat['patterns'][number],
  flat: Flat,
  ctx: Ctx,
  minL: number,
  maxL: number,
): string | undefined {
  let lo = 0;
  let hi = Math.min(Math.max(minL, 8) + 1, LIMITS.maxLength);
  for (let i = 0; i < 16 && lo <= hi; i++) {
    const extra = (lo + hi) >> 1;
    const r = randomFromPattern(greedy(p.source), ctx.rng, extra);
    if (typeof r !== 'string' || r === 'too-long' || r === 'invalid') break;
    if (stringOk(flat, r) && honoursLookarounds(p, r)) return r;
    const len = strLength(r);
    if (len < minL) lo = extra + 1;
    else if (len > maxL) hi = extra - 1;
    else break;
  }
  return undefined;
}

export function genString(flat: Flat, ctx: Ctx, hint: Hint): string {
  const minL = flat.minLength ?? 0;
  const maxL = flat.maxLength ?? Infinity;
  if (minL > maxL) fail(flat.path, `minLength ${minL} is greater than maxLength ${maxL}`);
  if (minL > LIMITS.maxLength)
    fail(flat.path, `minLength ${minL} exceeds the generator limit of ${LIMITS.maxLength} characters`);
  const done = (s: string) => {
    spend(ctx, s.length + 2, flat.path);
    return s;
  };
  // A pattern flagged unsafe is never run, so no outside value can be shown to match it.
  const verifiable = !flat.patterns.some((p) => p.unsafe);
  if (verifiable && hint.echo !== undefined && stringOk(flat, hint.echo)) return done(hint.echo);
  if (hint.disc !== undefined && stringOk(flat, hint.disc)) return done(hint.disc);
  const fromExample = verifiable ? stringFromExamples(flat, ctx, hint, (s) => stringOk(flat, s)) : undefined;
  if (fromExample !== undefined) return done(fromExample);
  const real = verifiable ? realFormatValue(flat, ctx, hint) : undefined;
  if (real !== undefined) return done(real);
  if (hint.name !== undefined && ctx.variation < 2 && !flat.patterns.length) {
    const s = stringFor(hint.name, flat, ctx, hint);
    if (s !== undefined && stringOk(flat, s)) return done(s);
  }

  let reason = 'could not generate a string satisfying the schema';
  for (const p of flat.patterns) {
    let generated = false;
    for (let attempt = 0; attempt < 16; attempt++) {
      // Lookarounds the pattern generator ignores are broken less by short, plain choices.
      const rng = attempt >= 8 && LOOKAROUND.test(p.source) ? modestRng(ctx) : ctx.rng;
      let r = randomFromPattern(greedy(p.source), rng);
      // The tokenizer knows no lookbehind: generate from the rest, then check the whole.
      if (r === 'invalid' && LOOKAROUND.test(p.source))
        r = randomFromPattern(withoutLookarounds(greedy(p.source)), ctx.rng);
      if (r === 'too-long')
        fail(
          flat.path,
          `pattern ${JSON.stringify(p.source)} requires a string longer than the generator limit`,
        );
      if (r === 'invalid') break;
      generated = true;
      if (stringOk(flat, r) && honoursLookarounds(p, r)) return done(r);
      if (!honoursLookarounds(p, r)) continue;
      // Unanchored patterns match anywhere, so padding the end can satisfy minLength.
      const len = strLength(r);
      if (len < minL && !p.source.endsWith('$')) {
        const padded = r + filler(ctx, minL - len, maxL - len).replace(/ /g, 'x');
        if (stringOk(flat, padded)) return done(padded);
      }
    }
    if (generated && (minL > 0 || maxL < Infinity)) {
      const r = withinLengthBounds(p, flat, ctx, minL, maxL);
      if (r !== undefined) return done(r);
    }
    if (generated)
      reason = `could not generate a string matching pattern ${JSON.stringify(p.source)} within the length bounds`;
    // A flagged pattern is never run on the fallbacks below, so they could break it unseen.
    if (generated && p.unsafe && !ctx.lenient)
      fail(flat.path, `could not generate a string verifiably matching pattern ${JSON.stringify(p.source)}`);
    // Lenient: a pattern no string within the length bounds matches still says what was meant.
    if (generated && ctx.lenient) {
      const r = randomFromPattern(greedy(p.source), ctx.rng);
      if (typeof r === 'string' && r !== 'too-long' && r !== 'invalid') return done(r);
    }
  }

  for (const f of flat.formats) {
    if (!isKnownStringFormat(f) && f !== 'binary' && f !== 'password') continue;
    for (let attempt = 0; attempt < 4; attempt++) {
      const s = generateFormat(f, ctx, maxL);
      if (s === undefined) break;
      if (stringOk(flat, s)) return done(s);
    }
    if (isKnownStringFormat(f))
      reason = `could not generate format "${f}" within the length and pattern constraints`;
  }

  for (let attempt = 0; attempt < 3; attempt++) {
    const s = filler(ctx, minL, maxL);
    if (stringOk(flat, s)) return done(s);
  }
  return fail(flat.path, reason);
}
