import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import shop from '../../spec-examples/sandbox-shop.oas3.yaml?raw';
import { byResponse } from './generated/shop-validators.js';
import { auth, call, newKey, publish, type ProblemJson } from './helpers';

type Pet = { id: number; name: string; tag?: string; status?: string; createdAt: string };
type Owner = { id: string; name: string; email: string };
interface SandboxView {
  id: string;
  sandboxUrl: string;
  api: string;
  version: string;
  seed: string;
  expiresAt: string;
}

let key: string;
beforeAll(async () => {
  key = await newKey();
  const res = await publish(key, 'shop', '1.0.0', shop);
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${await res.text()}`);
});

/**
 * Every spec response is checked by the independent validator (Ajv over the original document,
 * compiled in Node by build-validators.ts): the body must satisfy the schema of its status.
 */
async function valid<T>(res: Response, method: string, template: string): Promise<T> {
  const text = await res.text();
  const validate = byResponse[`${method} ${template} ${res.status}`];
  if (!validate) {
    expect(text, `${method} ${template} ${res.status} has no JSON schema, so no body`).toBe('');
    return undefined as T;
  }
  const body = JSON.parse(text) as unknown;
  const ok = validate(body);
  expect(ok, `${method} ${template} ${res.status}: ${JSON.stringify(validate.errors)}\n${text}`).toBe(true);
  return body as T;
}

async function create(body: Record<string, unknown> = {}, owner = key): Promise<SandboxView> {
  const res = await call('/v1/sandboxes', {
    method: 'POST',
    headers: auth(owner, { 'content-type': 'application/json' }),
    body: JSON.stringify({ api: 'shop', version: 'latest', ...body }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as SandboxView;
}

async function remove(sb: SandboxView): Promise<void> {
  const res = await call(`/v1/sandboxes/${sb.id}`, { method: 'DELETE', headers: auth(key) });
  expect(res.status).toBe(204);
}

function json(method: string, body: unknown, type = 'application/json'): RequestInit {
  return { method, headers: { 'content-type': type }, body: JSON.stringify(body) };
}

describe('the yardstick', () => {
  it('rejects bodies that break the spec, so the checks below can fail', () => {
    expect(byResponse['GET /pets 200']([{ id: 1 }])).toBe(false);
    expect(byResponse['GET /pets/{petId} 200']({ id: 0, name: 'a', createdAt: 'now' })).toBe(false);
    expect(byResponse['GET /owners 200']({ data: [], total: -1 })).toBe(false);
    expect(byResponse['GET /pets/{petId} 200']({ id: 1, name: 'a', createdAt: '2026-01-01T00:00:00Z' })).toBe(
      true,
    );
  });
});

describe('the sandbox contract', () => {
  it('creates a sandbox with an absolute URL, lists, describes, and deletes it', async () => {
    const sb = await create({ seed: 'ci-1', ttlSeconds: 3600 });
    expect(sb.id).toMatch(/^sb_[0-9a-f]{32}$/);
    expect(sb.sandboxUrl).toBe(`https://specmock.test/sandbox/${sb.id}`);
    expect(sb).toMatchObject({ api: 'shop', version: '1.0.0', seed: 'ci-1' });
    const ttl = Date.parse(sb.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(3500_000);
    expect(ttl).toBeLessThanOrEqual(3600_000);

    const listed = (await (await call('/v1/sandboxes', { headers: auth(key) })).json()) as {
      sandboxes: SandboxView[];
    };
    expect(listed.sandboxes.map((s) => s.id)).toContain(sb.id);
    const one = await call(`/v1/sandboxes/${sb.id}`, { headers: auth(key) });
    expect(((await one.json()) as SandboxView).sandboxUrl).toBe(sb.sandboxUrl);

    await remove(sb);
    const gone = await call(`/sandbox/${sb.id}/pets`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as ProblemJson).type).toMatch(/\/sandbox-not-found$/);
    expect((await call(`/v1/sandboxes/${sb.id}`, { headers: auth(key) })).status).toBe(404);
    const after = (await (await call('/v1/sandboxes', { headers: auth(key) })).json()) as {
      sandboxes: SandboxView[];
    };
    expect(after.sandboxes.map((s) => s.id)).not.toContain(sb.id);
  });

  it('is owner-only: another key gets 403 creating, reading, resetting or deleting', async () => {
    const other = await newKey();
    const refused = await call('/v1/sandboxes', {
      method: 'POST',
      headers: auth(other, { 'content-type': 'application/json' }),
      body: JSON.stringify({ api: 'shop', version: 'latest' }),
    });
    expect(refused.status).toBe(403);
    const sb = await create();
    for (const [method, path] of [
      ['GET', `/v1/sandboxes/${sb.id}`],
      ['DELETE', `/v1/sandboxes/${sb.id}`],
      ['POST', `/v1/sandboxes/${sb.id}/reset`],
    ]) {
      const res = await call(path, { method, headers: auth(other) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const theirs = (await (await call('/v1/sandboxes', { headers: auth(other) })).json()) as {
      sandboxes: unknown[];
    };
    expect(theirs.sandboxes).toEqual([]);
    await remove(sb);
  });

  it('answers 404 problems for an unknown API or version and 400 for bad fields', async () => {
    for (const [body, status, slug] of [
      [{ api: 'nothing-here' }, 404, 'api-not-found'],
      [{ version: '9.9.9' }, 404, 'version-not-found'],
      [{ ttlSeconds: 5 }, 400, 'bad-request'],
      [{ seed: 42 }, 400, 'bad-request'],
    ] as const) {
      const res = await call('/v1/sandboxes', {
        method: 'POST',
        headers: auth(key, { 'content-type': 'application/json' }),
        body: JSON.stringify(Object.assign({ api: 'shop', version: 'latest' }, body)),
      });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as ProblemJson).type).toMatch(new RegExp(`/${slug}$`));
    }
    expect((await call('/sandbox/sb_nothing/pets')).status).toBe(404);
  });

  it('caps the sandboxes of one key (409 limit-reached)', async () => {
    const capper = await newKey();
    expect((await publish(capper, 'shop-capped', '1', shop)).status).toBe(201);
    const make = () =>
      call('/v1/sandboxes', {
        method: 'POST',
        headers: auth(capper, { 'content-type': 'application/json' }),
        body: JSON.stringify({ api: 'shop-capped' }),
      });
    // MAX_SANDBOXES_PER_KEY is 4 in the test config.
    for (let i = 0; i < 4; i++) expect((await make()).status).toBe(201);
    const over = await make();
    expect(over.status).toBe(409);
    expect(((await over.json()) as ProblemJson).type).toMatch(/\/limit-reached$/);
  });
});

