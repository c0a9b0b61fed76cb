import { env as testEnv } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../worker/env';
import { kvKeys } from '../../worker/storage/kv-keys';
import petstore from '../../spec-examples/petstore.oas3.yaml?raw';
import { auth, call, newKey, publish } from './helpers';

const env = testEnv as unknown as Env;

/** A spec whose only path is /ping, so a mock call to /pets/1 tells which version answered. */
const pingOnly = (version: string) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'ping', version },
    paths: { '/ping': { get: { responses: { '200': { description: 'ok' } } } } },
  });

describe('read-after-publish', () => {
  it('serves a new version at once even when the KV mirror still shows the old state', async () => {
    const key = await newKey();
    expect((await publish(key, 'stale-mirror', 'v1', petstore)).status).toBe(201);
    expect((await call('/mock/stale-mirror/v1/pets/1')).status).toBe(200);
    const old = await env.SPECS.get(kvKeys.apiMirror('stale-mirror'));
    expect((await publish(key, 'stale-mirror', 'v2', petstore.replace('1.0.0', '2.0.0'))).status).toBe(201);
    // What another location's edge cache would still hold: the mirror from before the publish.
    await env.SPECS.put(kvKeys.apiMirror('stale-mirror'), old!);
    expect((await call('/mock/stale-mirror/v2/pets/1')).status).toBe(200);
    expect((await call('/mock/stale-mirror/v3/pets/1')).status).toBe(404);
  });

  it('serves an API the KV mirror does not know yet', async () => {
    const key = await newKey();
    expect((await call('/mock/not-yet-mirrored/v1/pets/1')).status).toBe(404);
    expect((await publish(key, 'not-yet-mirrored', 'v1', petstore)).status).toBe(201);
    await env.SPECS.delete(kvKeys.apiMirror('not-yet-mirrored'));
    const res = await call('/mock/not-yet-mirrored/v1/pets/1');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: number }).id).toBe(1);
  });
});

describe('latest', () => {
  it('is the highest semantic version, and says which rule chose it', async () => {
    const key = await newKey();
    expect((await publish(key, 'semver-api', '1.0.0', pingOnly('1.0.0'), 'application/json')).status).toBe(
      201,
    );
    expect((await publish(key, 'semver-api', '1.1.0', petstore)).status).toBe(201);
    expect((await publish(key, 'semver-api', '0.9.0', pingOnly('0.9.0'), 'application/json')).status).toBe(
      201,
    );
    expect(
      (await publish(key, 'semver-api', '2.0.0-rc.1', pingOnly('2.0.0-rc.1'), 'application/json')).status,
    ).toBe(201);
    const api = (await (await call('/v1/apis/semver-api', { headers: auth(key) })).json()) as {
      latest: string;
      latestRule: string;
      versions: { version: string }[];
    };
    expect(api).toMatchObject({ latest: '1.1.0', latestRule: 'semver' });
    expect(api.versions.map((v) => v.version)).toEqual(['2.0.0-rc.1', '0.9.0', '1.1.0', '1.0.0']);
    expect((await call('/mock/semver-api/latest/pets/1')).status).toBe(200); // 1.1.0 has /pets
    const list = (await (await call('/v1/apis', { headers: auth(key) })).json()) as {
      apis: { api: string; latest: string }[];
    };
    expect(list.apis.find((a) => a.api === 'semver-api')!.latest).toBe('1.1.0');
    const latestVersion = await call('/v1/apis/semver-api/versions/latest', { headers: auth(key) });
    expect(((await latestVersion.json()) as { version: string }).version).toBe('1.1.0');
  });

  it('is the last published once any version is not a semantic version', async () => {
    const key = await newKey();
    await publish(key, 'mixed-api', '2.0.0', petstore);
    await publish(key, 'mixed-api', 'nightly', pingOnly('n'), 'application/json');
    const api = (await (await call('/v1/apis/mixed-api', { headers: auth(key) })).json()) as {
      latest: string;
      latestRule: string;
    };
    expect(api).toMatchObject({ latest: 'nightly', latestRule: 'last-published' });
    expect((await call('/mock/mixed-api/latest/pets/1')).status).toBe(404);
    expect((await call('/mock/mixed-api/latest/ping')).status).toBe(200);
  });
});
