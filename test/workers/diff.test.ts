import { beforeAll, describe, expect, it } from 'vitest';
import v1 from '../fixtures/diff/pets-v1.yaml?raw';
import v2 from '../fixtures/diff/pets-v2.yaml?raw';
import { auth, call, newKey, publish, type ProblemJson } from './helpers';
import { waitForCalls } from './steer-helpers';

/**
 * The diff through the real request log: calls made to the mock of 1.0.0 (pets-v1.yaml) are logged,
 * 1.1.0 (pets-v2.yaml) is published, and each call 1.1.0 would refuse must be attributed to the one
 * change that refuses it. Each call below names that change; the expectations follow from the rules
 * (README, "Breaking changes"), not from a run of the code.
 */

interface Change {
  rule: string;
  level: string;
  operation: string | null;
  pointer: string;
  affectedCalls: number;
  exampleCall?: { method: string; path: string };
}
interface Diff {
  api: string;
  from: string;
  to: string;
  summary: { breaking: number; possiblyBreaking: number; nonBreaking: number };
  changes: Change[];
  traffic: { replayed: number; wouldFail: number; receivedRemovedFields: number; unattributed: number };
}

const KEY_HEADER = { 'x-api-key': 'consumer-key-1' };
const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });
const pet = { name: 'Rex', chip: 'c-1', species: 'dog' };

/** [method, path, headers, body?, the change of 1.1.0 that refuses it (rule, operation)] */
type Outcome = [string, string] | 'accepted' | 'refused-by-1.0.0';
type Recorded = [string, string, Record<string, string>, string | undefined, Outcome];
function recorded(): Recorded[] {
  const post = (query: string, headers: Record<string, string>, body: unknown, cause: Outcome): Recorded => {
    const j = json(body);
    return ['POST', `/pets${query}`, { ...headers, 'content-type': j['content-type'] }, j.body, cause];
  };
  const createPet = (rule: string): [string, string] => [rule, 'POST /pets'];
  const listPets = (rule: string): [string, string] => [rule, 'GET /pets'];
  return [
    ['GET', '/stores', {}, undefined, ['api-path-removed', 'GET /stores']],
    ['DELETE', '/pets/7', {}, undefined, ['api-operation-removed', 'DELETE /pets/{petId}']],
    post('?dryRun=true', {}, pet, createPet('api-security-added')),
    [
      'POST',
      '/pets?dryRun=true',
      { ...KEY_HEADER, 'content-type': 'application/x-www-form-urlencoded' },
      'name=Rex&chip=c-1&species=dog',
      createPet('request-body-media-type-removed'),
    ],
    post(
      '?dryRun=true',
      KEY_HEADER,
      { name: 'Rex', species: 'dog' },
      createPet('request-property-became-required'),
    ),
    post('', KEY_HEADER, pet, createPet('request-parameter-became-required')),
    post(
      '?dryRun=true',
      KEY_HEADER,
      { ...pet, name: 'Rex the Magnificent of Barkshire' },
      createPet('request-property-max-length-decreased'),
    ),
    post(
      '?dryRun=true',
      KEY_HEADER,
      { ...pet, kind: 'bird' },
      createPet('request-property-enum-value-removed'),
    ),
    post(
      '?dryRun=true',
      KEY_HEADER,
      { ...pet, favourite: 'ball' },
      createPet('request-property-additional-properties-restricted'),
    ),
    ['POST', '/pets?dryRun=true', KEY_HEADER, undefined, createPet('request-body-became-required')],
    post(
      '?dryRun=true',
      KEY_HEADER,
      { name: 'Rex', chip: 'c-1' },
      createPet('request-property-added-required'),
    ),
    post(
      '?dryRun=true',
      KEY_HEADER,
      { ...pet, home: 'Main Street 1' },
      createPet('request-property-variant-removed'),
    ),
    ['GET', '/pets?filter=x', {}, undefined, listPets('request-parameter-added-required')],
    ['GET', '/pets?filter=x&region=eu&limit=80', {}, undefined, listPets('request-parameter-max-decreased')],
    [
      'GET',
      '/pets?filter=x&region=eu&sort=age',
      {},
      undefined,
      listPets('request-parameter-enum-value-removed'),
    ],
    [
      'GET',
      '/pets?filter=x&region=eu&since=yesterday',
      {},
      undefined,
      listPets('request-parameter-type-changed'),
    ],
    ['GET', '/pets/7?tenant=acme', KEY_HEADER, undefined, ['request-parameter-moved', 'GET /pets/{id}']],
    [
      'POST',
      '/orders',
      { 'content-type': 'application/json' },
      '{}',
      ['request-body-removed', 'POST /orders'],
    ],
    ['PUT', '/pets/7', {}, undefined, ['request-body-added-required', 'PUT /pets/{id}']],
    // 1.1.0 accepts these two; the second's response holds members 1.1.0 removes or makes optional.
    ['GET', '/pets?filter=x&region=eu', {}, undefined, 'accepted'],
    ['GET', '/pets/8', { ...KEY_HEADER, tenant: 'acme' }, undefined, 'accepted'],
    // 1.0.0 refused these: a refusal is never a call that would fail.
    ['GET', '/nowhere', {}, undefined, 'refused-by-1.0.0'],
    ['GET', '/pets', {}, undefined, 'refused-by-1.0.0'],
  ];
}

let key: string;
let published: {
  diff?: { against: string; summary: Diff['summary']; affectedCalls: number; url: string; warning?: string };
};

