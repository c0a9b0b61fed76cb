import { env as testEnv, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../worker/env';
import petstore3 from '../../spec-examples/petstore.oas3.yaml?raw';
import petstore31 from '../../spec-examples/petstore.oas31.yaml?raw';
import petstore2 from '../../spec-examples/petstore.swagger2.json?raw';
import { auth, call, newKey, publish, type ProblemJson } from './helpers';

describe('keys', () => {
  it('creates a key with the default limits', async () => {
    const res = await call('/v1/keys', { method: 'POST' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { key: string; limits: { perMinute: number; perMonth: number } };
    expect(body.key).toMatch(/^sk_[0-9a-f]{20}_[0-9A-Za-z]{32}$/);
    expect(body.limits).toEqual({ perMinute: 1000, perMonth: 100000 });
  });

  it('lets only the admin choose limits', async () => {
    const anon = await call('/v1/keys', {
      method: 'POST',
      body: JSON.stringify({ limits: { perMinute: 5 } }),
    });
    expect(anon.status).toBe(403);
    const admin = await call('/v1/keys', {
      method: 'POST',
      headers: auth('test-admin-token'),
      body: JSON.stringify({ limits: { perMinute: 5, perMonth: 50 } }),
    });
    expect(admin.status).toBe(201);
    expect(((await admin.json()) as { limits: unknown }).limits).toEqual({ perMinute: 5, perMonth: 50 });
  });

  it('rejects absurd limits with 422', async () => {
    for (const limits of [{ perMinute: -1 }, { perMonth: 'lots' }, { perMinute: 1.5 }, { perMinute: 1e12 }]) {
      const res = await call('/v1/keys', {
        method: 'POST',
        headers: auth('test-admin-token'),
        body: JSON.stringify({ limits }),
      });
      expect(res.status, JSON.stringify(limits)).toBe(422);
    }
  });

  it('refuses missing, malformed and unknown keys with 401 problem+json', async () => {
    for (const headers of [
      {},
      auth('nope'),
      auth('sk_0123456789abcdef0123_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef'),
    ]) {
      const res = await call('/v1/apis', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });
});

describe('publishing', () => {
  it('publishes Swagger 2.0, OpenAPI 3.0 and 3.1 with an absolute mockUrl', async () => {
    const key = await newKey();
    for (const [api, text, type] of [
      ['pets-two', petstore2, 'application/json'],
      ['pets-three', petstore3, 'application/yaml'],
      ['pets-three-one', petstore31, 'text/yaml'],
    ] as const) {
      const res = await publish(key, api, 'v1', text, type);
      expect(res.status, await res.clone().text()).toBe(201);
      const body = (await res.json()) as {
        api: string;
        version: string;
        mockUrl: string;
        operations: number;
        warnings: unknown[];
      };
      expect(body.api).toBe(api);
      expect(body.version).toBe('v1');
      expect(body.mockUrl).toBe(`https://specmock.test/mock/${api}/v1`);
      expect(body.operations).toBeGreaterThan(0);
      expect(Array.isArray(body.warnings)).toBe(true);
    }
  });

  it('answers 200 for identical content, 409 for different content, 403 for another key', async () => {
    const owner = await newKey();
    expect((await publish(owner, 'immutable', '1.0', petstore3)).status).toBe(201);
    const again = await publish(owner, 'immutable', '1.0', petstore3);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { unchanged: boolean }).unchanged).toBe(true);
    const changed = await publish(
      owner,
      'immutable',
      '1.0',
      petstore3.replace('Swagger Petstore', 'Another Petstore'),
    );
    expect(changed.status).toBe(409);
    const other = await newKey();
    const stolen = await publish(other, 'immutable', '2.0', petstore3);
    expect(stolen.status).toBe(403);
  });

  it('lets exactly one of two concurrent different PUTs of a version win', async () => {
    const key = await newKey();
    const a = petstore3;
    const b = petstore3.replace('Swagger Petstore', 'Racing Petstore');
    const results = await Promise.all([publish(key, 'race', 'v1', a), publish(key, 'race', 'v1', b)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('publishes a multipart upload with a `spec` field', async () => {
    const key = await newKey();
    const form = new FormData();
    form.set('spec', new Blob([petstore3], { type: 'application/yaml' }), 'petstore.yaml');
    const res = await call('/v1/apis/multi/versions/v1', { method: 'PUT', headers: auth(key), body: form });
    expect(res.status).toBe(201);
  });

  it('lists, describes, returns the source, and deletes', async () => {
    const key = await newKey();
    await publish(key, 'browse', 'v1', petstore3);
    await publish(key, 'browse', 'v2', petstore31);
    const list = (await (await call('/v1/apis', { headers: auth(key) })).json()) as {
      apis: { api: string; latest: string; versions: number }[];
    };
    expect(list.apis).toEqual([expect.objectContaining({ api: 'browse', latest: 'v2', versions: 2 })]);

    const api = (await (await call('/v1/apis/browse', { headers: auth(key) })).json()) as {
      versions: { version: string }[];
    };
    expect(api.versions.map((v) => v.version)).toEqual(['v2', 'v1']);

    const version = (await (await call('/v1/apis/browse/versions/v1', { headers: auth(key) })).json()) as {
      operations: { id: string; method: string; path: string }[];
    };
    expect(version.operations.map((o) => o.id)).toContain('showPetById');

    const source = await call('/v1/apis/browse/versions/v1?format=source', { headers: auth(key) });
    expect(source.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(new TextDecoder().decode(await source.arrayBuffer())).toBe(petstore3);

    const stranger = await newKey();
    expect((await call('/v1/apis/browse', { headers: auth(stranger) })).status).toBe(404);
    expect(
      (await call('/v1/apis/browse/versions/v1', { method: 'DELETE', headers: auth(stranger) })).status,
    ).toBe(403);
    expect((await call('/v1/apis/browse', { method: 'DELETE', headers: auth(stranger) })).status).toBe(403);

    expect((await call('/v1/apis/browse/versions/v1', { method: 'DELETE', headers: auth(key) })).status).toBe(
      204,
    );
    expect((await call('/v1/apis/browse/versions/v1', { headers: auth(key) })).status).toBe(404);
    expect((await call('/mock/browse/v1/pets')).status).toBe(404);
    expect((await call('/mock/browse/v2/pets')).status).toBe(200);
    expect((await call('/v1/apis/browse', { method: 'DELETE', headers: auth(key) })).status).toBe(204);
    expect((await call('/v1/apis/browse', { headers: auth(key) })).status).toBe(404);
    expect((await call('/mock/browse/latest/pets')).status).toBe(404);
    const after = (await (await call('/v1/apis', { headers: auth(key) })).json()) as { apis: unknown[] };
    expect(after.apis).toEqual([]);
  });
});

describe('bad uploads get a specific 4xx problem and leave nothing behind', () => {
  async function rejected(
    text: string,
    expected: number,
    type: string,
    contentType = 'application/yaml',
  ): Promise<ProblemJson> {
    const key = await newKey();
    const res = await publish(key, 'bad', 'v1', text, contentType);
    expect(res.status, await res.clone().text()).toBe(expected);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as ProblemJson;
    expect(problem.type).toBe(`https://specmock.dev/problems/${type}`);
    expect(problem.detail.length).toBeGreaterThan(10);
    // Nothing stored: the name is still free and the mock does not exist.
    expect((await call('/mock/bad/v1/pets')).status).toBe(404);
    expect((await call('/v1/apis', { headers: auth(key) })).status).toBe(200);
    return problem;
  }

  it('invalid YAML → 400 with line and column', async () => {
    const problem = await rejected(
      'openapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\n',
      400,
      'invalid-spec-syntax',
    );
    expect(problem.errors?.[0].line).toBeGreaterThan(0);
    expect(problem.errors?.[0].column).toBeGreaterThan(0);
  });

  it('invalid JSON → 400 with line and column', async () => {
    const problem = await rejected(
      '{\n  "openapi": "3.0.0",\n  "info": { "title": "x", }\n}',
      400,
      'invalid-spec-syntax',
      'application/json',
    );
    expect(problem.errors?.[0].line).toBe(3);
  });

  it('not OpenAPI → 422 with a pointer', async () => {
    const problem = await rejected('name: my-package\nversion: 1.0.0\n', 422, 'invalid-spec');
    expect(problem.errors?.[0].pointer).toBe('/openapi');
  });

  it('top-level containers of the wrong JSON type → 422 with pointers', async () => {
    const paths = await rejected(
      '{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":"nope"}',
      422,
      'invalid-spec',
      'application/json',
    );
    expect(paths.errors).toEqual([{ pointer: '/paths', message: '`paths` must be an object, not a string' }]);
    const info = await rejected(
      'openapi: 3.0.3\ninfo: !!js/function "function () {}"\npaths: {}\n',
      422,
      'invalid-spec',
    );
    expect(info.errors?.[0].pointer).toBe('/info');
  });

  it('unsupported version → 422', async () => {
    await rejected(
      'openapi: 4.0.0\ninfo: {title: x, version: "1"}\npaths: {}\n',
      422,
      'unsupported-spec-version',
    );
    await rejected(
      'swagger: "1.2"\ninfo: {title: x, version: "1"}\npaths: {}\n',
      422,
      'unsupported-spec-version',
    );
  });

  it('remote and file $refs → 422 without fetching', async () => {
    const doc = (ref: string) =>
      `openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '${ref}'\n`;
    for (const ref of [
      'http://169.254.169.254/latest/meta-data',
      'https://example.com/schema.json#/Pet',
      './pet.yaml',
      'file:///etc/passwd',
    ]) {
      const problem = await rejected(doc(ref), 422, 'external-ref');
      expect(problem.errors?.[0].pointer).toContain('/$ref');
    }
  });

  it('an unresolvable internal $ref publishes; only the operation that uses it answers a problem naming it', async () => {
    const text = `openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Missing'\n  /b:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: integer}\n`;
    const key = await newKey();
    const res = await publish(key, 'dangling', 'v1', text, 'application/yaml');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { warnings: { pointer?: string; message: string }[] };
    expect(JSON.stringify(body.warnings)).toContain('#/components/schemas/Missing');

    const broken = await call('/mock/dangling/v1/a');
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await broken.json()) as ProblemJson;
    expect(problem.type).toBe('https://specmock.dev/problems/unresolved-ref');
    expect(problem.detail).toContain('#/components/schemas/Missing');
    const fine = await call('/mock/dangling/v1/b');
    expect(fine.status).toBe(200);
    expect(Number.isInteger(await fine.json())).toBe(true);
  });

  it('a YAML alias bomb → 422', async () => {
    const lines = [
      'openapi: 3.0.3',
      'info: {title: x, version: "1"}',
      'paths: {}',
      'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++)
      lines.push(
        `x-${names[i]}: &${names[i]} [*${names[i - 1]},*${names[i - 1]},*${names[i - 1]},*${names[i - 1]},*${names[i - 1]},*${names[i - 1]},*${names[i - 1]},*${names[i - 1]},*${names[i - 1]}]`,
      );
    await rejected(lines.join('\n'), 422, 'spec-too-complex');
  });

  it('nesting deeper than the cap → 422', async () => {
    const deep =
      '{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"x-deep":' +
      '['.repeat(5000) +
      ']'.repeat(5000) +
      '}';
    await rejected(deep, 422, 'spec-too-complex', 'application/json');
  });

  it('a body over the size cap → 413', async () => {
    const key = await newKey();
    const huge = 'x'.repeat(26 * 1024 * 1024);
    const res = await publish(key, 'huge', 'v1', huge);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('invalid api and version names → 400', async () => {
    const key = await newKey();
    for (const [api, version] of [
      ['Pets', 'v1'],
      ['-pets', 'v1'],
      ['a'.repeat(64), 'v1'],
      ['pets', 'latest'],
      ['pets', 'v 1'],
      ['pets', 'x'.repeat(65)],
    ]) {
      const res = await publish(key, encodeURIComponent(api), encodeURIComponent(version), petstore3);
      expect(res.status, `${api}/${version}`).toBe(400);
    }
  });

  it('an unsupported upload media type → 415', async () => {
    const key = await newKey();
    const res = await publish(key, 'img', 'v1', petstore3, 'image/png');
    expect(res.status).toBe(415);
  });

  it('strict mode turns official-schema violations into 422', async () => {
    const sloppy = `openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              example: ok\n`;
    const key = await newKey();
    const lenient = await publish(key, 'sloppy', 'v1', sloppy);
    expect(lenient.status).toBe(201);
    const body = (await lenient.json()) as { warnings: { pointer: string; message: string }[] };
    expect(body.warnings.length).toBeGreaterThan(0);
    const strict = await publish(key, 'sloppy', 'v2', sloppy, 'application/yaml', '?strict=true');
    expect(strict.status).toBe(422);
  });
});

describe('storage caps', () => {
  it('refuses a new version once an API holds 500, with 409 limit-reached', async () => {
    const key = await newKey();
    expect((await publish(key, 'capped', 'v0', petstore3)).status).toBe(201);
    const env = testEnv as unknown as Env;
    await runInDurableObject(
      env.REGISTRY.get(env.REGISTRY.idFromName('capped')),
      async (_instance, state) => {
        const current = (await state.storage.get<{ order: string[]; versions: Record<string, unknown> }>(
          'state',
        ))!;
        for (let i = 1; i < 500; i++) {
          current.order.push(`v${i}`);
          current.versions[`v${i}`] = { ...(current.versions.v0 as object), version: `v${i}` };
        }
        await state.storage.put('state', current);
      },
    );
    const full = await publish(key, 'capped', 'v500', petstore3);
    expect(full.status).toBe(409);
    expect(((await full.json()) as ProblemJson).type).toBe('https://specmock.dev/problems/limit-reached');
    expect((await publish(key, 'capped', 'v0', petstore3)).status).toBe(200);
  });
});

describe('APIs per key', () => {
  it('refuses a new API name past MAX_APIS_PER_KEY (5 in these tests), and still accepts versions of owned APIs', async () => {
    const key = await newKey();
    for (let i = 0; i < 5; i++) expect((await publish(key, `mine-${i}`, 'v1', petstore3)).status).toBe(201);
    const sixth = await publish(key, 'mine-5', 'v1', petstore3);
    expect(sixth.status).toBe(409);
    expect(((await sixth.json()) as ProblemJson).type).toBe('https://specmock.dev/problems/limit-reached');
    expect((await publish(key, 'mine-0', 'v2', petstore31)).status).toBe(201);
  });
});

describe('problem catalogue', () => {
  it('documents every problem type the service can answer with', async () => {
    const list = (await (await call('/problems')).json()) as {
      problems: { type: string; status: number; title: string }[];
    };
    expect(list.problems.map((p) => p.type)).toContain('https://specmock.dev/problems/version-conflict');
    const one = await call('/problems/version-conflict');
    expect(await one.json()).toMatchObject({ slug: 'version-conflict', status: 409 });
    expect((await call('/problems/nope')).status).toBe(404);
  });
});

describe('unknown control-plane routes', () => {
  it('answer 404 for an unknown path and 405 with Allow for a known path', async () => {
    const missing = await call('/v1/nothing');
    expect(missing.status).toBe(404);
    const wrong = await call('/v1/apis', { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    const version = await call('/v1/apis/x/versions/y', { method: 'POST' });
    expect(version.headers.get('allow')).toBe('DELETE, GET, PUT');
  });
});

describe('GET /v1/openapi.json', () => {
  it('describes the service and can be published to specmock itself', async () => {
    const doc = await call('/v1/openapi.json');
    expect(doc.status).toBe(200);
    const text = await doc.text();
    const parsed = JSON.parse(text) as { openapi: string; paths: Record<string, unknown> };
    expect(parsed.openapi).toBe('3.1.0');
    for (const path of [
      '/healthz',
      '/v1/keys',
      '/v1/usage',
      '/v1/apis',
      '/v1/apis/{api}',
      '/v1/apis/{api}/versions/{version}',
      '/mock/{api}/{version}/{path}',
    ]) {
      expect(parsed.paths).toHaveProperty([path]);
    }
    const key = await newKey();
    const res = await publish(key, 'specmock-itself', 'v1', text, 'application/json', '?strict=true');
    expect(res.status, await res.clone().text()).toBe(201);
    const usage = await call('/mock/specmock-itself/v1/v1/usage', { headers: { authorization: 'Bearer x' } });
    expect(usage.status).toBe(200);
    expect(await usage.json()).toHaveProperty('daily');
  });
});
