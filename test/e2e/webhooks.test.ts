// Issue 21 on `npm run dev` (workerd, local Durable Objects) with a receiver on loopback: callbacks
// fire by themselves, signed; a failing receiver gets the retries; `public` refuses loopback; a
// subscription fires on a sandbox write with the written values. Bodies are checked with Ajv over the
// description as written and signatures with node:crypto, never with the Worker's own code.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAjv } from '../support/ajv-helper';
import { startDevServer, type DevServer } from '../support/dev-server';
import { until } from '../support/until';
import { signedBy, startHookReceiver, type HookReceiver } from '../support/hook-receiver';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SPEC = readFileSync(join(ROOT, 'test/fixtures/webhooks/pets-hooks.yaml'), 'utf8');
const isPet = makeAjv().compile(
  (parse(SPEC) as { components: { schemas: { Pet: object } } }).components.schemas.Pet,
);
const API = 'e2e-hooks';
// What the service answers, read loosely: the assertions say what must be in it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const work = mkdtempSync(join(tmpdir(), 'specmock-hooks-e2e-'));
let server: DevServer;
let hosted: DevServer;
let receiver: HookReceiver;
let key = '';

async function call(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : ({} as Json) };
}

async function publish(base: string): Promise<void> {
  key = (await call(base, 'POST', '/v1/keys')).json.key as string;
  const res = await fetch(`${base}/v1/apis/${API}/versions/v1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
    body: SPEC,
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  receiver = await startHookReceiver();
  server = await startDevServer(join(work, 'state'), ['--var', 'WEBHOOK_RETRY_DELAYS_MS:300,300,300']);
  await publish(server.url);
});

afterAll(async () => {
  await server?.stop();
  await hosted?.stop();
  await receiver?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('callbacks', () => {
  it('arrive within a second of the triggering call, valid and signed with the API’s secret', async () => {
    const secret = (await call(server.url, 'GET', `/v1/apis/${API}`)).json.webhookSecret as string;
    const before = receiver.received.length;
    const started = Date.now();
    const created = await fetch(`${server.url}/mock/${API}/v1/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Rex', callbackUrl: `${receiver.url}/added` }),
    });
    expect(created.status).toBe(201);
    const pet = (await created.json()) as { id: number };
    await until(
      () => receiver.received.length,
      (n) => n > before,
      5_000,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    const got = receiver.received[before];
    expect(got.path).toBe('/added');
    expect(got.headers['specmock-webhook']).toBe('createPet.petAdded');
    expect(signedBy(got, secret)).toBe(true);
    const body = JSON.parse(got.body) as { id: number; name: string };
    expect(isPet(body), JSON.stringify(isPet.errors)).toBe(true);
    // The request's and the answer's values where the callback body has the same members.
    expect(body).toMatchObject({ id: pet.id, name: 'Rex' });
    const listed = await call(server.url, 'GET', `/v1/apis/${API}/deliveries?webhook=createPet.petAdded`);
    expect(listed.json.deliveries[0]).toMatchObject({
      kind: 'callback',
      status: 'delivered',
      on: 'POST /pets',
    });
    expect(listed.json.deliveries[0].response).toMatchObject({
      status: 200,
      headers: { 'x-receiver': 'hook-receiver' },
    });
    expect(JSON.stringify(listed.json.deliveries[0])).not.toContain('receiver-secret');
  });

  it('a callback whose URL expression has no value is recorded as refused, with why', async () => {
    const created = await fetch(`${server.url}/mock/${API}/v1/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'NoHook' }),
    });
    expect(created.status).toBe(201);
    const refused = await until(
      async () =>
        (await call(server.url, 'GET', `/v1/apis/${API}/deliveries?status=refused`)).json
          .deliveries as Json[],
      (list) => list.length > 0,
    );
    expect(refused[0].attempts[0].error).toMatch(/callbackUrl is missing/);
  });
});

describe('webhooks on demand', () => {
  it('a 500 receiver gets the retries, each recorded, until it answers 2xx', async () => {
    receiver.answer(500, 503);
    const sent = await call(server.url, 'POST', `/v1/apis/${API}/webhooks/newPet/deliveries`, {
      url: `${receiver.url}/flaky`,
    });
    expect(sent.status).toBe(202);
    const done = await until(
      async () => (await call(server.url, 'GET', `/v1/apis/${API}/deliveries/${sent.json.id}`)).json,
      (d) => d.status === 'delivered' || d.status === 'failed',
    );
    expect(done.status).toBe('delivered');
    expect(done.attempts.map((a: { status: number }) => a.status)).toEqual([500, 503, 200]);
  });

  it('a payload that violates the schema is refused with every violation', async () => {
    const sent = await call(server.url, 'POST', `/v1/apis/${API}/webhooks/newPet/deliveries`, {
      url: receiver.url,
      payload: { id: 'seven' },
    });
    expect(sent.status).toBe(400);
    expect(sent.json.type).toMatch(/invalid-payload$/);
    expect(sent.json.errors.length).toBeGreaterThan(0);
  });
});

describe('subscriptions', () => {
  it('fire on a sandbox write with the written values', async () => {
    const put = await call(server.url, 'PUT', `/v1/apis/${API}/webhook-subscriptions`, {
      subscriptions: [{ webhook: 'newPet', url: `${receiver.url}/subscribed`, on: 'POST /pets' }],
    });
    expect(put.status).toBe(200);
    const sandbox = await call(server.url, 'POST', '/v1/sandboxes', { api: API, version: 'v1' });
    expect(sandbox.status).toBe(201);
    const before = receiver.received.length;
    const created = await fetch(`${sandbox.json.sandboxUrl}/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Stored', tag: 'sandboxed' }),
    });
    expect(created.status).toBe(201);
    const stored = (await created.json()) as { id: number };
    const got = await until(
      () => receiver.received.slice(before).find((r) => r.path === '/subscribed'),
      (r) => r !== undefined,
    );
    const body = JSON.parse(got!.body) as object;
    expect(isPet(body), JSON.stringify(isPet.errors)).toBe(true);
    expect(body).toMatchObject({ id: stored.id, name: 'Stored', tag: 'sandboxed' });
  });
});

describe('WEBHOOK_TARGETS=public (the hosted default)', () => {
  it('refuses loopback targets on the API and records a refused callback', async () => {
    hosted = await startDevServer(join(work, 'hosted'), ['--var', 'WEBHOOK_TARGETS:public']);
    await publish(hosted.url);
    const sent = await call(hosted.url, 'POST', `/v1/apis/${API}/webhooks/newPet/deliveries`, {
      url: `${receiver.url}/x`,
    });
    expect(sent.status).toBe(400);
    expect(sent.json.type).toMatch(/invalid-webhook-target$/);
    const before = receiver.received.length;
    await fetch(`${hosted.url}/mock/${API}/v1/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Rex', callbackUrl: 'http://169.254.169.254/latest/meta-data' }),
    });
    const refused = await until(
      async () => (await call(hosted.url, 'GET', `/v1/apis/${API}/deliveries`)).json.deliveries as Json[],
      (list) => list.length > 0,
    );
    expect(refused[0].status).toBe('refused');
    expect(refused[0].attempts[0].error).toMatch(/link-local/);
    expect(receiver.received.length).toBe(before);
  });
});
