import { beforeAll, describe, expect, it } from 'vitest';
import petstore from '../../spec-examples/petstore.oas3.yaml?raw';
import { auth, call, newKey, publish, type ProblemJson } from './helpers';
import { putBehaviour, roomyKey, SECURED_SPEC, waitForCalls } from './steer-helpers';

let key: string;
beforeAll(async () => {
  key = await roomyKey();
  for (const api of ['steady', 'slow', 'flaky', 'forced']) {
    const res = await publish(key, api, 'v1', petstore);
    if (res.status !== 201) throw new Error(`${api}: ${res.status} ${await res.text()}`);
  }
  expect((await publish(key, 'bare', 'v1', SECURED_SPEC, 'application/json')).status).toBe(201);
});

describe('settings', () => {
  it('are {} until set, then read back exactly', async () => {
    const empty = await call('/v1/apis/steady/behaviour', { headers: auth(key) });
    expect(await empty.json()).toEqual({});
    const settings = { latency: { minMs: 0, maxMs: 0 }, seed: 's' };
    const put = await putBehaviour(key, 'steady', settings);
    expect(put.status).toBe(200);
    const got = await call('/v1/apis/steady/behaviour', { headers: auth(key) });
    expect(await got.json()).toEqual(settings);
  });

  it('refuses invalid settings with 422 and pointers, and caps latency at 30 s', async () => {
    const res = await putBehaviour(key, 'steady', {
      latency: { minMs: 0, maxMs: 30_001 },
      errors: { rate: 2 },
      operations: { 'GET /pets/{petId}': { status: 700 } },
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as ProblemJson;
    expect(problem.type).toBe('https://specmock.dev/problems/invalid-behaviour');
    expect(problem.errors!.map((e) => e.pointer).sort()).toEqual(
      ['/errors/rate', '/latency/maxMs', '/operations/GET ~1pets~1{petId}/status'].sort(),
    );
  });

  it('belong to the owner only', async () => {
    const stranger = await newKey();
    expect((await putBehaviour(stranger, 'steady', {})).status).toBe(404);
    expect((await call('/v1/apis/steady/behaviour', { headers: auth(stranger) })).status).toBe(404);
  });

  it('leave unsteered responses without the steered header', async () => {
    const res = await call('/mock/steady/v1/pets/1');
    expect(res.status).toBe(200);
    expect(res.headers.has('x-specmock-steered')).toBe(false);
  });
});

describe('latency', () => {
  it('delays each call by an amount within the bounds, and says so', async () => {
    expect((await putBehaviour(key, 'slow', { latency: { minMs: 40, maxMs: 90 } })).status).toBe(200);
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      const res = await call(`/mock/slow/v1/pets/${i}`);
      const elapsed = Date.now() - started;
      expect(res.status).toBe(200);
      const m = /^latency=(\d+)ms$/.exec(res.headers.get('x-specmock-steered') ?? '');
      expect(m).not.toBeNull();
      const ms = Number(m![1]);
      expect(ms).toBeGreaterThanOrEqual(40);
      expect(ms).toBeLessThanOrEqual(90);
      expect(elapsed).toBeGreaterThanOrEqual(ms - 2);
    }
  });
});

describe('errors', () => {
  async function statuses(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let batch = 0; batch < n; batch += 50) {
      const res = await Promise.all(
        Array.from({ length: 50 }, (_, i) => call(`/mock/flaky/v1/pets/${batch + i}`)),
      );
      for (const r of res) {
        out.push(r.status);
        await r.arrayBuffer();
      }
    }
    return out;
  }

  it('fail a share of 1,000 calls within the expected interval, identically across two runs', async () => {
    expect(
      (await putBehaviour(key, 'flaky', { errors: { rate: 0.3, status: 503 }, seed: 'ci-1' })).status,
    ).toBe(200);
    const first = await statuses(1000);
    const failures = first.filter((s) => s === 503).length;
    // Binomial(1000, 0.3): mean 300, sd 14.5; ±4 sd.
    expect(failures).toBeGreaterThan(242);
    expect(failures).toBeLessThan(358);
    expect(first.filter((s) => s !== 503 && s !== 200)).toEqual([]);
    expect(await statuses(1000)).toEqual(first);
    expect(
      (await putBehaviour(key, 'flaky', { errors: { rate: 0.3, status: 503 }, seed: 'ci-2' })).status,
    ).toBe(200);
    const reseeded = await statuses(1000);
    expect(reseeded).not.toEqual(first);
  });

  it('serve the spec’s own response for the status when it has one (here its default)', async () => {
    expect((await putBehaviour(key, 'flaky', { errors: { rate: 1, status: 503 } })).status).toBe(200);
    const res = await call('/mock/flaky/v1/pets');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-specmock-steered')).toBe('error=503');
    const body = (await res.json()) as { code: unknown; message: unknown };
    expect(typeof body.code).toBe('number');
    expect(typeof body.message).toBe('string');
  });

  it('serve a problem with the status when the spec has no response for it', async () => {
    expect((await putBehaviour(key, 'bare', { errors: { rate: 1, status: 502 } })).status).toBe(200);
    const res = await call('/mock/bare/v1/open');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-specmock-steered')).toBe('error=502');
    expect(((await res.json()) as ProblemJson).type).toBe('https://specmock.dev/problems/injected-error');
  });

  it('keep the mock’s own refusals and yield to the request’s Prefer', async () => {
    const unauthenticated = await call('/mock/bare/v1/things/1');
    expect(unauthenticated.status).toBe(401);
    const own = await call('/mock/flaky/v1/pets/1', { headers: { prefer: 'code=404' } });
    expect(own.status).toBe(404);
    expect(own.headers.has('x-specmock-steered')).toBe(false);
    const query = await call('/mock/flaky/v1/pets/1?__code=200');
    expect(query.status).toBe(200);
  });
});

describe('per operation', () => {
  it('force a status or an example on one operation only, and the log says so', async () => {
    const put = await putBehaviour(key, 'forced', {
      operations: {
        'GET /pets/{petId}': { status: 404 },
        'GET /pets/mine': { example: 'tom' },
        'GET /pets': { latency: { minMs: 5, maxMs: 5 } },
      },
    });
    expect(put.status).toBe(200);
    const missing = await call('/mock/forced/v1/pets/9');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 404, message: 'Pet not found' });
    expect(missing.headers.get('x-specmock-steered')).toBe('status=404');
    const mine = await call('/mock/forced/v1/pets/mine');
    expect(await mine.json()).toEqual({ id: 2, name: 'Tom', tag: 'cat' });
    const list = await call('/mock/forced/v1/pets');
    expect(list.status).toBe(200);
    expect(list.headers.get('x-specmock-steered')).toBe('latency=5ms');
    const deleted = await call('/mock/forced/v1/pets/9', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.has('x-specmock-steered')).toBe(false);
    const logged = await waitForCalls(key, 'forced', 4);
    expect(logged.map((c) => c.steered ?? null)).toEqual([
      null,
      'latency=5ms',
      'example="tom"',
      'status=404',
    ]);
  });
});
