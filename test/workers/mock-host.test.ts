import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import petstore from '../../spec-examples/petstore.oas3.yaml?raw';
import worker from '../../worker/index';
import { auth, call, newKey, publish, type ProblemJson } from './helpers';
import { requests, waitForCalls } from './steer-helpers';

/** wrangler.toml's dev default, which the workerd tests run with. */
const DOMAIN = 'mock.localhost';
const at = (label: string, path: string, init: RequestInit = {}) =>
  SELF.fetch(`https://${label}.${DOMAIN}${path}`, init);

/** An API whose own paths start with /v1/, as Stripe's do: on its host they must not reach the service. */
const STRIPEISH = `openapi: 3.0.3
info: {title: stripe-ish, version: '1'}
paths:
  /v1/customers:
    get:
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, required: [object], properties: {object: {type: string, enum: [list]}}}}}}}
  /v1/keys:
    post:
      responses: {'201': {description: ok, content: {application/json: {schema: {type: object, required: [mocked], properties: {mocked: {type: boolean, enum: [true]}}}}}}}
`;

let key: string;
let other: string;
beforeAll(async () => {
  key = await newKey();
  other = await newKey();
  expect((await publish(key, 'hostpets', '1.0.0', petstore)).status).toBe(201);
  expect((await publish(key, 'hostpets', 'V2.0_beta', petstore)).status).toBe(201);
  expect((await publish(key, 'stripeish', '2024-06-20', STRIPEISH)).status).toBe(201);
  expect((await publish(other, 'theirs', '1.0.0', petstore)).status).toBe(201);
});

describe('a host per mock under MOCK_DOMAIN', () => {
  it('answers publish and GET /v1/apis/{api} with the host URLs beside the path-form URLs', async () => {
    const res = await publish(key, 'hostpets', '1.0.0', petstore);
    const body = (await res.json()) as Record<string, string>;
    expect(body.mockUrl).toBe('https://specmock.test/mock/hostpets/1.0.0');
    expect(body.hostUrl).toBe(`https://hostpets--1-0-0.${DOMAIN}`);
    expect(body.latestHostUrl).toBe(`https://hostpets.${DOMAIN}`);
    const api = (await (await call('/v1/apis/hostpets', { headers: auth(key) })).json()) as {
      latestHostUrl: string;
      versions: { version: string; hostUrl: string }[];
    };
    expect(api.latestHostUrl).toBe(`https://hostpets.${DOMAIN}`);
    expect(api.versions.map((v) => [v.version, v.hostUrl])).toEqual([
      ['V2.0_beta', `https://hostpets--zv2-0z3beta.${DOMAIN}`],
      ['1.0.0', `https://hostpets--1-0-0.${DOMAIN}`],
    ]);
    const version = (await (
      await call('/v1/apis/hostpets/versions/1.0.0', { headers: auth(key) })
    ).json()) as {
      hostUrl: string;
    };
    expect(version.hostUrl).toBe(`https://hostpets--1-0-0.${DOMAIN}`);
  });

  it('serves exactly what the path form serves, at the root of the host, for latest and each version', async () => {
    for (const [label, version] of [
      ['hostpets', 'latest'],
      ['hostpets--1-0-0', '1.0.0'],
      ['hostpets--zv2-0z3beta', 'V2.0_beta'],
    ]) {
      const byHost = await at(label, '/pets/42?limit=2', { headers: { prefer: 'seed=s' } });
      const byPath = await call(`/mock/hostpets/${version}/pets/42?limit=2`, {
        headers: { prefer: 'seed=s' },
      });
      expect(byHost.status, label).toBe(200);
      expect(await byHost.text()).toBe(await byPath.text());
      expect(byHost.headers.get('x-specmock-operation')).toBe('showPetById');
      expect(byHost.headers.get('ratelimit')).toMatch(/"minute";r=\d+/);
    }
    // Host names are case-insensitive; the label is not.
    expect((await SELF.fetch(`https://HostPets.Mock.LocalHost/pets/1`)).status).toBe(200);
  });

  // The Graph client joins a next link that is not https to its base URL (`…/v1.0`).
  it('serves a next link an SDK joined to its base path as the link, only on its own host', async () => {
    const origin = `https://hostpets.${DOMAIN}`;
    const joined = await at('hostpets', `/v1/${origin}/pets/42?limit=2`, { headers: { prefer: 'seed=s' } });
    const direct = await at('hostpets', '/pets/42?limit=2', { headers: { prefer: 'seed=s' } });
    expect(joined.status).toBe(200);
    expect(await joined.text()).toBe(await direct.text());
    const elsewhere = await at('hostpets', `/v1/https://theirs.${DOMAIN}/pets/42`);
    expect(elsewhere.status).toBe(404);
  });

  it('gives every path to the mock, /v1/ and the dashboard root included', async () => {
    const listed = await at('stripeish', '/v1/customers');
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ object: 'list' });
    const posted = await at('stripeish---2024-06-20', '/v1/keys', { method: 'POST' });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toEqual({ mocked: true });
    const root = await at('stripeish', '/');
    expect(root.status).toBe(404);
    expect(((await root.json()) as ProblemJson).type).toBe('https://specmock.dev/problems/route-not-found');
    const healthz = await at('stripeish', '/healthz');
    expect(((await healthz.json()) as ProblemJson).type).toBe(
      'https://specmock.dev/problems/route-not-found',
    );
  });

  it('answers 404 for a host under the domain that names no mock, and never the service', async () => {
    for (const host of [
      'nosuchapi',
      'hostpets--9-9-9',
      'a.hostpets',
      'hostpets--latest',
      'hostpets--1z10z10',
    ]) {
      const res = await at(host, '/v1/usage', { headers: auth(key) });
      expect(res.status, host).toBe(404);
      const { type } = (await res.json()) as ProblemJson;
      expect(type, host).toMatch(/\/problems\/(api|version)-not-found$/);
    }
  });

  it('keeps private mocks private: the host form needs the mock token too', async () => {
    const made = await call('/v1/apis/theirs', {
      method: 'PATCH',
      headers: auth(other, { 'content-type': 'application/json' }),
      body: JSON.stringify({ visibility: 'private' }),
    });
    const { mockToken } = (await made.json()) as { mockToken: string };
    const refused = await at('theirs', '/pets/1', { headers: { origin: 'https://app.example' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(((await refused.json()) as ProblemJson).type).toBe(
      'https://specmock.dev/problems/mock-token-required',
    );
    expect((await at('theirs--1-0-0', '/pets/1')).status).toBe(401);
    expect((await at('theirs', '/pets/1', { headers: { 'x-specmock-token': mockToken } })).status).toBe(200);
    expect((await at('theirs', `/pets/1?__token=${mockToken}`)).status).toBe(200);
  });

  it('answers preflights and logs host-form calls like path-form ones', async () => {
    const pre = await at('hostpets', '/pets', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await at('hostpets--1-0-0', '/pets/7?limit=1')).status).toBe(200);
    let logged = await waitForCalls(key, 'hostpets', 1, '?version=1.0.0');
    for (let i = 0; i < 100 && !logged.some((c) => c.path === '/pets/7'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      logged = await requests(key, 'hostpets', '?version=1.0.0');
    }
    expect(logged.find((c) => c.path === '/pets/7')).toMatchObject({
      version: '1.0.0',
      method: 'GET',
      query: 'limit=1',
      status: 200,
      operation: 'showPetById',
    });
  });
});

describe('a sandbox at a host of its own', () => {
  it('is created with its host URL and serves the same state as its path form', async () => {
    const res = await call('/v1/sandboxes', {
      method: 'POST',
      headers: auth(key, { 'content-type': 'application/json' }),
      body: JSON.stringify({ api: 'hostpets', version: '1.0.0' }),
    });
    const sb = (await res.json()) as { id: string; sandboxUrl: string; hostUrl: string };
    expect(sb.hostUrl).toBe(`https://${sb.id.replace('_', '-')}.${DOMAIN}`);
    const label = sb.id.replace('_', '-');
    const posted = await at(label, '/pets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Hosty' }),
    });
    expect(posted.status).toBe(201);
    const pet = (await posted.json()) as { id: number; name: string };
    expect(pet.name).toBe('Hosty');
    const read = await fetchJson(`${sb.sandboxUrl}/pets/${pet.id}`);
    expect(read).toEqual(pet);
    expect(await fetchJson(`${sb.hostUrl}/pets/${pet.id}`)).toEqual(pet);
    // An id that is not a sandbox's is no sandbox.
    expect((await at(`sb-${'0'.repeat(32)}`, '/pets')).status).toBe(404);
  });
});