beforeAll(async () => {
  key = await newKey();
  expect((await publish(key, 'pets', '1.0.0', v1)).status).toBe(201);
  const calls = recorded();
  for (const [method, path, headers, body, cause] of calls) {
    const res = await call(`/mock/pets/1.0.0${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const success = res.status >= 200 && res.status < 300;
    expect(success, `${method} ${path} → ${res.status}`).toBe(cause !== 'refused-by-1.0.0');
  }
  await waitForCalls(key, 'pets', calls.length);
  const res = await publish(key, 'pets', '1.1.0', v2);
  expect(res.status).toBe(201);
  published = await res.json();
});

async function diff(query = '', headers: Record<string, string> = {}): Promise<Response> {
  return call(`/v1/apis/pets/diff${query}`, { headers: auth(key, headers) });
}

describe('GET /v1/apis/{api}/diff', () => {
  it('replays the logged calls and attributes each refusal to the change that causes it', async () => {
    const res = await diff();
    expect(res.status).toBe(200);
    const body = (await res.json()) as Diff;
    expect([body.from, body.to]).toEqual(['1.0.0', '1.1.0']);
    const causes = recorded().flatMap(([, , , , cause]) => (Array.isArray(cause) ? [cause] : []));
    expect(body.traffic).toMatchObject({ replayed: 23, wouldFail: causes.length, unattributed: 0 });
    // Both logged GET /pets/{petId} answers held `legacyCode` (required in 1.0.0, removed in 1.1.0).
    expect(body.traffic.receivedRemovedFields).toBe(2);
    for (const [rule, operation] of causes) {
      const change = body.changes.find((c) => c.rule === rule && c.operation === operation);
      expect(change, `${rule} on ${operation}`).toBeDefined();
      expect(change!.affectedCalls, `${rule} on ${operation}`).toBe(1);
      expect(change!.exampleCall?.method).toBe(operation.split(' ')[0]);
    }
    const requestSide = body.changes.filter((c) => c.affectedCalls > 0 && !c.rule.startsWith('response-'));
    expect(requestSide.map((c) => `${c.rule} ${c.operation}`).sort()).toEqual(
      causes.map(([rule, op]) => `${rule} ${op}`).sort(),
    );
    const removed = body.changes.find((c) => c.rule === 'response-property-removed-required');
    expect(removed).toMatchObject({ operation: 'GET /pets/{id}', affectedCalls: 2 });
    expect(removed!.pointer).toBe(
      '/paths/~1pets~1{petId}/get/responses/200/content/application~1json/schema/properties/legacyCode',
    );
  });

  it('summarises the diff in the 201 of the publish, with a semver warning', async () => {
    expect(published.diff).toMatchObject({ against: '1.0.0', affectedCalls: 20 });
    expect(published.diff!.summary.breaking).toBeGreaterThan(30);
    expect(published.diff!.url).toMatch(/\/v1\/apis\/pets\/diff\?from=1\.0\.0&to=1\.1\.0$/);
    expect(published.diff!.warning).toMatch(/minor release after 1\.0\.0/);
  });

  it('answers a pull-request comment in Markdown', async () => {
    const res = await diff('?from=1.0.0&to=1.1.0', { accept: 'text/markdown' });
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await res.text();
    expect(text).toContain('## API changes: `pets` 1.0.0 → 1.1.0');
    expect(text).toContain('**19 would fail**');
    expect(text).toContain(
      '| `POST /pets` | request body (application/json) › chip: became required | `request-property-became-required` | **1** |',
    );
  });

  it('answers 404 problems for unknown versions and other tenants', async () => {
    const unknown = await diff('?from=0.9.0');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ProblemJson).type).toMatch(/version-not-found$/);
    const first = await diff('?to=1.0.0');
    expect(first.status).toBe(404);
    const stranger = await call('/v1/apis/pets/diff', { headers: auth(await newKey()) });
    expect(stranger.status).toBe(404);
  });
});

describe('publish with failOn', () => {
  it('refuses a breaking version with 409 and stores nothing', async () => {
    const res = await publish(
      key,
      'pets',
      '1.2.0',
      v1.replace('1.0.0', '1.2.0'),
      'application/yaml',
      '?failOn=breaking',
    );
    expect(res.status).toBe(409);
    const problem = (await res.json()) as ProblemJson;
    expect(problem.type).toMatch(/breaking-change$/);
    expect(problem.errors!.some((e) => e.message.startsWith('api-path-added'))).toBe(false);
    expect(problem.errors!.some((e) => e.message.startsWith('request-property-became-optional'))).toBe(false);
    expect(problem.errors!.some((e) => e.message.startsWith('api-path-removed'))).toBe(true);
    const stored = await call('/v1/apis/pets/versions/1.2.0', { headers: auth(key) });
    expect(stored.status).toBe(404);
  });

  it('publishes a version with no breaking change', async () => {
    const same = v2.replace('version: 1.1.0', 'version: 1.1.1');
    const res = await publish(key, 'pets', '1.1.1', same, 'application/yaml', '?failOn=breaking');
    expect(res.status).toBe(201);
    const body = (await res.json()) as typeof published;
    expect(body.diff).toMatchObject({
      against: '1.1.0',
      summary: { breaking: 0, possiblyBreaking: 0, nonBreaking: 0 },
    });
    expect(body.diff!.warning).toBeUndefined();
  });

  it('rejects an unknown failOn level', async () => {
    const res = await publish(key, 'pets', '1.3.0', v2, 'application/yaml', '?failOn=everything');
    expect(res.status).toBe(400);
  });
});
