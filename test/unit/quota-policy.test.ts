import { describe, expect, it } from 'vitest';
import {
  checkLimits,
  consume,
  dailySeries,
  emptyCounters,
  evaluate,
  refund,
  type Counters,
} from '../../worker/quota/policy';
import { consumeControl, emptyControl } from '../../worker/quota/control-policy';

const limits = { perMinute: 3, perMonth: 5 };
const t0 = Date.UTC(2026, 10, 30, 23, 59, 0); // 30 Nov 2026, 23:59:00 UTC

function run(counters: Counters, times: number[]) {
  const decisions = [];
  let c = counters;
  for (const t of times) {
    const r = consume(c, limits, t);
    c = r.counters;
    decisions.push(r.decision);
  }
  return { counters: c, decisions };
}

describe('quota policy', () => {
  it('allows exactly the per-minute limit and does not count refusals', () => {
    const { counters, decisions } = run(emptyCounters(), [t0, t0 + 1, t0 + 2, t0 + 3, t0 + 4]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(counters.minuteUsed).toBe(3);
    expect(decisions[3]).toMatchObject({ exceeded: 'minute', retryAfter: 60 });
  });

  it('opens a new minute window when the clock moves past it', () => {
    const first = run(emptyCounters(), [t0, t0, t0, t0]);
    const later = consume(first.counters, { perMinute: 3, perMonth: 100 }, t0 + 60_000);
    expect(later.decision.allowed).toBe(true);
    expect(later.counters.minuteUsed).toBe(1);
  });

  it('rolls the monthly counter over at the calendar month boundary (UTC)', () => {
    const big = { perMinute: 100, perMonth: 2 };
    let c = consume(emptyCounters(), big, t0).counters;
    c = consume(c, big, t0 + 1).counters;
    expect(consume(c, big, t0 + 2).decision).toMatchObject({ allowed: false, exceeded: 'month' });
    const december = Date.UTC(2026, 11, 1, 0, 0, 0);
    expect(evaluate(c, big, t0).month.resetAt).toBe(december);
    expect(consume(c, big, december).decision.allowed).toBe(true);
  });

  it('keeps 30 days of daily counts, oldest first', () => {
    let c = emptyCounters();
    c = consume(c, limits, t0).counters;
    c = consume(c, limits, t0 - 86_400_000 * 40).counters;
    const series = dailySeries(consume(c, limits, t0 + 1).counters, t0);
    expect(series).toHaveLength(30);
    expect(series.at(-1)).toEqual({ date: '2026-11-30', count: 2 });
    expect(series.reduce((n, d) => n + d.count, 0)).toBe(2);
  });

  it('validates limits', () => {
    const defaults = { perMinute: 10, perMonth: 100 };
    expect(checkLimits(undefined, defaults)).toEqual({ ok: true, limits: defaults });
    expect(checkLimits({ perMinute: 5 }, defaults)).toEqual({
      ok: true,
      limits: { perMinute: 5, perMonth: 100 },
    });
    for (const bad of [
      { perMinute: 0 },
      { perMinute: -3 },
      { perMonth: '9' },
      { perMinute: 2.5 },
      { perMonth: 1e15 },
      { perHour: 3 },
      'x',
      [1],
    ]) {
      expect(checkLimits(bad, defaults).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('lease counting and refunds', () => {
  it('counts a lease at most up to what both windows hold', () => {
    const r = consume(emptyCounters(), limits, t0, 10);
    expect(r.counted).toBe(3);
    expect(r.counters).toMatchObject({ minuteUsed: 3, monthUsed: 3 });
    expect(consume(r.counters, limits, t0 + 1, 5).counted).toBe(0);
  });

  it('gives unspent tokens back to the windows that are still current', () => {
    const big = { perMinute: 100, perMonth: 100 };
    const c = consume(emptyCounters(), big, t0, 10).counters;
    const window = { minuteStart: t0, month: '2026-11', day: '2026-11-30' };
    const same = refund(c, [{ ...window, tokens: 4 }], t0 + 1);
    expect(same).toMatchObject({ minuteUsed: 6, monthUsed: 6, daily: { '2026-11-30': 6 } });
    const nextMinute = refund(c, [{ ...window, tokens: 4 }], t0 + 60_000); // 1 Dec, 00:00
    expect(nextMinute).toMatchObject({ minuteUsed: 0, monthUsed: 0 });
    const laterSameMonth = refund(
      consume(emptyCounters(), big, t0 - 60_000, 10).counters,
      [{ minuteStart: t0 - 60_000, month: '2026-11', day: '2026-11-30', tokens: 4 }],
      t0,
    );
    expect(laterSameMonth).toMatchObject({ minuteUsed: 0, monthUsed: 6, daily: { '2026-11-30': 6 } });
    const december = refund(c, [{ ...window, tokens: 4 }], Date.UTC(2026, 11, 1, 0, 0, 1));
    expect(december).toMatchObject({ minuteUsed: 0, monthUsed: 0 });
    expect(refund(c, [{ ...window, tokens: 50 }], t0 + 1)).toMatchObject({ minuteUsed: 0, monthUsed: 0 });
  });
});

describe('control-plane budget', () => {
  it('counts per minute on its own and does not count refusals', () => {
    let counter = emptyControl();
    const allowed = [];
    for (let i = 0; i < 4; i++) {
      const r = consumeControl(counter, 3, t0 + i);
      counter = r.counter;
      allowed.push(r.decision.allowed);
    }
    expect(allowed).toEqual([true, true, true, false]);
    expect(counter.used).toBe(3);
    expect(consumeControl(counter, 3, t0 + 4).decision).toMatchObject({ allowed: false, retryAfter: 60 });
    expect(consumeControl(counter, 3, t0 + 60_000).decision).toMatchObject({
      allowed: true,
      window: { used: 1, remaining: 2 },
    });
  });
});
