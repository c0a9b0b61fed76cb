import { strLength } from '../check';
import { LIMITS, fail, spend, type Ctx, type Hint, type Rng } from '../context';
import { checkStringFormat, formatSpellings, generateFormat, isKnownStringFormat, words } from '../formats';
import type { Flat } from '../flat';
import { stringFor } from '../../realism/field-strings';
import { compilePattern, randomFromPattern } from '../patterns';
import { greedy, patternAnchored, patternLengths, withoutLookarounds } from '../pattern-source';
import { relax } from '../relax';
import { formatExcludesPattern } from '../format-vs-pattern';
import type { SchemaObject } from '../../plan';
import { stringFromExamples } from '../../realism/examples';
import { realFormat } from '../../realism/real-formats';
import { patternedInstants } from '../../realism/instants';
import { requestPattern } from '../../lenient-request';

/**
 * Strings: a realistic candidate first (echoed path parameter, name heuristic), then the spec's
 * own structure (pattern, format), then filler text. Every candidate passes the same checks, so a
 * heuristic can never break maxLength or a pattern.
 */

const LOOKAROUND = /\(\?<?[=!]/;

/** Random choices kept near the low end: fewest repetitions, first characters of each class. */
function modestRng(ctx: Ctx): Rng {
  const modest = Object.create(ctx.rng) as Rng;
  modest.int = (lo: number, hi: number) => ctx.rng.int(lo, Math.min(hi, lo + 2));
  return modest;
}

/**
 * The pattern generator ignores lookarounds, so its output may break them. A flagged pattern is
 * run only on that output (a string of its own language, short), never on anything else.
 */
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
  return stringOf(ctx.direction === 'request' ? requestFlat(flat) : flat, ctx, hint);
}

const requestFlats = new WeakMap<Flat, Flat>();

/**
 * A request's patterns as validation reads them (lenient-request.ts: requestPattern): peertube's
 * `/^[a-z0-9._]+$/` is the regex between the slashes, so a generated request has a `username`.
 */
function requestFlat(flat: Flat): Flat {
  let read = requestFlats.get(flat);
  if (read === undefined) {
    const patterns = flat.patterns.flatMap((p) => {
      const source = requestPattern(p.source, {
        minLength: flat.minLength,
        maxLength: flat.maxLength,
        example: flat.examples.find((e) => typeof e === 'string'),
        unsafe: p.unsafe,
      });
      return source === p.source ? [p] : source === null ? [] : [{ ...p, source }];
    });
    const same = patterns.length === flat.patterns.length && patterns.every((p, i) => p === flat.patterns[i]);
    read = same ? flat : { ...flat, patterns };
    requestFlats.set(flat, read);
  }
  return read;
}

function stringOf(flat: Flat, ctx: Ctx, hint: Hint): string {
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
  // A name's kind of value also where a pattern holds it, when the pattern may run and admits it
  // (IAM's `PolicyName` is `[\w+=,.@-]+`: a slug, where the pattern's own strings are noise).
  if (hint.name !== undefined && ctx.variation < 2 && (verifiable || !flat.patterns.length)) {
    const s = stringFor(hint.name, flat, ctx, hint);
    if (s !== undefined && stringOk(flat, s)) return done(s);
  }
  // A date or time pattern without a format: a real instant in the notation the pattern spells.
  if (verifiable && flat.patterns.length && !flat.formats.length) {
    const timed = patternedInstants(flat.patterns, ctx).find((s) => stringOk(flat, s));
    if (timed !== undefined) return done(timed);
  }
  // A format and a pattern: the format's spellings checked against the pattern first, since a
  // pattern's random digits rarely make a valid date (shipengine: `0883-91-43T70:88:01Z`).
  const formatted = verifiable && flat.patterns.length ? formatValue(flat, ctx, maxL) : undefined;
  if (formatted !== undefined) return done(formatted);
  const unpatterned = patternFree(flat, ctx, maxL);
  if (unpatterned !== undefined) return done(unpatterned);
  const patterned = patternValue(flat, ctx, minL, maxL);
  if (typeof patterned === 'string') return done(patterned);
  const s = formatValue(flat, ctx, maxL) ?? fillerValue(flat, ctx, minL, maxL) ?? lengthFree(flat, ctx);
  if (s !== undefined) return done(s);
  const format = flat.formats.find(isKnownStringFormat);
  return fail(
    flat.path,
    patterned?.reason ??
      (format !== undefined
        ? `could not generate format "${format}" within the length and pattern constraints`
        : 'could not generate a string satisfying the schema'),
  );
}

