import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';
import { withHost } from '../support/host-request';

const state = mkdtempSync(join(tmpdir(), 'specmock-e2e-'));
let server: DevServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(state, { recursive: true, force: true });
});

const petstore = readFileSync(new URL('../../spec-examples/petstore.oas3.yaml', import.meta.url), 'utf8');

describe('npm run dev', () => {
  it('publishes, serves mocks, and keeps every version across a restart', async () => {
    server = await startDevServer(state, ['--var', 'ADMIN_TOKEN:e2e-admin']);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, answerCache: { hits: 0, misses: 0 } });

    const keyRes = await fetch(`${server.url}/v1/keys`, {
      method: 'POST',
      headers: { authorization: 'Bearer e2e-admin' },
      body: JSON.stringify({ limits: { perMinute: 1000, perMonth: 1000 } }),
    });
    expect(keyRes.status).toBe(201);
    const { key } = (await keyRes.json()) as { key: string };

    const put = await fetch(`${server.url}/v1/apis/petstore/versions/1.0.0`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
      body: petstore,
    });
    expect(put.status).toBe(201);
    const { mockUrl } = (await put.json()) as { mockUrl: string };
    expect(mockUrl).toBe(`${server.url}/mock/petstore/1.0.0`);

    const first = await fetch(`${mockUrl}/pets/42`);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit')).toMatch(/"minute";r=\d+;t=\d+/);
    const body = await first.text();

    await server.stop();
    server = await startDevServer(state);
    const restartedUrl = mockUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.url);
    const again = await fetch(`${restartedUrl}/pets/42`);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(body);
    const listed = await fetch(`${server.url}/v1/apis`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await listed.json()) as { apis: { api: string }[] }).apis.map((a) => a.api)).toEqual([
      'petstore',
    ]);
  });

  it('serves each API without a prefix at its host under mock.localhost, and the dashboard at the root', async () => {
    server ??= await startDevServer(state);
    const { key } = (await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as {
      key: string;
    };
    const put = await fetch(`${server.url}/v1/apis/hosted/versions/1.0.0`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
      body: petstore,
    });
    const port = new URL(server.url).port;
    const published = (await put.json()) as { mockUrl: string; hostUrl: string; latestHostUrl: string };
    expect(published.hostUrl).toBe(`http://hosted--1-0-0.mock.localhost:${port}`);
    expect(published.latestHostUrl).toBe(`http://hosted.mock.localhost:${port}`);
    const byPath = await (await fetch(`${published.mockUrl}/pets/42`)).text();
    // What curl -H 'Host: hosted.mock.localhost:PORT' (or a browser at that URL) gets through wrangler dev.
    for (const host of [new URL(published.latestHostUrl).host, new URL(published.hostUrl).host]) {
      const byHost = await withHost(`${server.url}/pets/42`, host);
      expect(byHost.status, host).toBe(200);
      expect(byHost.body, host).toBe(byPath);
      // On a mock's host `/` is the mock's too (the spec has no `/`: 404), never the dashboard.
      const root = await withHost(`${server.url}/`, host);
      expect(root.status).toBe(404);
      expect(root.headers['content-type']).not.toContain('text/html');
    }
    const dashboard = await fetch(`${server.url}/`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('content-type')).toContain('text/html');
  });

  it("publishes and serves GitHub's 12 MB REST description", async () => {
    server ??= await startDevServer(state);
    const { key } = (await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as {
      key: string;
    };
    const text = readFileSync(
      new URL('../../node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url),
      'utf8',
    );
    const started = performance.now();
    const put = await fetch(`${server.url}/v1/apis/github/versions/v1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: text,
    });
    const publishMs = performance.now() - started;
    expect(put.status, await put.clone().text()).toBe(201);
    const { operations } = (await put.json()) as { operations: number };
    expect(operations).toBeGreaterThan(1000);
    const t1 = performance.now();
    const repo = await fetch(`${server.url}/mock/github/v1/repos/octocat/hello-world`);
    const firstCallMs = performance.now() - t1;
    expect(repo.status).toBe(200);
    const json = (await repo.json()) as { full_name: string; owner: object };
    expect(typeof json.full_name).toBe('string');
    console.log(`github: publish ${Math.round(publishMs)} ms, first mock call ${Math.round(firstCallMs)} ms`);
  });
});
