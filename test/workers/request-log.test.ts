import { env as testEnv, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Env } from '../../worker/env';
import type { LoggedCall } from '../../worker/request-log/record';
import { MAX_LOGGED_CALLS, RequestLog } from '../../worker/request-log/request-log';
import { LogBatchBuilder, SHARED_BODY } from '../../worker/request-log/log-rows';
import { SharedHeaders } from '../../worker/request-log/shared-headers';
import { amendCall, logCall, noteCall } from '../../worker/request-log/log-call';
import petstore from '../../spec-examples/petstore.oas3.yaml?raw';
import { auth, call, newKey, publish } from './helpers';
import { requests, SECURED_SPEC, waitForCalls } from './steer-helpers';

const env = testEnv as unknown as Env;
const logOf = (api: string) => env.REQUEST_LOG.get(env.REQUEST_LOG.idFromName(api));

let key: string;
beforeAll(async () => {
  key = await newKey();
  for (const api of ['secured', 'paging', 'doomed']) {
    const res = await publish(key, api, 'v1', SECURED_SPEC, 'application/json');
    if (res.status !== 201) throw new Error(`${api}: ${res.status} ${await res.text()}`);
  }
  expect(
    (await publish(key, 'paging', 'v2', SECURED_SPEC.replace('"Secured"', '"Two"'), 'application/json'))
      .status,
  ).toBe(201);
});