/** A string of each pattern in turn, checked against everything else; or why none was found. */
function patternValue(
  flat: Flat,
  ctx: Ctx,
  minL: number,
  maxL: number,
): string | { reason: string } | undefined {
  let reason: string | undefined;
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
      if (stringOk(flat, r) && honoursLookarounds(p, r)) return r;
      if (!honoursLookarounds(p, r)) continue;
      // Unanchored patterns match anywhere, so padding the end can satisfy minLength.
      const len = strLength(r);
      if (len < minL && !patternAnchored(p.source, '$')) {
        const padded = r + filler(ctx, minL - len, maxL - len).replace(/ /g, 'x');
        if (stringOk(flat, padded)) return padded;
      }
    }
    if (generated && (minL > 0 || maxL < Infinity)) {
      const r = withinLengthBounds(p, flat, ctx, minL, maxL);
      if (r !== undefined) return r;
    }
    // A flagged pattern is never run on the fallbacks below, so they could break it unseen.
    if (generated && p.unsafe)
      fail(flat.path, `could not generate a string verifiably matching pattern ${JSON.stringify(p.source)}`);
    if (generated)
      reason ??= `could not generate a string matching pattern ${JSON.stringify(p.source)} within the length bounds`;
  }
  return reason === undefined ? undefined : { reason };
}

/** A value of a known format, in any of its spellings, that passes every other check. */
function formatValue(flat: Flat, ctx: Ctx, maxL: number): string | undefined {
  for (const f of flat.formats) {
    if (!isKnownStringFormat(f) && f !== 'binary' && f !== 'password') continue;
    for (let attempt = 0; attempt < 4; attempt++) {
      const s = generateFormat(f, ctx, maxL);
      if (s === undefined) break;
      if (stringOk(flat, s)) return s;
      for (const v of formatSpellings(f, s, ctx)) if (stringOk(flat, v)) return v;
    }
  }
  return undefined;
}

function fillerValue(flat: Flat, ctx: Ctx, minL: number, maxL: number): string | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    const s = filler(ctx, minL, maxL);
    if (stringOk(flat, s)) return s;
  }
  return undefined;
}

/**
 * Where a pattern provably admits no string within the length bounds (its shortest string is
 * longer than a `maxLength`, or its longest shorter than a `minLength`), and that is relaxed: a
 * string of the patterns and formats, the conflicting length keywords ignored.
 */
function lengthFree(flat: Flat, ctx: Ctx): string | undefined {
  if (!ctx.relax || !flat.patterns.length) return undefined;
  const conflicts = lengthConflicts(flat);
  if (!conflicts.length) return undefined;
  const free = { ...flat, minLength: undefined, maxLength: undefined };
  for (let attempt = 0; attempt < 16; attempt++) {
    const r = randomFromPattern(greedy(flat.patterns[attempt % flat.patterns.length].source), ctx.rng);
    if (r === 'too-long' || r === 'invalid' || !stringOk(free, r)) continue;
    return relax(ctx, 'pattern-vs-length', conflicts) ? r : undefined;
  }
  return undefined;
}

/**
 * Where a format and a pattern provably share no string (format-vs-pattern.ts), and that pattern
 * is relaxed: a value of the format, checked against everything else.
 */
function patternFree(flat: Flat, ctx: Ctx, maxL: number): string | undefined {
  if (!ctx.relax || !flat.patterns.length || !flat.formats.length) return undefined;
  const excluded = flat.patterns.filter((p) => flat.formats.some((f) => formatExcludesPattern(f, p.source)));
  if (!excluded.length) return undefined;
  const s = formatValue({ ...flat, patterns: flat.patterns.filter((p) => !excluded.includes(p)) }, ctx, maxL);
  if (s === undefined) return undefined;
  const at = flat.atoms
    .filter(({ schema }) => excluded.some((p) => schema.pattern === p.source))
    .map(({ schema: node }) => ({ node, keyword: 'pattern' }));
  return relax(ctx, 'pattern-vs-format', at) ? s : undefined;
}

function lengthConflicts(flat: Flat): { node: SchemaObject; keyword: string }[] {
  const out: { node: SchemaObject; keyword: string }[] = [];
  for (const p of flat.patterns) {
    const lengths = patternLengths(p.source);
    if (!lengths) continue;
    for (const { schema: node } of flat.atoms) {
      if (typeof node.maxLength === 'number' && node.maxLength < lengths.min)
        out.push({ node, keyword: 'maxLength' });
      if (typeof node.minLength === 'number' && node.minLength > lengths.max)
        out.push({ node, keyword: 'minLength' });
    }
  }
  return out;
}
