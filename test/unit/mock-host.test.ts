import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostLabel, hostTargetOf, parseHostLabel, type HostTarget } from '../../worker/http/mock-host';

const api = (name: string, version = 'latest'): HostTarget => ({ kind: 'api', api: name, version });
/** What a DNS label may be: 1–63 of [a-z0-9-], no hyphen at either end. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

describe('mock host labels', () => {
  it.each([
    [api('petstore'), 'petstore'],
    [api('petstore', '1.2.0'), 'petstore--1-2-0'],
    [api('petstore', 'v2'), 'petstore--v2'],
    [api('twilio', '2010-04-01'), 'twilio---2010-04-01'],
    [api('petstore', '1.2.0-rc.1'), 'petstore--1-2-0z2rc-1'],
    [api('petstore', 'V1'), 'petstore--zv1'],
    [api('petstore', 'beta_2'), 'petstore--betaz32'],
    [api('petstore', 'zeta'), 'petstore--z0eta'],
    [api('petstore', '.hidden'), 'petstore--z1hidden'],
    [api('petstore', '1..2'), 'petstore--1-z12'],
    [api('petstore', '1.'), 'petstore--1z1'],
    [api('my--api'), 'my--api--latest'],
    [api('sb-0123456789abcdef0123456789abcdef'), 'sb-0123456789abcdef0123456789abcdef--latest'],
    [{ kind: 'sandbox', id: 'sb_0123456789abcdef0123456789abcdef' }, 'sb-0123456789abcdef0123456789abcdef'],
  ] as [HostTarget, string][])('%o is at %s, and back', (target, label) => {
    expect(hostLabel(target)).toBe(label);
    expect(parseHostLabel(label)).toEqual(target);
  });

  it('has no label where none fits one DNS label or it would read as an IDN', () => {
    expect(hostLabel(api('a'.repeat(60), '1.0.0'))).toBeUndefined();
    expect(hostLabel(api('xn', '1'))).toBeUndefined();
    expect(hostLabel(api('a'.repeat(63)))).toBe('a'.repeat(63));
  });

  it('reads the last run of hyphens as the separator: API names may hold `--` themselves', () => {
    expect(parseHostLabel('petstore--1--2')).toEqual(api('petstore--1', '2'));
  });

  it('refuses every spelling that is not the canonical one, so no second name reaches a mock', () => {
    for (const label of [
      'petstore--latest', // the bare label is petstore's latest
      'petstore--1z10z10', // dots are written as hyphens when they can be
      'petstore---1-2z10', // 1-2.0: as many dots as hyphens, so the `--` form (petstore--1z22-0)
      'petstore---v2', // no hyphen at all: the `--` form
      'petstore----1',
      'petstore--zv', // a code without its letter is fine (zv = V), but:
      'petstore--z9', // an unknown code
      'petstore--latest-', // not a DNS label
      'pet.store',
      '-petstore',
      'a---b', // a three-hyphen run that is neither a separator nor a latest label
    ])
      expect(parseHostLabel(label), label).toEqual(
        label === 'petstore--zv' ? api('petstore', 'V') : undefined,
      );
  });

  it('round-trips every API name and version name, in valid DNS labels (property)', () => {
    const apiName = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/);
    const version = fc
      .stringMatching(/^[A-Za-z0-9._-]{1,30}$/)
      .filter((v) => v !== 'latest' && v !== '.' && v !== '..');
    fc.assert(
      fc.property(apiName, fc.option(version, { nil: undefined }), (a, v) => {
        const target = api(a, v ?? 'latest');
        const label = hostLabel(target);
        // Each version character takes at most two label characters, the separator three.
        const mayNotFit = a.length + 3 + 2 * (v?.length ?? 0) > 63;
        if (label === undefined) return mayNotFit || a.startsWith('xn');
        expect(label).toMatch(DNS_LABEL);
        expect(parseHostLabel(label)).toEqual(target);
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes any label to at most one mock, and only from its canonical label (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,40}$/), (label) => {
        const target = parseHostLabel(label);
        if (target) expect(hostLabel(target)).toBe(label);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('hosts under the mock domain', () => {
  it('names the mock of a one-label subdomain, in any letter case and with a trailing dot', () => {
    expect(hostTargetOf('petstore.mock.example.com', 'mock.example.com')).toEqual({
      kind: 'target',
      target: api('petstore'),
    });
    expect(hostTargetOf('PetStore--1-0-0.Mock.Example.com.', 'mock.example.com')).toEqual({
      kind: 'target',
      target: api('petstore', '1.0.0'),
    });
  });

  it('keeps the mock domain itself and other hosts outside; deeper or unknown names are unknown', () => {
    expect(hostTargetOf('mock.example.com', 'mock.example.com').kind).toBe('outside');
    expect(hostTargetOf('specmock.example.com', 'mock.example.com').kind).toBe('outside');
    expect(hostTargetOf('evilmock.example.com', 'mock.example.com').kind).toBe('outside');
    expect(hostTargetOf('petstore.mock.example.com', '').kind).toBe('outside');
    expect(hostTargetOf('a.petstore.mock.example.com', 'mock.example.com').kind).toBe('unknown');
    expect(hostTargetOf('petstore--latest.mock.example.com', 'mock.example.com').kind).toBe('unknown');
  });
});