describe('redaction', () => {
  it('never stores a secret sent in any credential place', async () => {
    const secret = (place: string) => `SECRET-${place}-7f3a`;
    const get = await call(
      `/mock/secured/v1/things/1?api_key=${secret('query')}&access_token=${secret('oauth-query')}&__token=${secret('token-query')}&plain=visible`,
      {
        headers: {
          authorization: `Bearer ${secret('authorization')}`,
          'proxy-authorization': `Basic ${secret('proxy')}`,
          'x-api-key': secret('header'),
          'x-specmock-token': secret('token-header'),
          cookie: `session=${secret('cookie')}; theme=${secret('other-cookie')}`,
          accept: 'application/json',
        },
      },
    );
    expect(get.status).toBe(200);
    const [logged] = await waitForCalls(key, 'secured', 1);
    expect(logged.request.headers['x-api-key']).toBe('[redacted]');
    expect(logged.request.headers.cookie).toBe('session=[redacted]; theme=[redacted]');
    expect(logged.request.headers.accept).toBe('application/json');
    expect(new URLSearchParams(logged.query).get('plain')).toBe('visible');
    expect(new URLSearchParams(logged.query).has('__token')).toBe(false);
    const stored = (await logOf('secured').dump()).join('\n');
    expect(stored).toContain('visible');
    expect(stored).not.toContain('SECRET');
  });

  it('logs the request and response bodies, capped at 16 KiB and marked truncated', async () => {
    const pad = 'x'.repeat(20 * 1024);
    const res = await call('/mock/secured/v1/things/2', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 2, pad }),
    });
    expect(res.status).toBe(200);
    const logged = (await waitForCalls(key, 'secured', 2))[0];
    expect(logged.method).toBe('PUT');
    expect(logged.request.truncated).toBe(true);
    expect(new TextEncoder().encode(logged.request.body!).byteLength).toBeLessThanOrEqual(16 * 1024);
    expect(logged.request.body!.startsWith('{"id":2,"pad":"xxx')).toBe(true);
    expect(logged.response.truncated).toBeUndefined();
    expect(JSON.parse(logged.response.body!)).toEqual(await res.json());
    expect(logged.operation).toBe('putThing');
  });

  it('stores each call of a batch with its whole response body when the batch sends a large body once', async () => {
    const text = 'a "quoted", escaped \\ and ünïcode line\n'.repeat(100);
    const spec = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Big', version: '1' },
      paths: {
        '/notes/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: { type: 'object', properties: { text: { type: 'string' } } },
                    example: { text },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect((await publish(key, 'big-bodies', 'v1', spec, 'application/json')).status).toBe(201);
    // Together, so they share one batch: the same body twice, another once.
    const answers = await Promise.all(
      ['/notes/1', '/notes/1', '/notes/2', '/notes/1?x=1'].map(async (path) => {
        const res = await call(`/mock/big-bodies/v1${path}`, { headers: { 'x-call': path } });
        expect(res.status).toBe(200);
        return res.text();
      }),
    );
    expect(answers[0].length).toBeGreaterThan(1024);
    const logged = await waitForCalls(key, 'big-bodies', 4);
    for (const entry of logged) {
      expect(entry.response.body).toBe(answers[0]);
      expect(entry.response.truncated).toBeUndefined();
    }
    expect(logged.map((e) => e.path).sort()).toEqual(['/notes/1', '/notes/1', '/notes/1', '/notes/2']);
    // Stored once: the four calls answered the same bytes.
    expect(await logOf('big-bodies').sharedBodies()).toBe(1);
  });

  it('logs each repeat of a kept answer with the RateLimit headers that call was sent', async () => {
    expect((await publish(key, 'kept', 'v1', petstore)).status).toBe(201);
    const sent: Response[] = [];
    for (let i = 0; i < 3; i++)
      sent.push(await call('/mock/kept/v1/pets/7', { headers: { 'x-trace': `t${i}` } }));
    const bodies = await Promise.all(sent.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    const remaining = sent.map((r) => Number(/"minute";r=(\d+)/.exec(r.headers.get('ratelimit') ?? '')?.[1]));
    expect(remaining[1]).toBe(remaining[0] - 1);
    expect(remaining[2]).toBe(remaining[1] - 1);
    for (const r of sent) {
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('ratelimit-policy')).toMatch(/^"minute";q=\d+;w=60, "month";q=\d+;w=2592000$/);
    }
    const logged = (await waitForCalls(key, 'kept', 3)).reverse();
    expect(logged.map((c) => c.request.headers['x-trace'])).toEqual(['t0', 't1', 't2']);
    logged.forEach((c, i) => {
      expect(c.response.headers.ratelimit).toBe(sent[i].headers.get('ratelimit'));
      expect(c.response.headers['x-specmock-operation']).toBe('showPetById');
      expect(c.response.headers['access-control-allow-origin']).toBe('*');
      expect(c.response.body).toBe(bodies[0]);
    });
  });

  it('keeps the validation problems of a refused call', async () => {
    const res = await call('/mock/secured/v1/things/3', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'not a number' }),
    });
    expect(res.status).toBe(422);
    const logged = (await waitForCalls(key, 'secured', 3))[0];
    expect(logged.status).toBe(422);
    expect(logged.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged.problems)).toContain('id');
  });
});

