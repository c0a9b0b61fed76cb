import RandExp from 'randexp';
import type { Rng } from './context';

/**
 * Pattern handling shared by the generator and the checker. JSON Schema patterns are ECMA-262 with
 * the `u` flag; specs often contain patterns that only compile without it (e.g. `\-` outside a
 * class), so we fall back to no flags rather than rejecting the schema.
 */

const compiled = new Map<string, RegExp | null>();
const CACHE_MAX = 2000;

export function compilePattern(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re !== undefined) return re;
  re = null;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null;
    }
  }
  if (compiled.size >= CACHE_MAX) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** Max extra repetitions for `*`, `+` and open `{n,}`: keeps strings short and realistic. */
const OPEN_REPEAT = 8;
/** A required repetition above this cannot fit any sane body. */
const MAX_REQUIRED_REPEAT = 10_000;

interface RetToken {
  type: number;
  min?: number;
  max?: number;
  value?: RetToken | RetToken[] | number | string;
  stack?: RetToken[];
  options?: RetToken[][];
}

/** A non-ASCII character or escape in a pattern's source. */
const NON_ASCII = /[^\x00-\x7f]|\\u(?!00[0-7])|\\x[89a-fA-F]/;

const generators = new Map<string, RandExp | 'too-long' | 'invalid'>();

/** Clamps bounded-but-huge quantifiers ({1,100000}) that randexp would honour literally. */
function clampTokens(tok: RetToken | RetToken[] | undefined, depth = 0): boolean {
  if (!tok || depth > 200) return true;
  if (Array.isArray(tok)) return tok.every((t) => clampTokens(t, depth + 1));
  if (typeof tok.min === 'number' && typeof tok.max === 'number') {
    if (tok.min > MAX_REQUIRED_REPEAT) return false;
    if (tok.max !== Infinity && tok.max - tok.min > OPEN_REPEAT * 4) tok.max = tok.min + OPEN_REPEAT * 4;
  }
  if (tok.stack && !clampTokens(tok.stack, depth + 1)) return false;
  if (tok.options && !tok.options.every((o) => clampTokens(o, depth + 1))) return false;
  if (tok.value && typeof tok.value === 'object' && !clampTokens(tok.value, depth + 1)) return false;
  return true;
}

const UNICODE_CLASSES: Record<string, string> = {
  L: 'A-Za-z',
  Letter: 'A-Za-z',
  Alphabetic: 'A-Za-z',
  Lu: 'A-Z',
  Uppercase_Letter: 'A-Z',
  Ll: 'a-z',
  Lowercase_Letter: 'a-z',
  N: '0-9',
  Nd: '0-9',
  Number: '0-9',
  Decimal_Number: '0-9',
  P: '.,!?',
  Punctuation: '.,!?',
  Zs: ' ',
  Z: ' ',
  S: '+$',
  Sc: '$',
};

/**
 * randexp does not know Unicode property escapes (\p{L}); for generation only, rewrite the common
 * ones to ASCII sets (a subset of what they match). The real pattern still checks the result.
 */
function asciiPropertyEscapes(pattern: string): string {
  if (!pattern.includes('\\p{')) return pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const m = /^\\p\{([A-Za-z_]+)(?:=[A-Za-z_]+)?\}/.exec(pattern.slice(i));
      if (m && UNICODE_CLASSES[m[1]]) {
        out += inClass ? UNICODE_CLASSES[m[1]] : `[${UNICODE_CLASSES[m[1]]}]`;
        i += m[0].length - 1;
        continue;
      }
      out += c + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

/** Set while randexp is about to pick a repetition count (see the `_gen` hook below). */
const repState = { next: false, long: false };
const REPETITION = 5; // ret's token type for quantifiers

const POSITION = 2;
const CONSUMES = new Set([1, 3, 7]); // GROUP, SET, CHAR

/**
 * An alternative that needs a character after its end (`…$”$`: a typo in AWS's MAC address pattern)
 * or before its start can never match: randexp would still draw it, and a pattern too risky to run
 * (x-specmock-unsafe-pattern) cannot show the draw wrong afterwards. Such alternatives are dropped,
 * unless every alternative is one.
 */
function dropUnmatchable(token: RetToken): void {
  if (Array.isArray(token.options)) {
    const live = token.options.filter((stack) => !impossible(stack));
    if (live.length > 0) token.options = live;
    for (const stack of token.options) for (const t of stack) dropUnmatchable(t);
  }
  if (Array.isArray(token.stack)) for (const t of token.stack) dropUnmatchable(t);
  if (token.value && typeof token.value === 'object' && !Array.isArray(token.value))
    dropUnmatchable(token.value);
}

function impossible(stack: RetToken[]): boolean {
  const consumes = (t: RetToken) => CONSUMES.has(t.type) || (t.type === REPETITION && (t.min ?? 0) > 0);
  const end = stack.findIndex((t) => t.type === POSITION && t.value === '$');
  let start = -1;
  stack.forEach((t, i) => {
    if (t.type === POSITION && t.value === '^') start = i;
  });
  return (
    (end >= 0 && stack.slice(end + 1).some(consumes)) || (start > 0 && stack.slice(0, start).some(consumes))
  );
}

function generatorFor(pattern: string): RandExp | 'too-long' | 'invalid' {
  let g = generators.get(pattern);
  if (g !== undefined) return g;
  try {
    const r = new RandExp(asciiPropertyEscapes(pattern));
    r.max = OPEN_REPEAT;
    // randexp draws from printable ASCII only, so a class of non-ASCII letters (loket.nl's
    // `[\u00A0-\uD7FF]`) came out empty and the string around it broke the pattern.
    if (NON_ASCII.test(pattern)) r.defaultRange.add(0xc0, 0x24f);
    // `tokens` is private in randexp's typings; we only tighten quantifier bounds in place.
    const tokens = (r as unknown as { tokens: RetToken }).tokens;
    dropUnmatchable(tokens);
    if (clampTokens(tokens)) {
      // Flag repetition counts so length-directed generation can take the longest option.
      const inner = r._gen;
      r._gen = function (token, groups) {
        if ((token as RetToken).type === REPETITION) repState.next = true;
        return inner.call(this, token, groups);
      };
      g = r;
    } else g = 'too-long';
  } catch {
    g = 'invalid';
  }
  if (generators.size >= CACHE_MAX) generators.clear();
  generators.set(pattern, g);
  return g;
}

/**
 * A candidate string for `pattern`, or a reason it cannot be produced. The caller still checks
 * the candidate (randexp ignores lookarounds and some escapes). With `longExtra`, every quantifier
 * takes its largest count and open ones (`*`, `+`) repeat `longExtra` extra times: output length
 * then grows monotonically with `longExtra`, which lets the caller search for a length in bounds.
 */
export function randomFromPattern(
  pattern: string,
  rng: Rng,
  longExtra?: number,
): string | 'too-long' | 'invalid' {
  const g = generatorFor(pattern);
  if (typeof g === 'string') return g;
  repState.long = longExtra !== undefined;
  repState.next = false;
  g.max = longExtra ?? OPEN_REPEAT;
  // randexp's own randInt uses Math.random; route it through the seeded generator instead.
  g.randInt = (a: number, b: number) => {
    if (repState.next) {
      repState.next = false;
      if (repState.long) return b;
    }
    return rng.int(a, b);
  };
  try {
    return g.gen();
  } catch {
    return 'invalid';
  }
}
