import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDevServer, type DevServer } from '../support/dev-server';
import { withHost } from '../support/host-request';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'cli/specmock.mjs');
const PETSTORE = join(ROOT, 'spec-examples/petstore.oas3.yaml');
const ADMIN = 'cli-test-admin';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would (same Node as the tests), with no SPECMOCK_* leaking in from outside. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPECMOCK_')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: { ...clean, ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const work = mkdtempSync(join(tmpdir(), 'specmock-cli-'));
let server: DevServer | undefined;
let key = '';

beforeAll(async () => {
  server = await startDevServer(join(work, 'state'), ['--var', `ADMIN_TOKEN:${ADMIN}`]);
  const created = await cli([
    'keys',
    'create',
    '--server',
    server.url,
    '--admin-token',
    ADMIN,
    '--per-minute',
    '1000',
    '--per-month',
    '100000',
  ]);
  expect(created.code, created.stderr).toBe(0);
  key = created.stdout.trim();
  expect(key).toMatch(/^sk_[0-9a-f]{20}_[0-9A-Za-z]{32}$/);
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('specmock --help', () => {
  it('documents every command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['publish', 'mock', 'sandbox', 'keys', 'usage', 'apis', 'logs', 'behaviour']) {
      expect(top.stdout).toContain(command);
      const help = await cli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout).toMatch(/^Usage: specmock /);
    }
  });

  it('refuses unknown commands and options', async () => {
    expect((await cli(['frobnicate'])).code).toBe(1);
    const bad = await cli(['publish', PETSTORE, '--no-such-flag']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Usage: specmock publish');
  });
});

