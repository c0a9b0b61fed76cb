import { describe, expect, it } from 'vitest';
import { decide, steeredLabel, unit } from '../../worker/behaviour/decide';
import { MAX_LATENCY_MS, validateBehaviour, type Behaviour } from '../../worker/behaviour/settings';

const call = (i: number) => ({ method: 'GET', path: `/pets/${i}`, query: [] as [string, string][] });

describe('validateBehaviour', () => {
  it('accepts the documented shape and keeps it', () => {
    const input = {
      latency: { minMs: 100, maxMs: 300 },
      errors: { rate: 0.25, status: 503 },
      seed: 'ci',
      operations: {
        'GET /pets/{petId}': { status: 404, example: 'missing', latency: { minMs: 5, maxMs: 5 } },
      },
    };
    const result = validateBehaviour(input);
    expect(result).toEqual({ ok: true, behaviour: input });
  });

  it('refuses bad values with a pointer to each', () => {
    const result = validateBehaviour({
      latency: { minMs: 10, maxMs: MAX_LATENCY_MS + 1 },
      errors: { rate: 1.5, status: 302 },
      seed: 7,
      colour: 'red',
      operations: { 'FETCH /x': {}, 'GET /a/b': { status: 99, example: '', errors: { rate: -1 } } },
    });
    expect(result.ok).toBe(false);
    const pointers = result.ok ? [] : result.errors.map((e) => e.pointer).sort();
    expect(pointers).toEqual(
      [
        '/colour',
        '/errors/rate',
        '/errors/status',
        '/latency/maxMs',
        '/operations/FETCH ~1x',
        '/operations/GET ~1a~1b/errors/rate',
        '/operations/GET ~1a~1b/example',
        '/operations/GET ~1a~1b/status',
        '/seed',
      ].sort(),
    );
  });

  it('refuses a maximum below the minimum, and a non-object', () => {
    const inverted = validateBehaviour({ latency: { minMs: 500, maxMs: 100 } });
    expect(inverted.ok ? [] : inverted.errors.map((e) => e.pointer)).toEqual(['/latency/maxMs']);
    expect(validateBehaviour([]).ok).toBe(false);
  });
});

describe('decide', () => {
  it('keeps latency within the bounds and spreads it over them', () => {
    const b: Behaviour = { latency: { minMs: 100, maxMs: 200 } };
    const values = Array.from({ length: 2000 }, (_, i) => decide(b, undefined, call(i), false).latencyMs);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...values)).toBeLessThanOrEqual(200);
    // 2,000 uniform draws over 101 values: both ends of the range are reached in practice.
    expect(Math.min(...values)).toBeLessThan(105);
    expect(Math.max(...values)).toBeGreaterThan(195);
  });

  it('fails a share of distinct requests close to the rate, identically for one seed', () => {
    const b: Behaviour = { errors: { rate: 0.2, status: 503 }, seed: 'one' };
    const draw = (settings: Behaviour) =>
      Array.from({ length: 1000 }, (_, i) => decide(settings, undefined, call(i), false).error ?? 0);
    const first = draw(b);
    const failures = first.filter((s) => s === 503).length;
    // Binomial(1000, 0.2): mean 200, sd 12.6; ±4 sd.
    expect(failures).toBeGreaterThan(150);
    expect(failures).toBeLessThan(250);
    expect(draw(b)).toEqual(first);
    // Another seed draws other requests at the same rate.
    const other = draw({ ...b, seed: 'two' });
    expect(other).not.toEqual(first);
  });

  it('lets the request’s own preference win over errors and forced responses, not over latency', () => {
    const b: Behaviour = {
      latency: { minMs: 10, maxMs: 10 },
      errors: { rate: 1, status: 500 },
      operations: { 'GET /pets/{petId}': { status: 404 } },
    };
    expect(decide(b, undefined, call(1), true)).toEqual({ latencyMs: 10 });
    expect(decide(b, 'GET /pets/{petId}', call(1), false)).toEqual({ latencyMs: 10, status: 404 });
    expect(decide(b, 'GET /pets', call(1), false)).toEqual({ latencyMs: 10, error: 500 });
  });

  it('uses the operation’s own settings over the API’s', () => {
    const b: Behaviour = {
      errors: { rate: 1, status: 500 },
      operations: {
        'GET /pets/{petId}': { errors: { rate: 0, status: 500 }, latency: { minMs: 7, maxMs: 7 } },
      },
    };
    expect(decide(b, 'GET /pets/{petId}', call(1), false)).toEqual({ latencyMs: 7 });
  });

  it('depends on the request: query order does not matter, bodies do', () => {
    const b: Behaviour = { errors: { rate: 0.5, status: 500 } };
    const withQuery = (query: [string, string][]) =>
      Array.from({ length: 50 }, (_, i) =>
        decide(b, undefined, { method: 'GET', path: `/x/${i}`, query }, false),
      );
    expect(
      withQuery([
        ['a', '1'],
        ['b', '2'],
      ]),
    ).toEqual(
      withQuery([
        ['b', '2'],
        ['a', '1'],
      ]),
    );
    const byBody = Array.from(
      { length: 50 },
      (_, i) =>
        decide(b, undefined, { method: 'POST', path: '/x', query: [], body: `{"n":${i}}` }, false).error,
    );
    expect(new Set(byBody).size).toBe(2);
  });

  it('describes only what it changed', () => {
    expect(steeredLabel({ latencyMs: 0 })).toBeNull();
    expect(steeredLabel({ latencyMs: 120, error: 503 })).toBe('latency=120ms; error=503');
    expect(steeredLabel({ latencyMs: 0, status: 404, example: 'cat' })).toBe('status=404; example="cat"');
  });

  it('draws uniformly', () => {
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(unit(`k${i}`) * 10)]++;
    for (const n of buckets) expect(Math.abs(n - 1000)).toBeLessThan(130);
  });
});