describe('ordering, paging and filters', () => {
  it('lists newest first and pages back with before=', async () => {
    for (let i = 1; i <= 7; i++)
      expect((await call(`/mock/paging/v1/things/${i}`, { headers: { 'x-api-key': 'k' } })).status).toBe(200);
    await waitForCalls(key, 'paging', 7);
    const first = await requests(key, 'paging', '?limit=3');
    expect(first.map((r) => r.path)).toEqual(['/things/7', '/things/6', '/things/5']);
    const second = await requests(key, 'paging', `?limit=3&before=${first[2].id}`);
    expect(second.map((r) => r.path)).toEqual(['/things/4', '/things/3', '/things/2']);
    const third = await requests(key, 'paging', `?limit=3&before=${second[2].id}`);
    expect(third.map((r) => r.path)).toEqual(['/things/1']);
    const newer = await requests(key, 'paging', `?after=${second[0].id}`);
    expect(newer.map((r) => r.path)).toEqual(['/things/7', '/things/6', '/things/5']);
    const times = first.map((r) => Date.parse(r.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by version and status (exact or class)', async () => {
    expect((await call('/mock/paging/v2/things/1', { headers: { 'x-api-key': 'k' } })).status).toBe(200);
    expect((await call('/mock/paging/v2/things/1')).status).toBe(401);
    expect((await call('/mock/paging/v2/nowhere')).status).toBe(404);
    await waitForCalls(key, 'paging', 3, '?version=v2');
    expect((await requests(key, 'paging', '?version=v2&status=200')).map((r) => r.status)).toEqual([200]);
    expect((await requests(key, 'paging', '?version=v2&status=4xx')).map((r) => r.status)).toEqual([
      404, 401,
    ]);
    expect((await requests(key, 'paging', '?version=v1&status=4xx')).length).toBe(0);
    const bad = await call('/v1/apis/paging/requests?limit=0', { headers: auth(key) });
    expect(bad.status).toBe(400);
  });

  it('is the owner’s only', async () => {
    const stranger = await newKey();
    const res = await call('/v1/apis/paging/requests', { headers: auth(stranger) });
    expect(res.status).toBe(404);
  });
});

function record(i: number, at = new Date().toISOString(), sandbox?: string): LoggedCall {
  return {
    at,
    version: 'v1',
    ...(sandbox ? { sandbox } : {}),
    method: 'GET',
    path: `/r/${i}`,
    query: '',
    status: 200,
    durationMs: 1,
    operation: null,
    problems: [],
    request: { headers: {}, body: null },
    response: { headers: {}, body: null },
  };
}

describe('retention', () => {
  it('keeps the last 1,000 calls of an API', async () => {
    const log = logOf('retention-count');
    for (let i = 0; i < MAX_LOGGED_CALLS + 25; i++) await log.append(record(i));
    expect(await log.count()).toBe(MAX_LOGGED_CALLS);
    const page = await log.list({ limit: 200, before: 27 });
    expect(page.map((r) => r.path)).toEqual(['/r/25']);
  });

  it('stores a whole batch in one call, as the Worker sends it', async () => {
    const log = logOf('retention-batch');
    const batch = new LogBatchBuilder();
    for (let i = 0; i < 100; i++)
      batch.add({ ...record(i), response: { headers: {}, body: `"${'b'.repeat(i % 2 ? 600 : 10)}"` } });
    await log.appendRows(batch.wire);
    expect(await log.count()).toBe(100);
    expect(await log.sharedBodies()).toBe(1);
    const listed = await log.list({ limit: 200 });
    expect(listed.length).toBe(100);
    for (const c of listed) {
      const i = Number(c.path.slice(3));
      expect(c.response.body).toBe(`"${'b'.repeat(i % 2 ? 600 : 10)}"`);
    }
  });

  it('stores headers a batch shares once and lists each call with the headers it was sent', async () => {
    const log = logOf('retention-shared-headers');
    const client = { accept: 'application/json', 'user-agent': 'sdk/2.1 (distinctive)' };
    const kept = { 'content-type': 'application/json', 'x-specmock-operation': 'getThing' };
    const shared = new SharedHeaders(client);
    const batch = new LogBatchBuilder();
    for (let i = 0; i < 3; i++)
      batch.add({
        ...record(i),
        request: { headers: shared, body: null },
        response: { headers: new SharedHeaders(kept, { ratelimit: `r=${9 - i}` }), body: '{}' },
      });
    await log.appendRows(batch.wire);
    const stored = (await log.dump()).join('\n');
    expect(stored.split('sdk/2.1 (distinctive)').length - 1).toBe(1);
    const listed = await log.list({});
    expect(listed.map((c) => [c.path, c.request.headers, c.response.headers])).toEqual(
      [2, 1, 0].map((i) => [`/r/${i}`, client, { ...kept, ratelimit: `r=${9 - i}` }]),
    );
  });

  it('drops a shared body once no kept call names it', async () => {
    const log = logOf('retention-bodies');
    const shared = (i: number) => {
      const batch = new LogBatchBuilder();
      batch.add({ ...record(i), response: { headers: {}, body: `{"text":"${'y'.repeat(600 + i)}"}` } });
      return batch.wire;
    };
    await log.appendRows(shared(0));
    await log.appendRows(shared(1));
    expect(await log.sharedBodies()).toBe(2);
    const listed = await log.list({ limit: 2 });
    expect(listed.map((c) => c.response.body?.length)).toEqual([612, 611]);
    for (let i = 0; i < MAX_LOGGED_CALLS - 1; i++) await log.append(record(i));
    // The first call is past the cap, the second still kept.
    expect(await log.sharedBodies()).toBe(1);
    await log.append(record(0));
    expect(await log.sharedBodies()).toBe(0);
  });

  it('moves a log stored a row per call (before bodies were shared) into batches, ids kept', async () => {
    const stub = logOf('retention-old-schema');
    await runInDurableObject(stub, async (_instance, state) => {
      const sql = state.storage.sql;
      sql.exec('DROP TABLE IF EXISTS batches');
      sql.exec('DROP TABLE IF EXISTS bodies');
      sql.exec(`CREATE TABLE calls (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
        version TEXT NOT NULL, status INTEGER NOT NULL, sandbox TEXT, record TEXT NOT NULL)`);
      // Ids 1, 2 and 5: the gap is where retention dropped calls in the middle.
      for (const seq of [1, 2, 5])
        sql.exec(
          'INSERT INTO calls (seq, at, version, status, sandbox, record) VALUES (?, ?, ?, ?, ?, ?)',
          seq,
          Date.now() - 10 + seq,
          seq === 2 ? 'v2' : 'v1',
          200,
          null,
          JSON.stringify(record(seq)),
        );
      const log = new RequestLog(state, env);
      expect((await log.list({})).map((c) => [c.id, c.path])).toEqual([
        ['5', '/r/5'],
        ['2', '/r/2'],
        ['1', '/r/1'],
      ]);
      expect((await log.list({ version: 'v2' })).map((c) => c.id)).toEqual(['2']);
      const big = { ...record(8), response: { headers: {}, body: `"${'z'.repeat(700)}"` } };
      const batch = new LogBatchBuilder();
      batch.add(big);
      expect(await log.appendRows(batch.wire)).toBe('6');
      const listed = await log.list({ after: 2 });
      expect(listed.map((c) => [c.id, c.path])).toEqual([
        ['6', '/r/8'],
        ['5', '/r/5'],
      ]);
      expect(listed[0].response.body).toBe(`"${'z'.repeat(700)}"`);
      expect(sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'calls'").toArray()).toEqual([]);
    });
  });

  it('moves shared bodies of a log stored a row per call, and continues an emptied log’s ids', async () => {
    const stub = logOf('retention-old-bodies');
    await runInDurableObject(stub, async (_instance, state) => {
      const sql = state.storage.sql;
      sql.exec('DROP TABLE IF EXISTS batches');
      sql.exec(`CREATE TABLE calls (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
        version TEXT NOT NULL, status INTEGER NOT NULL, sandbox TEXT, record TEXT NOT NULL, body TEXT)`);
      const body = JSON.stringify(`"${'q'.repeat(600)}"`);
      sql.exec('INSERT INTO bodies (hash, json) VALUES (?, ?)', 'h1', body);
      const shared = { ...record(3), response: { headers: {}, body: SHARED_BODY } };
      sql.exec(
        'INSERT INTO calls (seq, at, version, status, sandbox, record, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
        3,
        Date.now(),
        'v1',
        200,
        'sbx_9',
        JSON.stringify(shared),
        'h1',
      );
      const log = new RequestLog(state, env);
      const [only] = await log.list({ sandbox: 'sbx_9' });
      expect([only.id, only.response.body]).toEqual(['3', `"${'q'.repeat(600)}"`]);
    });
    const emptied = logOf('retention-old-emptied');
    await runInDurableObject(emptied, async (_instance, state) => {
      const sql = state.storage.sql;
      sql.exec('DROP TABLE IF EXISTS batches');
      sql.exec(`CREATE TABLE calls (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
        version TEXT NOT NULL, status INTEGER NOT NULL, sandbox TEXT, record TEXT NOT NULL)`);
      sql.exec(
        'INSERT INTO calls (at, version, status, record) VALUES (?, ?, ?, ?)',
        Date.now(),
        'v1',
        200,
        JSON.stringify(record(0)),
      );
      sql.exec('DELETE FROM calls');
      const log = new RequestLog(state, env);
      expect(await log.list({})).toEqual([]);
      expect(await log.append(record(1))).toBe('2');
    });
  });

  it('stores a write larger than a row in several, and cuts a batch at the 1,000 newest calls', async () => {
    const log = logOf('retention-split');
    const batch = new LogBatchBuilder();
    // 60 records of about 20,000 characters: over a megabyte, more than one row holds.
    for (let i = 0; i < 60; i++)
      batch.add({ ...record(i), request: { headers: {}, body: `${i}:${'r'.repeat(20_000)}` } });
    expect(await log.appendRows(batch.wire)).toBe('60');
    const listed = await log.list({ limit: 200 });
    expect(listed.map((c) => c.path)).toEqual(Array.from({ length: 60 }, (_, i) => `/r/${59 - i}`));
    listed.forEach((c) => expect(c.request.body).toBe(`${c.path.slice(3)}:${'r'.repeat(20_000)}`));
    const more = new LogBatchBuilder();
    for (let i = 60; i < MAX_LOGGED_CALLS + 10; i++) more.add(record(i));
    await log.appendRows(more.wire);
    expect(await log.count()).toBe(MAX_LOGGED_CALLS);
    const oldest = await log.list({ limit: 2, before: 12 });
    expect(oldest.map((c) => [c.id, c.path])).toEqual([['11', '/r/10']]);
  });

  it('lists repeated calls each as it came, in one row or split over several', async () => {
    const log = logOf('retention-repeats');
    const client = new SharedHeaders({ accept: 'application/json' });
    const kept = { 'content-type': 'application/json' };
    const batch = new LogBatchBuilder();
    const base = Date.now();
    const sent: { path: string; at: string; durationMs: number; ratelimit: string; body: string | null }[] =
      [];
    // Calls of one repeated request between calls of 20,000 characters each: a write over one row.
    for (let i = 0; i < 60; i++) {
      const big = i % 2 === 0;
      const at = new Date(base + i).toISOString();
      const ratelimit = `remaining=${60 - i}`;
      const body = big ? `${i}:${'r'.repeat(20_000)}` : null;
      sent.push({ path: big ? `/r/${i}` : '/same', at, durationMs: i, ratelimit, body });
      batch.add({
        ...record(i, at),
        path: big ? `/r/${i}` : '/same',
        durationMs: i,
        request: { headers: client, body },
        response: { headers: new SharedHeaders(kept, { ratelimit }), body: '{"id":1}' },
      });
    }
    expect(batch.wire.records.split('\n').filter((line) => line.startsWith('[')).length).toBe(29);
    expect(await log.appendRows(batch.wire)).toBe('60');
    const listed = (await log.list({ limit: 200 })).reverse();
    expect(
      listed.map((c) => ({
        path: c.path,
        at: c.at,
        durationMs: c.durationMs,
        ratelimit: c.response.headers.ratelimit,
        body: c.request.body,
      })),
    ).toEqual(sent);
    expect(listed.every((c) => c.response.body === '{"id":1}' && c.request.headers.accept)).toBe(true);
  });

  it('drops calls older than 7 days', async () => {
    const log = logOf('retention-age');
    await log.append(record(0, new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString()));
    await log.append(record(1, new Date(Date.now() - 6 * 24 * 3600 * 1000).toISOString()));
    expect((await log.list({})).map((r) => r.path)).toEqual(['/r/1']);
    expect(await log.count()).toBe(1);
  });

  it('marks and filters sandbox calls', async () => {
    const log = logOf('retention-sandbox');
    await log.append(record(0));
    await log.append(record(1, undefined, 'sbx_1'));
    expect((await log.list({ sandbox: 'sbx_1' })).map((r) => [r.path, r.sandbox])).toEqual([
      ['/r/1', 'sbx_1'],
    ]);
  });

  it('deletes the log with the API', async () => {
    expect((await call('/mock/doomed/v1/open')).status).toBe(200);
    await waitForCalls(key, 'doomed', 1);
    expect((await call('/v1/apis/doomed', { method: 'DELETE', headers: auth(key) })).status).toBe(204);
    expect(await logOf('doomed').count()).toBe(0);
    const heir = await newKey();
    expect((await publish(heir, 'doomed', 'v1', SECURED_SPEC, 'application/json')).status).toBe(201);
    expect(await requests(heir, 'doomed')).toEqual([]);
  });
});

describe('the log write', () => {
  it('writes the repeats of an answer built per call (a sandbox read) as repeats, each with its own RateLimit values', async () => {
    const api = 'per-call-answers';
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p) } as unknown as ExecutionContext;
    const answered = (i: number, extra: Record<string, string> = {}) => ({
      'content-type': 'application/json',
      'x-specmock-operation': 'showPetById',
      'access-control-allow-origin': '*',
      'ratelimit-policy': '"minute";q=600;w=60',
      ratelimit: `"minute";r=${9 - i};t=60`,
      ...extra,
    });
    // Three calls alike but for their RateLimit values, then one with another header of its own.
    const sent = [answered(0), answered(1), answered(2), answered(3, { etag: '"v2"' })];
    for (const headers of sent) {
      const request = Object.assign(
        new Request('https://specmock.test/sandbox/sb_1/pets/7', { headers: { accept: 'application/json' } }),
        { receivedAt: Date.now() },
      );
      noteCall(request, env, { api, version: 'v1', sandbox: 'sb_1', path: '/pets/7', query: [] });
      amendCall(request, {
        operation: 'showPetById',
        responseBody: '{"id":7}',
        requestHeaders: { accept: 'application/json' },
        responseHeaders: { ...headers },
      });
      await logCall(new Response('{"id":7}', { headers }), request, env, ctx);
    }
    await Promise.all(pending);
    const repeats = (await logOf(api).dump()).filter((line) => /^\[\d/.test(line));
    expect(repeats.length).toBe(2);
    const listed = (await logOf(api).list({})).reverse();
    expect(listed.map((c) => c.response.headers)).toEqual(sent);
    expect(listed.every((c) => c.response.body === '{"id":7}' && c.sandbox === 'sb_1')).toBe(true);
  });

  it('never fails or changes the mock response, even when storage throws', async () => {
    const broken = {
      LOG_MOCK_CALLS: 'on',
      REQUEST_LOG: {
        idFromName: () => {
          throw new Error('storage is down');
        },
      },
    } as unknown as Env;
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p) } as unknown as ExecutionContext;
    const request = Object.assign(new Request('https://specmock.test/mock/x/v1/a'), {
      receivedAt: Date.now(),
    });
    noteCall(request, broken, { api: 'broken-log', version: 'v1', path: '/a', query: [] });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const out = await logCall(new Response('{"a":1}', { status: 201 }), request, broken, ctx);
    expect(out!.status).toBe(201);
    expect(await out!.text()).toBe('{"a":1}');
    expect(pending.length).toBe(1);
    await expect(pending[0]).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith('request log write failed', expect.any(Error));
    errors.mockRestore();
  });
});
