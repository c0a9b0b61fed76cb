import { describe, expect, it } from 'vitest';
import {
  HeaderTable,
  RecentHeaders,
  resolveHeaders,
  SharedHeaders,
} from '../../../worker/request-log/shared-headers';

describe('headers a batch carries once', () => {
  it('stores one entry per shared base, whatever each call sends on top', () => {
    const table = new HeaderTable();
    const kept = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };
    const other = { 'content-type': 'text/plain' };
    const stored = [
      table.store(new SharedHeaders(kept, { ratelimit: 'r=9' })),
      table.store(new SharedHeaders(kept, { ratelimit: 'r=8' })),
      table.store(new SharedHeaders(other)),
      table.store({ plain: 'yes' }),
      table.store(new SharedHeaders(kept)),
    ];
    expect(stored).toEqual([
      [0, { ratelimit: 'r=9' }],
      [0, { ratelimit: 'r=8' }],
      [1],
      { plain: 'yes' },
      [0],
    ]);
    expect(table.json).toEqual([JSON.stringify(kept), JSON.stringify(other)]);
  });

  it('reads a stored member back as the headers that were sent, the call’s own last', () => {
    const table: Record<string, string>[] = [{ a: '1', ratelimit: 'shared' }, { b: '2' }];
    expect(resolveHeaders([0, { ratelimit: 'own', c: '3' }], table)).toEqual({
      a: '1',
      ratelimit: 'own',
      c: '3',
    });
    expect(resolveHeaders([1], table)).toEqual({ b: '2' });
    expect(resolveHeaders({ plain: 'x' }, table)).toEqual({ plain: 'x' });
    // A copy: a reader changing one call's headers changes no other call's.
    const read = resolveHeaders([1], table);
    read.b = 'changed';
    expect(table[1]).toEqual({ b: '2' });
  });
});

describe('a client’s repeated request headers', () => {
  const names = {};
  let redactions = 0;
  const redact = (raw: Record<string, string>) => () => {
    redactions++;
    return { ...raw, authorization: '[redacted]' };
  };

  it('are one shared object for equal headers, redacted once', () => {
    const recent = new RecentHeaders();
    redactions = 0;
    const first = { accept: '*/*', authorization: 'Bearer a' };
    const a = recent.shared(first, names, redact(first));
    const same = { accept: '*/*', authorization: 'Bearer a' };
    expect(recent.shared(same, names, redact(same))).toBe(a);
    expect(redactions).toBe(1);
    expect(a.base).toEqual({ accept: '*/*', authorization: '[redacted]' });
  });

  it('differ when a value, a name or the count differs, or the credential names do', () => {
    const recent = new RecentHeaders();
    const base = { accept: '*/*', 'x-n': '1' };
    const a = recent.shared(base, names, redact(base));
    const others: Record<string, string>[] = [
      { accept: '*/*', 'x-n': '2' },
      { accept: '*/*', 'x-m': '1' },
      { accept: '*/*' },
      { ...base, extra: '' },
    ];
    for (const other of others) expect(recent.shared(other, names, redact(other))).not.toBe(a);
    expect(recent.shared({ ...base }, {}, redact(base))).not.toBe(a);
    expect(recent.shared({ ...base }, names, redact(base))).toBe(a);
  });

  it('keeps only the few most recent distinct ones', () => {
    const recent = new RecentHeaders(2);
    const h = (n: number) => ({ 'x-n': String(n) });
    const one = recent.shared(h(1), names, redact(h(1)));
    recent.shared(h(2), names, redact(h(2)));
    expect(recent.shared(h(1), names, redact(h(1)))).toBe(one);
    recent.shared(h(3), names, redact(h(3)));
    recent.shared(h(4), names, redact(h(4)));
    expect(recent.shared(h(1), names, redact(h(1)))).not.toBe(one);
  });
});

describe('an answer’s headers built per call', () => {
  const names = {};
  const own = new Set(['ratelimit', 'retry-after']);
  const sent = (extra: Record<string, string>) => ({ 'content-type': 'application/json', ...extra });

  it('are one shared object while only a call’s own names change, kept out of the base', () => {
    const recent = new RecentHeaders(8, own);
    const first = sent({ ratelimit: 'r=9' });
    const a = recent.shared(first, names, () => ({ 'content-type': 'application/json' }));
    expect(recent.shared(sent({ ratelimit: 'r=8' }), names, () => ({}))).toBe(a);
    expect(recent.shared(sent({}), names, () => ({}))).toBe(a);
    expect(recent.shared(sent({ ratelimit: 'r=7', 'retry-after': '3' }), names, () => ({}))).toBe(a);
    expect(a.base).toEqual({ 'content-type': 'application/json' });
  });

  it('differ when any other header differs, or is added or missing', () => {
    const recent = new RecentHeaders(8, own);
    const a = recent.shared(sent({ location: '/pets/1', ratelimit: 'r=9' }), names, () => ({}));
    for (const other of [
      sent({ location: '/pets/2', ratelimit: 'r=9' }),
      sent({ ratelimit: 'r=9' }),
      sent({ location: '/pets/1', etag: '"x"' }),
      { location: '/pets/1', ratelimit: 'r=9' },
    ])
      expect(recent.shared(other, names, () => ({}))).not.toBe(a);
  });
});
