import { describe, expect, it } from 'vitest';
import { isSafePattern } from '../../worker/ingest/regex-safety';

describe('isSafePattern', () => {
  it.each([
    '^(a+)+$',
    '^(a|aa)+$',
    '(x+x+)+y',
    '^(\\w+\\s?)*$',
    '^\\d+\\d+$',
    '(a)\\1',
    '^(foo|bar)*$',
    '[',
    '(?<n>a)\\k<n>',
    '^((a+)?)+$',
    '^(a+)??$',
  ])('refuses %s', (p) => {
    expect(isSafePattern(p)).toBe(false);
  });

  it.each([
    '^[a-z0-9-]+$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$',
    '^[a-z]+-[a-z]+$',
    '^\\+?[1-9]\\d{1,14}$',
    '^(https?|ftp)://[^\\s]+$',
    // shipengine.com: optional groups around a `+` are two paths each, not nested repetition
    '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[-+]\\d{2}:\\d{2}))?$',
  ])('accepts %s', (p) => {
    expect(isSafePattern(p)).toBe(true);
  });
});
