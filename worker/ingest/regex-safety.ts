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
  if (!safeRegex(withoutOptionalGroups(source)) || /\\k</.test(source)) return false;
  let root;
  try {
    root = tokenizer(source);
  } catch {
    return false;
  }
  return !risky(root.stack ?? [], root.options, false);
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