describe('ROOT_MOCK: one mock at the root of every other host (local mode)', () => {
  const rootEnv = { ...env, ROOT_MOCK: 'hostpets/1.0.0' };
  async function rooted(url: string, init: RequestInit = {}): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(url, init) as Parameters<typeof worker.fetch>[0],
      rootEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  }

  it('serves the mock at the root and keeps the path forms; the service answers at the mock domain', async () => {
    const byRoot = await rooted('http://127.0.0.1:4010/pets/42');
    expect(byRoot.status).toBe(200);
    expect(await byRoot.text()).toBe(await (await call('/mock/hostpets/1.0.0/pets/42')).text());
    expect((await rooted('http://127.0.0.1:4010/mock/hostpets/1.0.0/pets/42')).status).toBe(200);
    const service = await rooted(`http://${DOMAIN}:4010/v1/apis/hostpets`, { headers: auth(key) });
    expect(service.status).toBe(200);
    // The spec has no /v1/apis/{api}: the mock's 404 (in petstore's own error shape once refusals
    // take it), never the service's answer.
    const shadowed = await rooted('http://127.0.0.1:4010/v1/apis/hostpets', { headers: auth(key) });
    expect(shadowed.status).toBe(404);
    expect(await shadowed.text()).not.toContain('latestRule');
  });

  it('lets the creator claim only the sandbox ROOT_MOCK names, once', async () => {
    const id = `sb_${'ab'.repeat(16)}`;
    const sandboxEnv = { ...env, ROOT_MOCK: id };
    const make = async (body: Record<string, unknown>) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request(`http://${DOMAIN}/v1/sandboxes`, {
          method: 'POST',
          headers: auth(key, { 'content-type': 'application/json' }),
          body: JSON.stringify({ api: 'hostpets', ...body }),
        }) as Parameters<typeof worker.fetch>[0],
        sandboxEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    expect((await make({ id: `sb_${'cd'.repeat(16)}` })).status).toBe(400);
    const made = await make({ id });
    expect(made.status).toBe(201);
    expect(((await made.json()) as { id: string }).id).toBe(id);
    expect((await make({ id })).status).toBe(400);
    expect((await make({})).status).toBe(201);
    // Without ROOT_MOCK no id can be chosen.
    const refused = await call('/v1/sandboxes', {
      method: 'POST',
      headers: auth(key, { 'content-type': 'application/json' }),
      body: JSON.stringify({ api: 'hostpets', id: `sb_${'ef'.repeat(16)}` }),
    });
    expect(refused.status).toBe(400);
  });
});

async function fetchJson(url: string): Promise<unknown> {
  const res = await SELF.fetch(url);
  expect(res.status, url).toBe(200);
  return res.json();
}