describe('verbs', () => {
  it('POST creates, GET reads it back, the list includes it, PUT replaces, PATCH merges, DELETE removes', async () => {
    const sb = await create({ seed: 'verbs' });
    const base = sb.sandboxUrl.replace('https://specmock.test', '');
    const before = await valid<Pet[]>(await call(`${base}/pets`), 'GET', '/pets');

    const posted = await call(
      `${base}/pets`,
      json('POST', { name: 'Rex', tag: 'dog', id: 1, createdAt: '2000-01-01T00:00:00Z' }),
    );
    expect(posted.status).toBe(201);
    const location = posted.headers.get('location');
    const pet = await valid<Pet>(posted, 'POST', '/pets');
    expect(pet).toMatchObject({ name: 'Rex', tag: 'dog' });
    // id is readOnly: the server's, not the client's; the next after the largest seeded id.
    expect(pet.id).toBe(Math.max(0, ...before.map((p) => p.id)) + 1);
    expect(pet.createdAt).not.toBe('2000-01-01T00:00:00Z');
    expect(Date.parse(pet.createdAt)).not.toBeNaN();
    expect(location).toBe(`${sb.sandboxUrl}/pets/${pet.id}`);

    const read = await call(`${base}/pets/${pet.id}`);
    expect(read.status).toBe(200);
    expect(await valid<Pet>(read, 'GET', '/pets/{petId}')).toEqual(pet);
    const listed = await valid<Pet[]>(await call(`${base}/pets`), 'GET', '/pets');
    expect(listed).toEqual([pet, ...before]); // created items first, newest first

    const put = await call(`${base}/pets/${pet.id}`, json('PUT', { name: 'Max', status: 'sold' }));
    expect(put.status).toBe(200);
    const replaced = await valid<Pet>(put, 'PUT', '/pets/{petId}');
    expect(replaced).toMatchObject({ id: pet.id, name: 'Max', status: 'sold', createdAt: pet.createdAt });
    expect(replaced.tag).not.toBe('dog');

    const patch = await call(
      `${base}/pets/${pet.id}`,
      json('PATCH', { status: 'pending', tag: null }, 'application/merge-patch+json'),
    );
    expect(patch.status).toBe(200);
    const merged = await valid<Pet>(patch, 'PATCH', '/pets/{petId}');
    expect(merged).toMatchObject({ id: pet.id, name: 'Max', status: 'pending', createdAt: pet.createdAt });
    expect('tag' in merged).toBe(false);
    expect(await valid<Pet>(await call(`${base}/pets/${pet.id}`), 'GET', '/pets/{petId}')).toEqual(merged);

    const del = await call(`${base}/pets/${pet.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const missing = await call(`${base}/pets/${pet.id}`);
    expect(missing.status).toBe(404);
    // The spec's 404, its message saying why (issue 18 §3).
    expect(await valid(missing, 'GET', '/pets/{petId}')).toEqual({
      code: 404,
      message: `This sandbox holds no item "${pet.id}" here.`,
    });
    expect(await valid<Pet[]>(await call(`${base}/pets`), 'GET', '/pets')).toEqual(before);
    expect((await call(`${base}/pets/${pet.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(`${base}/pets/${pet.id}`, json('PATCH', { name: 'x' }))).status).toBe(404);
    await remove(sb);
  });

  it('answers the spec 404 for an unknown id, and a write that fails validation with the stateless 422, changing nothing', async () => {
    const sb = await create();
    const base = `/sandbox/${sb.id}`;
    const unknown = await call(`${base}/pets/987654321`);
    expect(unknown.status).toBe(404);
    await valid(unknown, 'GET', '/pets/{petId}');
    const before = await (await call(`${base}/pets`)).text();

    const stateless = await call('/mock/shop/1.0.0/pets', json('POST', { name: '' }));
    const bad = await call(`${base}/pets`, json('POST', { name: '' }));
    expect(bad.status).toBe(422);
    expect(stateless.status).toBe(422);
    const [a, b] = [(await bad.json()) as ProblemJson, (await stateless.json()) as ProblemJson];
    expect({ ...a, instance: undefined }).toEqual({ ...b, instance: undefined });
    expect((await call(`${base}/pets`, json('POST', { name: 5 }))).status).toBe(422);
    expect(await (await call(`${base}/pets`)).text()).toBe(before);
    await remove(sb);
  });

  it('keeps the stateless pipeline around the state: security, 405, negotiation, Prefer, CORS, RateLimit', async () => {
    const sb = await create();
    const base = `/sandbox/${sb.id}`;
    expect((await call(`${base}/orders/o-1`)).status).toBe(401);
    const order = await call(`${base}/orders/o-1`, { headers: { 'x-api-key': 'k' } });
    expect(order.status).toBe(200);
    expect(await valid<{ order_id: string }>(order, 'GET', '/orders/{order_id}')).toMatchObject({
      order_id: 'o-1',
    });
    const wrong = await call(`${base}/owners/${crypto.randomUUID()}`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect((await call(`${base}/pets`, { headers: { accept: 'application/xml' } })).status).toBe(406);
    const preferred = await call(`${base}/pets/1`, { headers: { prefer: 'code=404' } });
    expect(preferred.status).toBe(404);
    expect(await preferred.json()).toEqual({ code: 404, message: 'Not found' });
    const cors = await call(`${base}/pets`, { headers: { origin: 'https://app.example' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(cors.headers.get('ratelimit')).toMatch(/"minute";r=\d+/);
    const preflight = await call(`${base}/pets`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    await remove(sb);
  });
});

describe("the API owner's settings apply to sandbox calls", () => {
  it("behaviour: a forced status is the spec's response and changes nothing; private: the mock token is needed", async () => {
    const owner = await newKey();
    expect((await publish(owner, 'shop-steered', '1', shop)).status).toBe(201);
    const sb = await create({ api: 'shop-steered' }, owner);
    const base = `/sandbox/${sb.id}`;
    const start = await (await call(`${base}/pets`)).text();
    const steer = await call('/v1/apis/shop-steered/behaviour', {
      method: 'PUT',
      headers: auth(owner, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        operations: { 'POST /pets': { status: 201, example: undefined }, 'GET /pets': { status: 404 } },
      }),
    });
    expect(steer.status, await steer.clone().text()).toBe(200);
    const listed = await call(`${base}/pets`);
    expect(listed.status).toBe(404);
    expect(listed.headers.get('x-specmock-steered')).toBeTruthy();
    // A forced status answers statelessly: the POST stores nothing.
    const posted = await call(`${base}/pets`, json('POST', { name: 'Forced' }));
    expect(posted.status).toBe(201);
    const pet = await valid<Pet>(posted, 'POST', '/pets');
    expect((await call(`${base}/pets/${pet.id}`)).status).toBe(404);
    await call('/v1/apis/shop-steered/behaviour', {
      method: 'PUT',
      headers: auth(owner, { 'content-type': 'application/json' }),
      body: '{}',
    });
    expect(await (await call(`${base}/pets`)).text()).toBe(start);

    const made = await call('/v1/apis/shop-steered', {
      method: 'PATCH',
      headers: auth(owner, { 'content-type': 'application/json' }),
      body: JSON.stringify({ visibility: 'private' }),
    });
    expect(made.status, await made.clone().text()).toBe(200);
    const token = (
      (await (await call('/v1/apis/shop-steered', { headers: auth(owner) })).json()) as { mockToken: string }
    ).mockToken;
    expect(token).toMatch(/^smt_/);
    const refused = await call(`${base}/pets`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as ProblemJson).type).toMatch(/\/mock-token-required$/);
    expect((await call(`${base}/pets`, { headers: { 'x-specmock-token': token } })).status).toBe(200);
    expect((await call(`${base}/pets?__token=${token}`)).status).toBe(200);
  });
});

describe('seeded start', () => {
  it('holds the stateless list of its seed, every listed id readable, byte for byte the same per seed', async () => {
    const [a, b, c] = [
      await create({ seed: 's-1' }),
      await create({ seed: 's-1' }),
      await create({ seed: 's-2' }),
    ];
    const list = async (sb: SandboxView) => (await call(`/sandbox/${sb.id}/pets`)).text();
    const stateless = await (await call('/mock/shop/1.0.0/pets', { headers: { prefer: 'seed=s-1' } })).text();
    const first = await list(a);
    expect(first).toBe(stateless);
    expect(await list(b)).toBe(first);
    expect(await list(c)).not.toBe(first);
    const pets = await valid<Pet[]>(await call(`/sandbox/${a.id}/pets`), 'GET', '/pets');
    expect(pets.length).toBeGreaterThan(0);
    for (const pet of pets) {
      const res = await call(`/sandbox/${a.id}/pets/${pet.id}`);
      expect(res.status).toBe(200);
      expect(await valid<Pet>(res, 'GET', '/pets/{petId}')).toEqual(pet);
    }
    for (const sb of [a, b, c]) await remove(sb);
  });

  it('creates the same items on two sandboxes of one seed, also after the newest is deleted', async () => {
    const run = async (sb: SandboxView) => {
      const made: string[] = [];
      const post = async () => {
        const res = await call(`/sandbox/${sb.id}/pets`, json('POST', { name: 'Rex' }));
        expect(res.status).toBe(201);
        return valid<Pet>(res, 'POST', '/pets');
      };
      for (let i = 0; i < 3; i++) made.push(JSON.stringify(await post()));
      const newest = JSON.parse(made[2]) as Pet;
      expect((await call(`/sandbox/${sb.id}/pets/${newest.id}`, { method: 'DELETE' })).status).toBe(204);
      // The next create takes the deleted one's place: the same id and the same generated members.
      const again = await post();
      expect(again).toEqual(newest);
      made.push(JSON.stringify(again), await (await call(`/sandbox/${sb.id}/pets`)).text());
      return made;
    };
    const [a, b, c] = [
      await create({ seed: 'makes' }),
      await create({ seed: 'makes' }),
      await create({ seed: 'other' }),
    ];
    const first = await run(a);
    expect(new Set(first.slice(0, 3).map((p) => (JSON.parse(p) as Pet).createdAt)).size).toBe(3);
    expect(await run(b)).toEqual(first);
    expect((await run(c)).slice(0, 3)).not.toEqual(first.slice(0, 3));
    for (const sb of [a, b, c]) await remove(sb);
  });

  it('pages with limit/offset, and with page/per_page and a cursor in a wrapper with a total', async () => {
    const sb = await create({ seed: 'paging' });
    const base = `/sandbox/${sb.id}`;
    for (let i = 0; i < 3; i++) await call(`${base}/pets`, json('POST', { name: `p${i}` }));
    const all = await valid<Pet[]>(await call(`${base}/pets`), 'GET', '/pets');
    const page = await valid<Pet[]>(await call(`${base}/pets?limit=2&offset=1`), 'GET', '/pets');
    expect(page).toEqual(all.slice(1, 3));

    for (let i = 0; i < 12; i++)
      await call(`${base}/owners`, json('POST', { name: `o${i}`, email: `o${i}@example.com` }));
    type OwnerPage = { data: Owner[]; total: number; nextCursor?: string; hasMore?: boolean };
    const first = await valid<OwnerPage>(await call(`${base}/owners`), 'GET', '/owners');
    expect(first.data.length).toBe(Math.min(10, first.total)); // per_page defaults to 10
    expect(first.total).toBeGreaterThanOrEqual(12);
    expect(first.hasMore).toBe(true);
    const second = await valid<OwnerPage>(await call(`${base}/owners?page=2&per_page=10`), 'GET', '/owners');
    expect(second.data[0]).toEqual(
      (await valid<OwnerPage>(await call(`${base}/owners?per_page=11`), 'GET', '/owners')).data[10],
    );
    const byCursor = await valid<OwnerPage>(
      await call(`${base}/owners?cursor=${first.nextCursor}`),
      'GET',
      '/owners',
    );
    expect(byCursor.data).toEqual(second.data);
    const created = first.total;
    const last = await valid<OwnerPage>(
      await call(`${base}/owners?page=${Math.ceil(created / 10)}`),
      'GET',
      '/owners',
    );
    expect(last.hasMore).toBe(false);
    expect('nextCursor' in last).toBe(false);
    await remove(sb);
  });
});

describe('nested collections', () => {
  it('scopes pets by owner: one owner never lists another owner’s pets', async () => {
    const sb = await create({ seed: 'nested' });
    const base = `/sandbox/${sb.id}`;
    const owner = await valid<Owner>(
      await call(`${base}/owners`, json('POST', { name: 'Ann', email: 'ann@example.com' })),
      'POST',
      '/owners',
    );
    expect(await valid<Owner>(await call(`${base}/owners/${owner.id}`), 'GET', '/owners/{ownerId}')).toEqual(
      owner,
    );
    const other = crypto.randomUUID();
    type Pets = { items: Pet[]; total: number };
    const seededA = await valid<Pets>(
      await call(`${base}/owners/${owner.id}/pets`),
      'GET',
      '/owners/{ownerId}/pets',
    );
    const seededB = await valid<Pets>(
      await call(`${base}/owners/${other}/pets`),
      'GET',
      '/owners/{ownerId}/pets',
    );
    const pet = await valid<Pet>(
      await call(`${base}/owners/${owner.id}/pets`, json('POST', { name: 'Kit' })),
      'POST',
      '/owners/{ownerId}/pets',
    );
    const afterA = await valid<Pets>(
      await call(`${base}/owners/${owner.id}/pets`),
      'GET',
      '/owners/{ownerId}/pets',
    );
    expect(afterA.items).toEqual([pet, ...seededA.items]);
    expect(afterA.total).toBe(seededA.items.length + 1);
    const afterB = await valid<Pets>(
      await call(`${base}/owners/${other}/pets`),
      'GET',
      '/owners/{ownerId}/pets',
    );
    expect(afterB).toEqual(seededB);
    expect((await call(`${base}/owners/${other}/pets/${pet.id}`)).status).toBe(404);
    const mine = await call(`${base}/owners/${owner.id}/pets/${pet.id}`);
    expect(await valid<Pet>(mine, 'GET', '/owners/{ownerId}/pets/{petId}')).toEqual(pet);
    // The top-level /pets collection is another resource.
    expect((await call(`${base}/pets/${pet.id}`)).status).toBe(404);
    await remove(sb);
  });
});

describe('reset, isolation, caps, expiry', () => {
  it('reset goes back to the seeded start', async () => {
    const sb = await create({ seed: 'reset' });
    const base = `/sandbox/${sb.id}`;
    const start = await (await call(`${base}/pets`)).text();
    const pets = JSON.parse(start) as Pet[];
    await call(`${base}/pets`, json('POST', { name: 'New' }));
    await call(`${base}/pets/${pets[0].id}`, { method: 'DELETE' });
    expect(await (await call(`${base}/pets`)).text()).not.toBe(start);
    const res = await call(`/v1/sandboxes/${sb.id}/reset`, { method: 'POST', headers: auth(key) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SandboxView).id).toBe(sb.id);
    expect(await (await call(`${base}/pets`)).text()).toBe(start);
    await remove(sb);
  });

  it('answers a repeated read from its memory until the next write of any kind (issue 22)', async () => {
    const sb = await create({ seed: 'reads' });
    const base = `/sandbox/${sb.id}`;
    const stub = env.SANDBOX.get(env.SANDBOX.idFromName(sb.id));
    const [first] = await valid<Pet[]>(await call(`${base}/pets`), 'GET', '/pets');
    const read = async () => valid<Pet>(await call(`${base}/pets/${first.id}`), 'GET', '/pets/{petId}');
    expect(await read()).toEqual(first);
    // Written behind the store's back: a kept read does not see it, so the read was not repeated.
    const behind = async (name: string) =>
      runInDurableObject(stub, (_instance, state) => {
        state.storage.sql.exec(
          `UPDATE items SET body = ? WHERE id = ?`,
          JSON.stringify({ ...first, name }),
          String(first.id),
        );
      });
    await behind('Behind');
    expect(await read()).toEqual(first);
    // Another header is another read: it is made from the items.
    const other = await call(`${base}/pets/${first.id}`, { headers: { 'x-anything': '1' } });
    expect((await valid<Pet>(other, 'GET', '/pets/{petId}')).name).toBe('Behind');
    // Each write through the API makes the next read fresh: a create elsewhere, a merge, a reset.
    await behind('Behind again');
    expect((await call(`${base}/pets`, json('POST', { name: 'New' }))).status).toBe(201);
    expect((await read()).name).toBe('Behind again');
    await behind('Once more');
    expect((await read()).name).toBe('Behind again');
    const patched = await call(
      `${base}/pets/${first.id}`,
      json('PATCH', { tag: 'cat' }, 'application/merge-patch+json'),
    );
    expect(patched.status).toBe(200);
    expect(await read()).toMatchObject({ name: 'Once more', tag: 'cat' });
    expect((await call(`/v1/sandboxes/${sb.id}/reset`, { method: 'POST', headers: auth(key) })).status).toBe(
      200,
    );
    expect(await read()).toEqual(first);
    await remove(sb);
  });

  it('isolates two sandboxes of one version', async () => {
    const [a, b] = [await create({ seed: 'same' }), await create({ seed: 'same' })];
    const created = await valid<Pet>(
      await call(`/sandbox/${a.id}/pets`, json('POST', { name: 'OnlyInA' })),
      'POST',
      '/pets',
    );
    expect((await call(`/sandbox/${b.id}/pets/${created.id}`)).status).toBe(404);
    const listB = await valid<Pet[]>(await call(`/sandbox/${b.id}/pets`), 'GET', '/pets');
    expect(listB.some((p) => p.name === 'OnlyInA')).toBe(false);
    expect((await call(`/sandbox/${a.id}/pets/${created.id}`)).status).toBe(200);
    await remove(a);
    await remove(b);
  });

  it('50 concurrent POSTs give 50 distinct ids and the list grows by exactly 50', async () => {
    const sb = await create({ seed: 'burst' });
    const base = `/sandbox/${sb.id}`;
    const before = (JSON.parse(await (await call(`${base}/pets`)).text()) as Pet[]).length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(`${base}/pets`, json('POST', { name: `pet-${i}` }))),
    );
    const pets = await Promise.all(responses.map((r) => valid<Pet>(r, 'POST', '/pets')));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(pets.map((p) => p.id)).size).toBe(50);
    const after = await valid<Pet[]>(await call(`${base}/pets`), 'GET', '/pets');
    expect(after.length).toBe(before + 50);
    await remove(sb);
  });

  it('caps items per collection (409) and bytes per sandbox (413)', async () => {
    const sb = await create();
    const base = `/sandbox/${sb.id}`;
    // SANDBOX_MAX_ITEMS is 120 in the test config.
    let status = 201;
    let n = 0;
    while (status === 201 && n < 200) {
      status = (await call(`${base}/pets`, json('POST', { name: `n${n++}` }))).status;
    }
    expect(status).toBe(409);
    const listed = JSON.parse(await (await call(`${base}/pets?limit=100`)).text()) as Pet[];
    expect(listed.length).toBe(100);

    // SANDBOX_MAX_BYTES is 200,000: owners with long names fill it before their item cap.
    const big = await create();
    let last = 201;
    for (let i = 0; i < 120 && last === 201; i++)
      last = (
        await call(`/sandbox/${big.id}/owners`, json('POST', { name: 'x'.repeat(4000), email: 'a@b.co' }))
      ).status;
    expect(last).toBe(413);
    await remove(sb);
    await remove(big);
  });

  it('expires by alarm after its idle TTL, leaving nothing behind', async () => {
    const sb = await create({ ttlSeconds: 60 });
    await call(`/sandbox/${sb.id}/pets`, json('POST', { name: 'Soon gone' }));
    const stub = env.SANDBOX.get(env.SANDBOX.idFromName(sb.id));
    // Not yet idle: the alarm re-arms and nothing changes.
    await runDurableObjectAlarm(stub);
    expect((await call(`/sandbox/${sb.id}/pets`)).status).toBe(200);
    // Idle time passes: the stored expiry moves into the past (and the instance forgets its copy).
    await runInDurableObject(stub, (instance, state) => {
      const meta = state.storage.kv.get<{ expiresAt: number }>('meta')!;
      state.storage.kv.put('meta', { ...meta, expiresAt: Date.now() - 1 });
      (instance as unknown as { cached: unknown }).cached = undefined;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await runInDurableObject(stub, (_instance, state) => {
      expect(state.storage.kv.get('meta')).toBeUndefined();
      expect(
        state.storage.sql
          .exec(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'items'`)
          .toArray(),
      ).toEqual([]);
    });
    expect((await call(`/sandbox/${sb.id}/pets`)).status).toBe(404);
    const listed = (await (await call('/v1/sandboxes', { headers: auth(key) })).json()) as {
      sandboxes: SandboxView[];
    };
    expect(listed.sandboxes.map((s) => s.id)).not.toContain(sb.id);
  });
});
