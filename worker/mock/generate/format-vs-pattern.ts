import { patternFirstChar } from './pattern-source';

/**
 * Whether a format and a pattern provably share no string: every string of the format starts with
 * a character the pattern's anchored first character is not. ShipEngine's `created_at` is a
 * `date-time` and, through `allOf: [$ref: se_id]`, `^se(-[a-z0-9]+)+$`: every date-time starts
 * with a digit, every match with `s`. Only formats whose first character is fixed by their grammar
 * are listed; any other pair is not proven apart.
 */
const FIRST_CHARS: Record<string, RegExp> = {
  'date-time': /[0-9]/,
  date: /[0-9]/,
  time: /[0-9]/,
  ipv4: /[0-9]/,
  uuid: /[0-9a-fA-F]/,
};

export function formatExcludesPattern(format: string, pattern: string): boolean {
  const starts = FIRST_CHARS[format];
  if (starts === undefined) return false;
  const first = patternFirstChar(pattern);
  return first !== undefined && !starts.test(first);
}
