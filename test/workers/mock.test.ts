import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import circular from '../../spec-examples/circular.oas3.yaml?raw';
import media from '../../spec-examples/media-types.oas3.yaml?raw';
import petstore3 from '../../spec-examples/petstore.oas3.yaml?raw';
import petstore2 from '../../spec-examples/petstore.swagger2.json?raw';
import { call, newKey, publish, type ProblemJson } from './helpers';

let key: string;
beforeAll(async () => {
  key = await newKey();
  for (const [api, text, type] of [
    ['petstore', petstore3, 'application/yaml'],
    ['petstore-two', petstore2, 'application/json'],
    ['circular', circular, 'application/yaml'],
    ['media', media, 'application/yaml'],
  ] as const) {
    const res = await publish(key, api, 'v1', text, type);
    if (res.status !== 201) throw new Error(`${api}: ${res.status} ${await res.text()}`);
  }
});

describe('routing', () => {
  it('serves the lowest 2xx with the spec media type', async () => {
    const res = await call('/mock/petstore/v1/pets/42');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const pet = (await res.json()) as { id: number; name: string };
    expect(typeof pet.name).toBe('string');
    expect(Number.isInteger(pet.id)).toBe(true);
  });

  it('prefers concrete segments over templated ones', async () => {
    const res = await call('/mock/petstore/v1/pets/mine');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-specmock-operation')).toBe('myPet');
    // The spec's first named example is served as-is.
    expect(await res.json()).toEqual({ id: 1, name: 'Rex', tag: 'dog' });
  });

  it("answers an unknown path 404 and a wrong method 405 with Allow, in the API's own Error shape", async () => {
    const missing = await call('/mock/petstore/v1/owners');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/json');
    expect(missing.headers.get('x-specmock-problem')).toBe('route-not-found');
    expect(await missing.json()).toEqual({ code: 404, message: 'No operation in this API matches /owners.' });
    const wrong = await call('/mock/petstore/v1/pets/1', { method: 'PATCH' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('DELETE, GET, HEAD');
    expect(wrong.headers.get('x-specmock-problem')).toBe('method-not-allowed');
    expect(((await wrong.json()) as { code: number }).code).toBe(405);
    // An API with no error shape keeps problem+json.
    const bare = await call('/mock/circular/v1/nowhere');
    expect(bare.status).toBe(404);
    expect(bare.headers.get('content-type')).toContain('application/problem+json');
    expect(bare.headers.get('x-specmock-problem')).toBe('route-not-found');
    expect(((await bare.json()) as ProblemJson).type).toMatch(/\/route-not-found$/);
  });

  it('resolves `latest` to the newest version', async () => {
    const res = await call('/mock/petstore/latest/pets/7');
    expect(res.status).toBe(200);
  });

  it('answers 404 for unknown APIs and versions, including non-canonical spellings', async () => {
    expect((await call('/mock/nothing-here/v1/pets')).status).toBe(404);
    expect((await call('/mock/petstore/v9/pets')).status).toBe(404);
    expect((await call('/mock/PetStore/v1/pets')).status).toBe(404);
    expect((await call('/mock/%70etstore/v1/pets')).status).toBe(404);
  });

  it('serves Swagger 2.0 paths relative to the mock URL, not basePath', async () => {
    const res = await call('/mock/petstore-two/v1/pets/3');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('serves an operation with no response body as an empty 204', async () => {
    const res = await call('/mock/petstore/v1/pets/3', { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });
});

describe('bodies', () => {
  it('is deterministic: same request, same bytes; another path param, another entity', async () => {
    const a = await (await call('/mock/petstore/v1/pets/42')).text();
    const b = await (await call('/mock/petstore/v1/pets/42')).text();
    const c = await (await call('/mock/petstore/v1/pets/43')).text();
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('changes with Prefer seed and stays stable for the same seed', async () => {
    const s1 = await (await call('/mock/petstore/v1/pets', { headers: { prefer: 'seed=one' } })).text();
    const s1b = await (await call('/mock/petstore/v1/pets', { headers: { prefer: 'seed=one' } })).text();
    const s2 = await (await call('/mock/petstore/v1/pets?__seed=two')).text();
    expect(s1).toBe(s1b);
    expect(s2).not.toBe(s1);
  });

  it('serves the requested status and example with Prefer', async () => {
    const res = await call('/mock/petstore/v1/pets/1', { headers: { prefer: 'code=404' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ code: 404, message: 'Pet not found' });
    const tom = await call('/mock/petstore/v1/pets/mine?__example=tom');
    expect(await tom.json()).toEqual({ id: 2, name: 'Tom', tag: 'cat' });
  });

  it('generates instead of the example when dynamic=true', async () => {
    const res = await call('/mock/petstore/v1/pets/mine', { headers: { prefer: 'dynamic=true' } });
    const body = (await res.json()) as { id: unknown; name: unknown };
    expect(body).not.toEqual({ id: 1, name: 'Rex', tag: 'dog' });
    expect(typeof body.name).toBe('string');
  });

  it('terminates on circular schemas, including required recursion', async () => {
    const tree = await call('/mock/circular/v1/tree');
    expect(tree.status).toBe(200);
    const person = await call('/mock/circular/v1/people/abc');
    expect(person.status).toBe(200);
    const body = (await person.json()) as { id: string; team: { name: string } };
    expect(typeof body.team.name).toBe('string');
  });

  it('negotiates media types and answers 406 with what is available', async () => {
    const xml = await call('/mock/media/v1/report', { headers: { accept: 'application/xml' } });
    expect(xml.headers.get('content-type')).toBe('application/xml');
    expect(await xml.text()).toMatch(
      /^<xml><id>-?\d+<\/id><total>-?[\d.]+<\/total><createdAt>[^<]+<\/createdAt><\/xml>$/,
    );
    const csv = await call('/mock/media/v1/report', { headers: { accept: 'text/csv' } });
    expect(await csv.text()).toBe('id,total\n1,10\n');
    const none = await call('/mock/media/v1/report', { headers: { accept: 'image/gif' } });
    expect(none.status).toBe(406);
    expect(((await none.json()) as { available: string[] }).available).toContain('application/json');
  });
});

describe('CORS', () => {
  it('answers preflight with 204 and allows any origin on mock responses', async () => {
    const pre = await call('/mock/petstore/v1/pets', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-trace',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(pre.headers.get('access-control-allow-methods')).toBe('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type, x-trace');
    const res = await call('/mock/petstore/v1/pets', { headers: { origin: 'https://app.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-next');
    expect(res.headers.get('access-control-expose-headers')).not.toContain('*');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('answers a request without an Origin with the wildcards a non-credentialed call honours', async () => {
    const res = await call('/mock/petstore/v1/pets');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-next')).not.toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('*');
    expect(res.headers.get('vary') ?? '').not.toContain('Origin');
  });

  it("keeps each request's CORS on a kept answer repeated in local mode (no RateLimit, no log)", async () => {
    const localEnv = { ...env, QUOTAS: 'off', LOG_MOCK_CALLS: 'off' };
    const local = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request(`https://specmock.test${path}`, { headers, method }) as Parameters<
          typeof worker.fetch
        >[0],
        localEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    const hits = async () =>
      ((await (await local('/healthz')).json()) as { answerCache: { hits: number } }).answerCache.hits;
    const before = await hits();
    const plain = [await local('/mock/petstore/v1/pets/9'), await local('/mock/petstore/v1/pets/9')];
    const withOrigin = await local('/mock/petstore/v1/pets/9', { origin: 'https://app.example' });
    const withOriginAgain = await local('/mock/petstore/v1/pets/9', { origin: 'https://app.example' });
    const otherOrigin = await local('/mock/petstore/v1/pets/9', { origin: 'https://other.example' });
    const plainAgain = await local('/mock/petstore/v1/pets/9');
    // Every call after the first is the kept answer.
    expect(await hits()).toBe(before + 5);
    const body = await plain[0]!.text();
    for (const res of [...plain, plainAgain]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe('*');
      expect(res.headers.get('vary')).toBeNull();
      expect(res.headers.get('ratelimit')).toBeNull();
      expect(res.headers.get('x-specmock-operation')).toBe('showPetById');
      expect(res.headers.get('content-type')).toBe('application/json');
      if (res !== plain[0]) expect(await res.text()).toBe(body);
    }
    // Kept per origin: each call gets its own origin echoed, however often it or another one came.
    for (const [res, origin] of [
      [withOrigin, 'https://app.example'],
      [withOriginAgain, 'https://app.example'],
      [otherOrigin, 'https://other.example'],
    ] as const) {
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-expose-headers')).toContain('x-specmock-operation');
      expect(res.headers.get('vary')).toBe('Origin');
      expect(await res.text()).toBe(body);
    }
    // HEAD is kept apart from GET: the same headers, never the GET's bytes.
    for (let i = 0; i < 2; i++) {
      const head = await local('/mock/petstore/v1/pets/9', {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers.get('x-specmock-operation')).toBe('showPetById');
      expect(await head.text()).toBe('');
    }
    expect(await (await local('/mock/petstore/v1/pets/9')).text()).toBe(body);
    // A header the engine reads, read from the request by name on a repeat (mock-request.ts), still
    // keys the kept answer: another seed is another pet, and the same seed again the same one.
    const seeded = await (await local('/mock/petstore/v1/pets/9', { prefer: 'seed=7' })).text();
    expect(seeded).not.toBe(body);
    expect(await (await local('/mock/petstore/v1/pets/9', { prefer: 'seed=7' })).text()).toBe(seeded);
    expect(await (await local('/mock/petstore/v1/pets/9')).text()).toBe(body);
  });

  it('sends GET /healthz with the CORS of each request, its headers built once per origin: none without one', async () => {
    const health = async (headers: Record<string, string> = {}) => {
      const res = await SELF.fetch('https://specmock.test/healthz', { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
      return res.headers;
    };
    // No browser, no CORS: the service answers only a request that names its Origin.
    for (const headers of [await health(), await health()]) {
      expect([...headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(headers.get('vary')).toBeNull();
    }
    const named = await health({ origin: 'https://app.example' });
    expect(named.get('access-control-allow-origin')).toBe('https://app.example');
    expect(named.get('access-control-allow-credentials')).toBe('true');
    expect(named.get('vary')).toBe('Origin');
    const other = await health({ origin: 'https://other.example' });
    expect(other.get('access-control-allow-origin')).toBe('https://other.example');
    expect((await health()).get('access-control-allow-origin')).toBeNull();
  });

  it('answers the control API with CORS for a browser only, and a mock problem with CORS always', async () => {
    const problem = await SELF.fetch('https://specmock.test/v1/apis');
    expect(problem.status).toBe(401);
    expect(problem.headers.get('access-control-allow-origin')).toBeNull();
    const fromPage = await SELF.fetch('https://specmock.test/v1/apis', {
      headers: { origin: 'https://app.example' },
    });
    expect(fromPage.status).toBe(401);
    expect(fromPage.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(fromPage.headers.get('access-control-expose-headers')).toContain('content-type');
    const missing = await SELF.fetch('https://specmock.test/mock/no-such-api/v1/pets');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect(missing.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
