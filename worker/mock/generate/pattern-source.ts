// Deep imports: the package index re-exports through a CommonJS shim that vitest's workerd loader
// rejects (see worker/ingest/regex-safety.ts).
import { tokenizer } from 'ret/dist/tokenizer';
import { types, type Token } from 'ret/dist/types';

/**
 * What a pattern's source says before anything runs it: the forms the pattern generator reads
 * better, and the lengths of the strings it can match (a proof that a length bound excludes them).
 */

/**
 * Lazy quantifiers (`+?`, `*?`, `??`, `{1,3}?`) match the same strings as greedy ones, but the
 * pattern generator reads their `?` as "optional" (`[a-z]+?` could come out empty); generate
 * from the greedy form. Escapes and character classes are respected.
 */
export function greedy(source: string): string {
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
export function withoutLookarounds(source: string): string {
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

/**
 * The shortest and longest string a pattern admits, or undefined when that cannot be read off its
 * tokens (back-references). JSON Schema patterns search anywhere in the string, so unless every
 * alternative is anchored at both ends the longest is unbounded.
 */
export function patternLengths(source: string): { min: number; max: number } | undefined {
  let root;
  try {
    root = tokenizer(source);
  } catch {
    return undefined;
  }
  const range = sequences(root.stack, root.options);
  if (range === undefined) return undefined;
  const whole = anchored(root.stack, root.options, '^') && anchored(root.stack, root.options, '$');
  return { min: range.min, max: whole ? range.max : Infinity };
}

/**
 * Whether every string the pattern matches must end (`$`) or start (`^`) where the string does,
 * anchors inside groups included: `(^i-[a-z]{8}$)|(^arn:.+$)` is anchored at both ends.
 */
export function patternAnchored(source: string, anchor: '^' | '$'): boolean {
  try {
    const root = tokenizer(source);
    return anchored(root.stack, root.options, anchor);
  } catch {
    return false;
  }
}

function anchored(stack: Token[] | undefined, options: Token[][] | undefined, anchor: '^' | '$'): boolean {
  if (options) return options.length > 0 && options.every((o) => anchored(o, undefined, anchor));
  const list = stack ?? [];
  const t = anchor === '$' ? list[list.length - 1] : list[0];
  if (t === undefined) return false;
  if (t.type === types.POSITION) return t.value === anchor;
  if (t.type === types.GROUP && !t.followedBy && !t.notFollowedBy && !t.lookBehind)
    return anchored(t.stack, t.options, anchor);
  return false;
}

type Range = { min: number; max: number };

function sequences(stack: Token[] | undefined, options: Token[][] | undefined): Range | undefined {
  if (!options) return sequence(stack ?? []);
  let out: Range | undefined;
  for (const o of options) {
    const r = sequence(o);
    if (r === undefined) return undefined;
    out = out ? { min: Math.min(out.min, r.min), max: Math.max(out.max, r.max) } : r;
  }
  return out ?? { min: 0, max: 0 };
}

function sequence(list: Token[]): Range | undefined {
  let min = 0;
  let max = 0;
  for (const t of list) {
    const r = token(t);
    if (r === undefined) return undefined;
    min += r.min;
    max += r.max;
  }
  return { min, max };
}

function token(t: Token): Range | undefined {
  switch (t.type) {
    case types.CHAR:
    case types.SET:
      return { min: 1, max: 1 };
    case types.POSITION:
      return { min: 0, max: 0 };
    case types.GROUP:
      if (t.followedBy || t.notFollowedBy || t.lookBehind) return { min: 0, max: 0 };
      return sequences(t.stack, t.options);
    case types.REPETITION: {
      const r = token(t.value);
      return (
        r && { min: t.min * r.min, max: t.max === Infinity || r.max === Infinity ? Infinity : t.max * r.max }
      );
    }
    default:
      return undefined;
  }
}

/**
 * The character every match starts with, when a pattern spells it: anchored at `^` with no
 * alternation, its first token a plain character (`^se(-[a-z0-9]+)+$` → `s`). Undefined whenever
 * that cannot be read off the tokens, so a caller's proof from it is never wrong, only missing.
 */
export function patternFirstChar(source: string): string | undefined {
  let root;
  try {
    root = tokenizer(source);
  } catch {
    return undefined;
  }
  if (root.options) return undefined;
  const [anchor, first] = root.stack ?? [];
  if (anchor?.type !== types.POSITION || anchor.value !== '^') return undefined;
  return first?.type === types.CHAR ? String.fromCodePoint(first.value) : undefined;
}
