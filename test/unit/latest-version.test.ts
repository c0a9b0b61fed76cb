import { describe, expect, it } from 'vitest';
import { latestOf } from '../../worker/registry/latest-version';

describe('latest', () => {
  it('is the highest semantic version, not the last upload', () => {
    expect(latestOf(['1.0.0', '1.1.0', '0.9.0'])).toEqual({ latest: '1.1.0', rule: 'semver' });
    expect(latestOf(['1.9.0', '1.10.0', '1.2.0']).latest).toBe('1.10.0');
    expect(latestOf(['v2.0.0', 'v10.0.0']).latest).toBe('v10.0.0');
  });

  it('prefers any release to a pre-release, and orders pre-releases by SemVer precedence', () => {
    expect(latestOf(['1.0.0', '2.0.0-beta.1']).latest).toBe('1.0.0');
    expect(
      latestOf(['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1']).latest,
    ).toBe('1.0.0-rc.1');
    expect(latestOf(['1.0.0-beta.11', '1.0.0-beta.2']).latest).toBe('1.0.0-beta.11');
    expect(latestOf(['1.0.0-1', '1.0.0-alpha']).latest).toBe('1.0.0-alpha'); // numeric < alphanumeric
  });

  it('falls back to the last published when any name is not a semantic version', () => {
    expect(latestOf(['1.0.0', '2.0.0', 'abc123def456'])).toEqual({
      latest: 'abc123def456',
      rule: 'last-published',
    });
    expect(latestOf(['2', '1']).rule).toBe('last-published');
    expect(latestOf(['1.2', '1.10']).latest).toBe('1.10');
    expect(latestOf(['01.0.0', '1.0.0']).rule).toBe('last-published'); // leading zeros are not SemVer
  });

  it('lets the later of two equal versions win, and has none when there are no versions', () => {
    expect(latestOf(['1.0.0', 'v1.0.0']).latest).toBe('v1.0.0');
    expect(latestOf([])).toEqual({ latest: null, rule: 'last-published' });
  });
});
