import { describe, expect, it } from 'vitest';
import { formatExcludesPattern } from '../../../worker/mock/generate/format-vs-pattern';

/** The proof behind `pattern-vs-format` must never call a satisfiable pair contradictory. */
describe('a format and a pattern proven to share no string', () => {
  it.each([
    ['date-time', '^se(-[a-z0-9]+)+$'],
    ['date', '^v[0-9]+$'],
    ['uuid', '^id_[a-z]+$'],
    ['ipv4', '^host-'],
  ])('%s against %s', (format, pattern) => {
    expect(formatExcludesPattern(format, pattern)).toBe(true);
  });

  it.each([
    // A first character the format can start with.
    ['date-time', '^2[0-9]{3}-'],
    ['uuid', '^e[0-9a-f]{7}-'],
    // Unanchored, optional, a class or an alternation: the first character is not spelled out.
    ['date-time', 'se-[0-9]+'],
    ['date-time', '^s?[0-9]{4}'],
    ['date-time', '^[s0-9]'],
    ['date-time', '^se-.*|^[0-9]{4}'],
    // A format whose first character its grammar does not fix.
    ['email', '^se-'],
    ['uri', '^se-'],
  ])('not %s against %s', (format, pattern) => {
    expect(formatExcludesPattern(format, pattern)).toBe(false);
  });
});
