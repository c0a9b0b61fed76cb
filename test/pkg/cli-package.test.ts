import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, freePort, type DevServer } from '../support/dev-server';
import { ROOT, exec, installCli, listening, packCli, sizeOf, start, until } from './installed';

/**
 * Issue 23: a CI job of another repository installs the CLI from its tarball into an empty folder
 * (no build step, no dev tooling), mocks a multi-file description offline, publishes to a server,
 * and the GitHub Action's step does the same from its inputs. Stopping leaves nothing listening.
 */

const work = mkdtempSync(join(tmpdir(), 'specmock-pack-'));
const MULTI = join(ROOT, 'test/fixtures/multi-file/train-travel/openapi.yaml');
let tarball = '';
let installed: { dir: string; bin: string };
let server: DevServer;
let key = '';

beforeAll(async () => {
  tarball = await packCli(work);
  const began = Date.now();
  installed = await installCli(tarball);
  console.log(`[pkg] npm install <tarball> into an empty folder: ${Date.now() - began} ms`);
  server = await startDevServer(mkdtempSync(join(work, 'state-')));
  const res = await fetch(`${server.url}/v1/keys`, { method: 'POST' });
  key = ((await res.json()) as { key: string }).key;
});

afterAll(async () => {
  await server?.stop();
  rmSync(installed?.dir ?? work, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('the CLI package', () => {
  it('ships the CLI and the prebuilt Worker, and no tests or dev tooling', async () => {
    const { stdout } = await exec('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/cli/specmock.mjs');
    expect(files).toContain('package/prebuilt/worker/index.js');
    expect(
      files.filter((f) => /\/(test|bench|worker|scripts)\//.test(f.replace('package/prebuilt/worker/', ''))),
    ).toEqual([]);
    const deps = Object.keys(
      JSON.parse(readFileSync(join(installed.dir, 'node_modules/specmock-cli/package.json'), 'utf8'))
        .dependencies,
    );
    expect(deps.sort()).toEqual(['miniflare', 'yaml']);
    console.log(
      `[pkg] packed ${(sizeOf(tarball) / 1e6).toFixed(2)} MB, ${files.length} files; installed package ${(sizeOf(join(installed.dir, 'node_modules/specmock-cli')) / 1e6).toFixed(1)} MB, with its dependencies ${(sizeOf(join(installed.dir, 'node_modules')) / 1e6).toFixed(0)} MB`,
    );
  });

  it('prints its version', async () => {
    const { stdout } = await exec('npx', ['specmock', '--version'], { cwd: installed.dir });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    expect(stdout.trim()).toBe(`specmock ${version}`);
  });

  it('mocks a multi-file description offline, at the root of its port, and stops cleanly', async () => {
    const port = await freePort();
    const began = Date.now();
    const mock = start(installed.bin, ['mock', MULTI, '--port', String(port)], installed.dir, {
      npm_config_offline: 'true',
    });
    // Ready once it says so (the port opens a moment before the description is loaded).
    await until(async () => (mock.text().includes('mocking ') ? true : undefined), 60_000);
    const status = (await fetch(`http://127.0.0.1:${port}/bookings`)).status;
    console.log(`[pkg] specmock mock started → first answer: ${Date.now() - began} ms`);
    expect(status, mock.text()).toBe(401); // the description requires OAuth2
    const stations = await fetch(`http://127.0.0.1:${port}/stations`, {
      headers: { authorization: 'Bearer x' },
    });
    expect(stations.status, mock.text()).toBe(200);
    // A schema of another file (components/schemas/Station.yaml) shaped the answer.
    expect(Object.keys((await stations.json()) as object).length).toBeGreaterThan(0);
    mock.child.kill('SIGTERM');
    await until(async () => ((await listening(port)) ? undefined : true), 10_000);
    expect(await listening(port)).toBe(false);
  });

  it('publishes to a server and the mock URL answers', async () => {
    const { stdout } = await exec(
      installed.bin,
      [
        'publish',
        join(ROOT, 'spec-examples/petstore.oas3.yaml'),
        '--api',
        'pkg-pets',
        '--version',
        '1',
        '--server',
        server.url,
        '--key',
        key,
      ],
      { cwd: installed.dir },
    );
    const url = stdout.trim();
    expect(url).toBe(`${server.url}/mock/pkg-pets/1`);
    expect((await fetch(`${url}/pets`)).status).toBe(200);
  });
});

describe('the GitHub Action (action/run.sh with its inputs as the runner passes them)', () => {
  const step = async (inputs: Record<string, string>) => {
    const out = join(work, `output-${Math.random().toString(36).slice(2)}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RUNNER_TEMP: work,
      GITHUB_OUTPUT: out,
      INPUT_PACKAGE: tarball,
    };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
    await exec('bash', [join(ROOT, 'action/run.sh')], { env, cwd: work, maxBuffer: 8 * 1024 * 1024 });
    if (!existsSync(out)) return {};
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  };

  it('publish, sandbox, mock in the background, and stop', async () => {
    const spec = join(ROOT, 'spec-examples/petstore.oas3.yaml');
    const published = await step({
      command: 'publish',
      spec,
      api: 'action-pets',
      version: '1',
      server: server.url,
      key,
    });
    expect(published['mock-url']).toBe(`${server.url}/mock/action-pets/1`);
    const sandbox = await step({ command: 'sandbox', api: 'action-pets', server: server.url, key });
    expect(sandbox['sandbox-url']).toMatch(/\/sandbox\/sb_[0-9a-f]{32}$/);
    const created = await fetch(`${sandbox['sandbox-url']}/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Rex"}',
    });
    expect(created.status).toBe(201);

    const port = String(await freePort());
    const mocked = await step({ command: 'mock', spec: MULTI, port });
    expect(mocked['mock-url']).toBe(`http://127.0.0.1:${port}`);
    expect(await listening(Number(port))).toBe(true);
    await step({ command: 'stop' });
    expect(await listening(Number(port))).toBe(false);
  });
});
