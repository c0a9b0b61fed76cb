import { describe, expect, it } from 'vitest';
import { LeaseBook, type Renew } from '../../worker/quota/lease-book';
import { BASE_LEASE, grantWindow, LEASE_MS, leaseSize, MAX_LEASE } from '../../worker/quota/lease-policy';
import {
  consume,
  emptyCounters,
  evaluate,
  refund,
  type Counters,
  type Limits,
} from '../../worker/quota/policy';

const t0 = Date.UTC(2031, 6, 1, 12, 0, 5);

/** The key's Durable Object reduced to its arithmetic: serial, with a round trip of `delay` ticks. */
function account(limits: Limits) {
  const state = { counters: emptyCounters() as Counters, renewals: 0 };
  const renew =
    (now: number, delay = 0): Renew =>
    async (refunds, want) => {
      for (let i = 0; i < delay; i++) await Promise.resolve();
      state.renewals += 1;
      const before = refund(state.counters, refunds, now);
      const n = leaseSize(evaluate(before, limits, now), want);
      const { counters, decision, counted } = consume(before, limits, now, n);
      state.counters = counters;
      return { ok: true, tokens: counted, decision, ...grantWindow(now) };
    };
  return { state, renew };
}

describe('mock-quota leases', () => {
  it('serves exactly the limit to 400 concurrent calls in one isolate', async () => {
    const { state, renew } = account({ perMinute: 100, perMonth: 1_000_000 });
    const book = new LeaseBook();
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => book.draw('k', t0, renew(t0, i % 7))),
    );
    const allowed = results.filter((r) => r.ok && r.decision.allowed).length;
    expect(allowed).toBe(100);
    expect(state.counters.minuteUsed).toBe(100);
    expect(book.held('k')).toBe(0);
  });

  it('never serves more than the limit across isolates, and counts exactly what is served or held', async () => {
    const limits = { perMinute: 150, perMonth: 1_000_000 };
    const { state, renew } = account(limits);
    const books = Array.from({ length: 4 }, () => new LeaseBook());
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const calls = Array.from({ length: 1000 }, (_, i) => {
      const book = books[Math.floor(random() * books.length)];
      const now = t0 + Math.floor(i / 50); // one minute, the clock creeping forward
      return book.draw('k', now, renew(now, Math.floor(random() * 5)));
    });
    const served = (await Promise.all(calls)).filter((r) => r.ok && r.decision.allowed).length;
    const held = books.reduce((n, b) => n + b.held('k'), 0);
    expect(served).toBeLessThanOrEqual(150);
    expect(state.counters.minuteUsed).toBeLessThanOrEqual(150);
    expect(state.counters.monthUsed).toBe(served + held);
    expect(held).toBeLessThanOrEqual(books.length * MAX_LEASE * 1.5);
  });

  it('amortizes: sequential calls renew about once per lease', async () => {
    const { state, renew } = account({ perMinute: 1_000_000, perMonth: 10_000_000 });
    const book = new LeaseBook();
    for (let i = 0; i < 1000; i++) {
      const r = await book.draw('k', t0, renew(t0));
      expect(r.ok && r.decision.allowed).toBe(true);
    }
    expect(state.renewals).toBeLessThanOrEqual(Math.ceil(1000 / BASE_LEASE) + 1);
    expect(state.counters.monthUsed - 1000).toBe(book.held('k'));
  });

  it('tops the lease up before it runs dry, so 16 concurrent callers rarely wait for a renewal', async () => {
    const { state, renew } = account({ perMinute: 1_000_000, perMonth: 10_000_000 });
    const book = new LeaseBook();
    let served = 0;
    // 16 connections in a closed loop, as autocannon drives the bench: each sends its next call
    // when the previous one is answered.
    const connection = async () => {
      for (let i = 0; i < 100; i++) {
        const r = await book.draw('k', t0, renew(t0, 3));
        if (r.ok && r.decision.allowed) served += 1;
      }
    };
    await Promise.all(Array.from({ length: 16 }, connection));
    expect(served).toBe(1600);
    expect(state.renewals).toBeLessThanOrEqual(Math.ceil(1600 / BASE_LEASE) * 2); // 336 without top-ups and waiting
    expect(state.counters.monthUsed).toBe(served + book.held('k'));
    expect(book.held('k')).toBeLessThanOrEqual(MAX_LEASE * 1.5);
  });

  it('shrinks leases to one token as the window runs out', () => {
    const decision = (remaining: number) =>
      evaluate(
        {
          ...emptyCounters(),
          minuteStart: t0 - 5000,
          minuteUsed: 100_000 - remaining,
          month: '2031-07',
          monthUsed: 0,
        },
        { perMinute: 100_000, perMonth: 1e9 },
        t0,
      );
    expect(leaseSize(decision(100_000), MAX_LEASE)).toBe(MAX_LEASE);
    expect(leaseSize(decision(1000), MAX_LEASE)).toBe(62);
    expect(leaseSize(decision(100), MAX_LEASE)).toBe(6);
    expect(leaseSize(decision(20), MAX_LEASE)).toBe(1);
    expect(leaseSize(decision(1), MAX_LEASE)).toBe(1);
    expect(leaseSize(decision(0), MAX_LEASE)).toBe(0);
    expect(leaseSize(decision(100_000), 1)).toBe(1);
  });

  it('does not spend an expired lease, and returns its tokens to the month on renewal', async () => {
    const { state, renew } = account({ perMinute: 1_000_000, perMonth: 10_000_000 });
    const book = new LeaseBook();
    await book.draw('k', t0, renew(t0));
    expect(book.held('k')).toBe(BASE_LEASE - 1);
    const later = t0 + LEASE_MS;
    await book.draw('k', later, renew(later));
    expect(state.renewals).toBe(2);
    expect(state.counters.monthUsed).toBe(2 + book.held('k'));
  });

  it('lets a lease die with its minute: tokens counted in one minute are never spent in the next', async () => {
    const { state, renew } = account({ perMinute: 40, perMonth: 1_000_000 });
    const book = new LeaseBook();
    const end = Date.UTC(2031, 6, 1, 12, 0, 59, 999);
    await book.draw('k', end, renew(end));
    expect(book.held('k')).toBeGreaterThan(0);
    const next = end + 1;
    await book.draw('k', next, renew(next));
    expect(state.renewals).toBe(2);
    expect(state.counters.minuteUsed).toBe(1 + book.held('k'));
  });

  it("sizes renewals to the isolate's pace: growing to MAX_LEASE while busy, back to BASE_LEASE once quiet", async () => {
    const { state, renew } = account({ perMinute: 1e9, perMonth: 1e12 });
    const asked: number[] = [];
    const counting =
      (now: number): Renew =>
      (refunds, want) => (asked.push(want), renew(now)(refunds, want));
    const book = new LeaseBook();
    // Busy: 20,000 calls in two seconds, 10 per millisecond, one at a time.
    let now = t0;
    for (let i = 0; i < 20_000; i++) {
      now = t0 + Math.floor(i / 10);
      const r = await book.draw('k', now, counting(now));
      expect(r.ok && r.decision.allowed).toBe(true);
    }
    expect(Math.max(...asked)).toBe(MAX_LEASE);
    // 625 renewals at BASE_LEASE (one per 32 calls); doubling to MAX_LEASE takes a few, then one per 512.
    expect(state.renewals).toBeLessThanOrEqual(Math.ceil(20_000 / (MAX_LEASE / 2)) + 8);
    expect(state.counters.monthUsed).toBe(20_000 + book.held('k'));
    // Quiet: a call every 1.5 s. Each renewal comes after its lease expired, over a second after the
    // one before: it asks for half as much, down to BASE_LEASE.
    asked.length = 0;
    for (let i = 1; i <= 12; i++) {
      now += 1_500;
      expect((await book.draw('k', now, counting(now))).ok).toBe(true);
    }
    expect(asked.at(-1)).toBe(BASE_LEASE);
    expect(book.held('k')).toBeLessThanOrEqual(BASE_LEASE * 1.5);
  });

  it('bounds what an evicted isolate strands by one lease per key', async () => {
    const { state, renew } = account({ perMinute: 1_000_000, perMonth: 10_000_000 });
    let evicted = new LeaseBook();
    let served = 0;
    for (let i = 0; i < 10; i++) {
      if ((await evicted.draw('k', t0 + i, renew(t0 + i))).ok) served += 1;
    }
    const stranded = evicted.held('k');
    evicted = new LeaseBook(); // the isolate is gone, its tokens with it
    expect(stranded).toBeLessThanOrEqual(BASE_LEASE * 1.5); // a quiet isolate's leases stay at BASE_LEASE
    expect(state.counters.monthUsed - served).toBe(stranded);
    expect(evicted.held('k')).toBe(0);
  });

  it('refuses with the decision of the object once nothing is left', async () => {
    const { renew } = account({ perMinute: 2, perMonth: 100 });
    const book = new LeaseBook();
    const allowed = [];
    for (let i = 0; i < 3; i++) {
      const r = await book.draw('k', t0, renew(t0));
      allowed.push(r.ok && r.decision.allowed);
      if (i === 2 && r.ok) expect(r.decision).toMatchObject({ exceeded: 'minute', retryAfter: 55 });
    }
    expect(allowed).toEqual([true, true, false]);
  });
});
