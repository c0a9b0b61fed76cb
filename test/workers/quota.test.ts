import { evictDurableObject, runInDurableObject, env as testEnv } from 'cloudflare:test';
import type { Env } from '../../worker/env';
import { describe, expect, it } from 'vitest';
import petstore from '../../spec-examples/petstore.oas3.yaml?raw';
import { auth, call, publish, type ProblemJson } from './helpers';
import { BASE_LEASE } from '../../worker/quota/lease-policy';

const ADMIN = auth('test-admin-token');
const env = testEnv as unknown as Env;

async function adminKey(limits: {
  perMinute: number;
  perMonth: number;
}): Promise<{ key: string; id: string }> {
  const res = await call('/v1/keys', { method: 'POST', headers: ADMIN, body: JSON.stringify({ limits }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { key: string; id: string };
}

/** Keeps a burst inside one minute window, so the per-minute count cannot roll over mid-test. */
async function awayFromMinuteBoundary(): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

describe('quotas', () => {
  it('lets exactly the limit through under 400 concurrent mock calls, and counts no refusal', async () => {
    await awayFromMinuteBoundary();
    const { key, id } = await adminKey({ perMinute: 1_000_000, perMonth: 1_000_000 });
    expect((await publish(key, 'burst', 'v1', petstore)).status).toBe(201);
    const before = (await (await call('/v1/usage', { headers: auth(key) })).json()) as {
      minute: { used: number };
    };
    const patch = await call(`/v1/keys/${id}`, {
      method: 'PATCH',
      headers: ADMIN,
      body: JSON.stringify({ limits: { perMinute: before.minute.used + 100 } }),
    });
    expect(patch.status).toBe(200);

    const responses = await Promise.all(
      Array.from({ length: 400 }, (_, i) => call(`/mock/burst/v1/pets/${i}`)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(300);

    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit')).toMatch(/"minute";r=0;t=\d+/);
    expect(((await refused.json()) as ProblemJson & { limit: string }).limit).toBe('minute');
    const ok = responses.find((r) => r.status === 200)!;
    expect(ok.headers.get('ratelimit-policy')).toBe(
      `"minute";q=${before.minute.used + 100};w=60, "month";q=1000000;w=2592000`,
    );

    const quota = env.QUOTA.get(env.QUOTA.idFromName(id));
    const usage = await quota.usage(Date.now());
    expect(usage!.decision.minute.used).toBe(before.minute.used + 100);
  });

  it('opens the next minute window and rolls the month over (injected clock)', async () => {
    const { id } = await adminKey({ perMinute: 2, perMonth: 3 });
    const quota = env.QUOTA.get(env.QUOTA.idFromName(id));
    const t = Date.UTC(2031, 0, 31, 23, 58, 0);
    const allowed = async (now: number) => {
      const r = await quota.consumeForMock(now);
      return r.ok && r.decision.allowed;
    };
    expect([await allowed(t), await allowed(t + 1), await allowed(t + 2)]).toEqual([true, true, false]);
    expect(await allowed(t + 60_000)).toBe(true); // a new minute: one more fits the month
    expect(await allowed(t + 60_001)).toBe(false); // the month (3) is used up
    expect(await allowed(Date.UTC(2031, 1, 1, 0, 1, 0))).toBe(true); // February
  });

  it('keeps daily counts across days and across a restart of the Durable Object', async () => {
    const { id } = await adminKey({ perMinute: 100, perMonth: 100 });
    const quota = env.QUOTA.get(env.QUOTA.idFromName(id));
    const day1 = Date.UTC(2031, 4, 10, 12);
    const day2 = Date.UTC(2031, 4, 11, 9);
    await quota.consumeForMock(day1);
    await quota.consumeForMock(day1 + 1000);
    await quota.consumeForMock(day2);
    const series = async () => (await quota.usage(day2))!.daily.filter((d) => d.count > 0);
    expect(await series()).toEqual([
      { date: '2031-05-10', count: 2 },
      { date: '2031-05-11', count: 1 },
    ]);
    await evictDurableObject(quota);
    expect(await series()).toEqual([
      { date: '2031-05-10', count: 2 },
      { date: '2031-05-11', count: 1 },
    ]);
    expect((await quota.usage(day2))!.decision.month.used).toBe(3);
  });

  it('never shares counters between keys, and counts mock calls apart from control-plane calls', async () => {
    const a = await adminKey({ perMinute: 1000, perMonth: 1000 });
    const b = await adminKey({ perMinute: 1000, perMonth: 1000 });
    await publish(a.key, 'owned-by-a', 'v1', petstore);
    await Promise.all(Array.from({ length: 5 }, () => call('/mock/owned-by-a/v1/pets')));
    type UsageBody = {
      minute: { used: number };
      month: { used: number };
      control: { limit: number; used: number; remaining: number };
      daily: { count: number }[];
    };
    const usageA = (await (await call('/v1/usage', { headers: auth(a.key) })).json()) as UsageBody;
    const usageB = (await (await call('/v1/usage', { headers: auth(b.key) })).json()) as UsageBody;
    // Exact although the mock calls were paid from a lease: usage returns this isolate's unspent tokens.
    expect(usageA.minute.used).toBe(5);
    expect(usageA.month.used).toBe(5);
    expect(usageA.control).toMatchObject({ limit: 1200, used: 2, remaining: 1198 }); // publish, usage
    expect(usageB.minute.used).toBe(0);
    expect(usageB.control.used).toBe(1);
    expect(usageA.daily).toHaveLength(30);
    expect(usageA.daily.at(-1)!.count).toBe(5);
  });

  it('never locks an owner out: with the mock quota spent, usage, listing, publishing and deleting work', async () => {
    await awayFromMinuteBoundary();
    const { key } = await adminKey({ perMinute: 3, perMonth: 1000 });
    expect((await publish(key, 'spent', 'v1', petstore)).status).toBe(201);
    const mocks = [];
    for (let i = 0; i < 5; i++) mocks.push(await call(`/mock/spent/v1/pets/${i}`));
    expect(mocks.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(mocks[3].headers.get('ratelimit')).toMatch(/^"minute";r=0;t=\d+, "month";r=997;t=\d+$/);

    const usage = await call('/v1/usage', { headers: auth(key) });
    expect(usage.status).toBe(200);
    expect(usage.headers.get('ratelimit-policy')).toBe('"control";q=1200;w=60');
    expect(((await usage.json()) as { minute: { remaining: number } }).minute.remaining).toBe(0);
    expect((await call('/v1/apis', { headers: auth(key) })).status).toBe(200);
    expect((await publish(key, 'spent', 'v2', petstore.replace('1.0.0', '1.0.1'))).status).toBe(201);
    const del = await call('/v1/apis/spent/versions/v1', { method: 'DELETE', headers: auth(key) });
    expect(del.status).toBe(204);
    expect(del.headers.get('ratelimit')).toMatch(/^"control";r=1195;t=\d+$/);
    expect((await call('/mock/spent/v2/pets/1')).status).toBe(429); // the mock quota is still spent
  });

  it('refuses control-plane calls over their own limit, without touching the mock quota', async () => {
    await awayFromMinuteBoundary();
    const { key, id } = await adminKey({ perMinute: 1000, perMonth: 1000 });
    const quota = env.QUOTA.get(env.QUOTA.idFromName(id));
    const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    const now = Date.now();
    for (let i = 0; i < 1199; i++) await quota.authorize(hash, now, true);
    const last = await call('/v1/apis', { headers: auth(key) });
    expect(last.status).toBe(200);
    expect(last.headers.get('ratelimit')).toMatch(/^"control";r=0;t=\d+$/);
    const refused = await call('/v1/apis', { headers: auth(key) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as ProblemJson & { limit: string }).limit).toBe('control');
    expect((await quota.usage(Date.now()))!.decision.minute.used).toBe(0);
  });

  it('amortizes the mock quota with a lease, and usage stays exact', async () => {
    const { key, id } = await adminKey({ perMinute: 100_000, perMonth: 1_000_000 });
    await publish(key, 'leased', 'v1', petstore);
    for (let i = 0; i < 3; i++) expect((await call('/mock/leased/v1/pets/1')).status).toBe(200);
    const quota = env.QUOTA.get(env.QUOTA.idFromName(id));
    // The object counted one lease for the three calls: they made one round trip.
    expect((await quota.usage(Date.now()))!.decision.month.used).toBe(BASE_LEASE);
    const usage = (await (await call('/v1/usage', { headers: auth(key) })).json()) as {
      month: { used: number };
    };
    expect(usage.month.used).toBe(3);
  });

  it('revokes a key at once: 401 on the control plane, and its mocks stop', async () => {
    const { key, id } = await adminKey({ perMinute: 1000, perMonth: 1000 });
    await publish(key, 'to-revoke', 'v1', petstore);
    expect((await call('/mock/to-revoke/v1/pets')).status).toBe(200);
    const other = await adminKey({ perMinute: 1000, perMonth: 1000 });
    expect((await call(`/v1/keys/${id}`, { method: 'DELETE', headers: auth(other.key) })).status).toBe(403);
    expect((await call(`/v1/keys/${id}`, { method: 'DELETE', headers: auth(key) })).status).toBe(204);
    const after = await call('/v1/apis', { headers: auth(key) });
    expect(after.status).toBe(401);
    expect(((await after.json()) as ProblemJson).detail).toContain('revoked');
    expect((await call('/mock/to-revoke/v1/pets')).status).toBe(403);
  });

  it('counts open signups per client address, with RateLimit headers', async () => {
    const res = await call('/v1/keys', { method: 'POST', headers: { 'cf-connecting-ip': '203.0.113.9' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('ratelimit-policy')).toBe('"minute";q=1000;w=60, "month";q=100000;w=2592000');
    const bucket = env.QUOTA.get(env.QUOTA.idFromName('signup:198.51.100.7'));
    const limits = { perMinute: 2, perMonth: 10 };
    const t = Date.UTC(2031, 2, 3, 4, 5, 0);
    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push((await bucket.consumeBucket(t + i, limits)).allowed);
    expect(allowed).toEqual([true, true, false]);
  });

  it('stores only the SHA-256 of a key, never the key', async () => {
    const { key, id } = await adminKey({ perMinute: 10, perMonth: 10 });
    const stored = await runInDurableObject(
      env.QUOTA.get(env.QUOTA.idFromName(id)),
      async (_instance, state) => [...state.storage.kv.list()],
    );
    const dump = JSON.stringify(stored);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.split('_')[2]);
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(dump).toContain(digest);
  });

  it('lets only the admin change limits, and validates them', async () => {
    const { key, id } = await adminKey({ perMinute: 10, perMonth: 10 });
    expect(
      (
        await call(`/v1/keys/${id}`, {
          method: 'PATCH',
          headers: auth(key),
          body: JSON.stringify({ limits: { perMinute: 99 } }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(`/v1/keys/${id}`, {
          method: 'PATCH',
          headers: ADMIN,
          body: JSON.stringify({ limits: { perMinute: -5 } }),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await call(`/v1/keys/${id}`, {
          method: 'PATCH',
          headers: ADMIN,
          body: '{"limits":{"perMonth":"lots"}}',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await call('/v1/keys/0123456789abcdef0123', {
          method: 'PATCH',
          headers: ADMIN,
          body: '{"limits":{"perMonth":5}}',
        })
      ).status,
    ).toBe(404);
    const res = await call(`/v1/keys/${id}`, {
      method: 'PATCH',
      headers: ADMIN,
      body: JSON.stringify({ limits: { perMonth: 500 } }),
    });
    expect(await res.json()).toEqual({ id, limits: { perMinute: 10, perMonth: 500 }, revoked: false });
  });
});