describe('specmock publish (against npm run dev)', () => {
  it('prints the versioned mock URL, defaults the version to the content hash, and is idempotent', async () => {
    const hash = createHash('sha256').update(readFileSync(PETSTORE)).digest('hex').slice(0, 12);
    const first = await cli(['publish', PETSTORE, '--api', 'cli-pets'], {
      SPECMOCK_SERVER: server!.url,
      SPECMOCK_KEY: key,
    });
    expect(first.code, first.stderr).toBe(0);
    const url = first.stdout.trim();
    expect(url).toBe(`${server!.url}/mock/cli-pets/${hash}`);
    expect(first.stderr).toContain('published');

    const pet = await fetch(`${url}/pets/42`);
    expect(pet.status).toBe(200);
    expect(((await pet.json()) as { id: number }).id).toBe(42);

    const again = await cli([
      'publish',
      PETSTORE,
      '--api',
      'cli-pets',
      '--server',
      server!.url,
      '--key',
      key,
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result).toMatchObject({
      api: 'cli-pets',
      version: hash,
      mockUrl: url,
      unchanged: true,
      operations: 5,
    });
  });

  it('exits 1 with the problem detail and its pointers when the server rejects the spec', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'x', version: '1' },
        // An external ref is refused (a dangling internal one publishes, see issue 10).
        paths: {
          '/x': { get: { responses: { '200': { $ref: 'https://example.com/responses.json#/Nope' } } } },
        },
      }),
    );
    const run = await cli(['publish', bad, '--api', 'cli-bad', '--server', server!.url, '--key', key]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/rejected: .*\(422\)/);
    expect(run.stderr).toContain('/paths/~1x/get/responses/200');

    const yaml = join(work, 'bad.yaml');
    writeFileSync(yaml, 'openapi: 3.0.3\ninfo: [unclosed\n');
    const syntax = await cli(['publish', yaml, '--api', 'cli-bad', '--server', server!.url, '--key', key]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/\(400\)/);
    expect(syntax.stderr).toMatch(/line \d+/);
  });

  it('exits 1 on a version conflict (versions are immutable)', async () => {
    const changed = join(work, 'petstore-changed.yaml');
    writeFileSync(
      changed,
      readFileSync(PETSTORE, 'utf8').replace('The classic pet store', 'A changed pet store'),
    );
    expect(
      (
        await cli([
          'publish',
          PETSTORE,
          '--api',
          'cli-conflict',
          '--version',
          '1.0.0',
          '--server',
          server!.url,
          '--key',
          key,
        ])
      ).code,
    ).toBe(0);
    const run = await cli([
      'publish',
      changed,
      '--api',
      'cli-conflict',
      '--version',
      '1.0.0',
      '--server',
      server!.url,
      '--key',
      key,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\(409\)/);
  });

  it('explains a bad key, a missing key and a missing file', async () => {
    const badKey = await cli([
      'publish',
      PETSTORE,
      '--api',
      'cli-pets',
      '--server',
      server!.url,
      '--key',
      `sk_${'0'.repeat(20)}_${'a'.repeat(32)}`,
    ]);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('refused the API key');

    const noKey = await cli(['publish', PETSTORE, '--api', 'cli-pets', '--server', server!.url]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('SPECMOCK_KEY');

    const missing = await cli([
      'publish',
      join(work, 'nope.yaml'),
      '--api',
      'cli-pets',
      '--server',
      server!.url,
      '--key',
      key,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such file');
  });

  it('exits 2 when the server is unreachable', async () => {
    const port = await freePort();
    const run = await cli([
      'publish',
      PETSTORE,
      '--api',
      'cli-pets',
      '--server',
      `http://127.0.0.1:${port}`,
      '--key',
      key,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot reach');
  });

  it('shows upload progress on stderr for a large spec', async () => {
    const big = join(work, 'big.json');
    const doc = {
      openapi: '3.0.3',
      info: { title: 'big', version: '1', description: 'x'.repeat(2 * 1024 * 1024) },
      paths: { '/ping': { get: { responses: { '200': { description: 'ok' } } } } },
    };
    writeFileSync(big, JSON.stringify(doc));
    const run = await cli(['publish', big, '--api', 'cli-big', '--server', server!.url, '--key', key]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/uploading .* \/ 2\.0 MB \(100%\)/);
  });

  it('lists APIs and usage', async () => {
    const apis = await cli(['apis', '--server', server!.url, '--key', key, '--json']);
    expect(apis.code, apis.stderr).toBe(0);
    expect((JSON.parse(apis.stdout) as { apis: { api: string }[] }).apis.map((a) => a.api)).toContain(
      'cli-pets',
    );
    const one = await cli(['apis', 'cli-pets', '--server', server!.url, '--key', key]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('/mock/cli-pets/');
    const usage = await cli(['usage', '--server', server!.url, '--key', key]);
    expect(usage.code, usage.stderr).toBe(0);
    expect(usage.stdout).toMatch(/minute\s+\d+ used of 1000/);
    expect(usage.stdout).toMatch(/control plane\nminute\s+\d+ used of 1200/);
  });
});

describe('specmock sandbox (against npm run dev)', () => {
  it('creates a sandbox, prints its URL, and resets and deletes it by URL', async () => {
    const common = ['--server', server!.url, '--key', key];
    const published = await cli(['publish', PETSTORE, '--api', 'cli-sandbox', '--version', '1', ...common]);
    expect(published.code, published.stderr).toBe(0);
    const created = await cli(['sandbox', 'create', '--api', 'cli-sandbox', '--seed', 'ci', ...common]);
    expect(created.code, created.stderr).toBe(0);
    const url = created.stdout.trim();
    expect(url).toMatch(new RegExp(`^${server!.url}/sandbox/sb_[0-9a-f]{32}$`));
    const start = await (await fetch(`${url}/pets`)).text();
    const posted = await fetch(`${url}/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'From CI' }),
    });
    expect(posted.status).toBe(201);
    const pet = (await posted.json()) as { id: number };
    expect(((await (await fetch(`${url}/pets/${pet.id}`)).json()) as { name: string }).name).toBe('From CI');
    const listed = await cli(['sandbox', 'list', '--api', 'cli-sandbox', ...common]);
    expect(listed.stdout).toContain(url);
    expect((await cli(['sandbox', 'reset', url, ...common])).code).toBe(0);
    expect(await (await fetch(`${url}/pets`)).text()).toBe(start);
    expect((await cli(['sandbox', 'delete', url, ...common])).code).toBe(0);
    expect((await fetch(`${url}/pets`)).status).toBe(404);
    const again = await cli(['sandbox', 'delete', url, ...common]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sandbox-not-found');
  });
});

/** Starts `specmock mock` and waits for its first stdout line. */
async function startLocal(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'mock', PETSTORE, '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (!stdout.includes('\n')) {
    if (child.exitCode !== null) throw new Error(`specmock mock exited early:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`no URL within 120 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited, line: stdout.trim(), stderr: () => stderr };
}

describe('specmock mock (miniflare, no server)', () => {
  it('serves petstore at the root of its port (GET /pets/42), the path and host forms too, and stops cleanly on SIGINT', async () => {
    const { child, exited, line, stderr } = await startLocal([]);
    try {
      const url = line;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/pets/42`);
      expect(res.status).toBe(200);
      // Local mode runs without quotas (QUOTAS=off): nothing is counted, so nothing is reported.
      expect(res.headers.get('ratelimit')).toBeNull();
      const text = await res.text();
      expect((JSON.parse(text) as { id: number }).id).toBe(42);
      expect((await fetch(`${url}/pets/42`, { headers: { prefer: 'code=404' } })).status).toBe(404);
      // The same mock by its path form and by its host (curl -H 'Host: …' or a browser on *.localhost).
      expect(await (await fetch(`${url}/mock/petstore-oas3/latest/pets/42`)).text()).toBe(text);
      const port = new URL(url).port;
      expect((await withHost(`${url}/pets/42`, `petstore-oas3.mock.localhost:${port}`)).body).toBe(text);
      // The root is the mock's: the service's own paths are the spec's there (an unknown one here).
      expect((await fetch(`${url}/v1/usage`)).status).toBe(404);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stderr()).toContain('stopping');
  });

  it('--stateful serves one seeded sandbox at the root: POST then GET returns it, on every form of its URL', async () => {
    const { child, exited, line } = await startLocal(['--stateful', '--seed', 'local', '--json']);
    try {
      const out = JSON.parse(line) as Record<string, string>;
      const url = out.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out.sandboxId).toMatch(/^sb_[0-9a-f]{32}$/);
      expect(out.sandboxUrl).toBe(`${url}/sandbox/${out.sandboxId}`);
      expect(out.mockUrl).toMatch(new RegExp(`^${url}/mock/petstore-oas3/[0-9a-f]{12}$`));
      const port = new URL(url).port;
      expect(out.hostUrl).toBe(`http://${out.sandboxId.replace('_', '-')}.mock.localhost:${port}`);
      expect(await (await fetch(`${url}/pets`)).text()).toBe(
        await (await fetch(`${out.latestUrl}/pets`, { headers: { prefer: 'seed=local' } })).text(),
      );
      const posted = await fetch(`${url}/pets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Local' }),
      });
      expect(posted.status).toBe(201);
      const pet = (await posted.json()) as { id: number };
      expect(await (await fetch(`${url}/pets/${pet.id}`)).json()).toEqual(pet);
      expect(await (await fetch(`${out.sandboxUrl}/pets/${pet.id}`)).json()).toEqual(pet);
      const byHost = await withHost(`${url}/pets/${pet.id}`, new URL(out.hostUrl).host);
      expect(JSON.parse(byHost.body)).toEqual(pet);
      expect((await fetch(`${url}/pets/${pet.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await fetch(`${url}/pets/${pet.id}`)).status).toBe(404);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
