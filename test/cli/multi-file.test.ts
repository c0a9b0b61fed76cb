// `specmock publish` and `specmock mock` on the five multi-file layouts: the CLI collects the files
// a description references and uploads them together; the mocks serve what the bundle serves.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareMocks } from '../support/compare-mocks';
import { startDevServer, type DevServer } from '../support/dev-server';
import { MULTI_FILE } from '../support/fixture-folders';
import { LAYOUTS, type Layout } from '../support/layouts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'cli/specmock.mjs');
const ADMIN = 'cli-multi-admin';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPECMOCK_')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: clean, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const work = mkdtempSync(join(tmpdir(), 'specmock-cli-multi-'));
let server: DevServer;
let key = '';
const entryOf = (layout: Layout) => join(MULTI_FILE, layout.root, layout.entry);
// The monorepo's entry refers to ../../common: its root is the repository folder, not the entry's.
const rootArgs = (layout: Layout) =>
  layout.name === 'monorepo' ? ['--root', join(MULTI_FILE, layout.root)] : [];

async function operations(api: string, version: string) {
  const res = await fetch(`${server.url}/v1/apis/${api}/versions/${version}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return (await res.json()) as { hash: string; operations: Parameters<typeof compareMocks>[1] };
}

beforeAll(async () => {
  server = await startDevServer(join(work, 'state'), ['--var', `ADMIN_TOKEN:${ADMIN}`]);
  const created = await cli(['keys', 'create', '--server', server.url, '--admin-token', ADMIN]);
  expect(created.code, created.stderr).toBe(0);
  key = created.stdout.trim();
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('specmock publish <entry> of a description split into files', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: uploads the files it references and serves what its bundle serves`, async () => {
      const auth = ['--server', server.url, '--key', key];
      const run = await cli([
        'publish',
        entryOf(layout),
        '--api',
        `${layout.name}-cli`,
        ...rootArgs(layout),
        ...auth,
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/uploading .* with \d+ referenced file\(s\)/);
      const result = JSON.parse(run.stdout) as {
        version: string;
        mockUrl: string;
        files: { entry: string; ignored: string[] };
      };
      expect(result.files.entry).toBe(layout.entry);
      expect(result.files.ignored).toEqual([]);
      // The CLI's default version is the server's own content hash.
      const meta = await operations(`${layout.name}-cli`, result.version);
      expect(result.version).toBe(meta.hash.slice(0, 12));
      const again = await cli([
        'publish',
        entryOf(layout),
        '--api',
        `${layout.name}-cli`,
        ...rootArgs(layout),
        ...auth,
        '--json',
      ]);
      expect(JSON.parse(again.stdout)).toMatchObject({ version: result.version, unchanged: true });

      const bundled = join(MULTI_FILE, 'bundled', `${layout.name}.yaml`);
      const single = await cli(['publish', bundled, '--api', `${layout.name}-one`, ...auth, '--json']);
      expect(single.code, single.stderr).toBe(0);
      const { calls, differences, refused } = await compareMocks(
        fetch,
        meta.operations,
        result.mockUrl,
        (JSON.parse(single.stdout) as { mockUrl: string }).mockUrl,
      );
      expect(differences).toEqual([]);
      expect(refused).toEqual([]);
      expect(calls).toBeGreaterThan(2);
    });
  }

  it('refuses files outside the entry’s folder unless --root holds them', async () => {
    const layout = LAYOUTS.find((l) => l.name === 'monorepo')!;
    const run = await cli([
      'publish',
      entryOf(layout),
      '--api',
      'mono-noroot',
      '--server',
      server.url,
      '--key',
      key,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('paths/pets.yaml#/list/get/parameters/0/$ref');
    expect(run.stderr).toContain('--root');
  });
});

describe('specmock mock <entry> of a description split into files', () => {
  it('serves the monorepo layout locally as the bundle is served', async () => {
    const layout = LAYOUTS.find((l) => l.name === 'monorepo')!;
    const child = spawn(
      process.execPath,
      [CLI, 'mock', entryOf(layout), ...rootArgs(layout), '--port', '0'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 120_000;
      while (!stdout.includes('\n')) {
        if (child.exitCode !== null) throw new Error(`specmock mock exited early:\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`no URL within 120 s:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const local = stdout.trim();
      const bundled = join(MULTI_FILE, 'bundled', 'monorepo.yaml');
      const single = await cli([
        'publish',
        bundled,
        '--api',
        'mono-local',
        '--server',
        server.url,
        '--key',
        key,
        '--json',
      ]);
      const published = JSON.parse(single.stdout) as { version: string; mockUrl: string };
      const meta = await operations('mono-local', published.version);
      const { calls, differences, refused } = await compareMocks(
        fetch,
        meta.operations,
        local,
        published.mockUrl,
      );
      expect(differences).toEqual([]);
      expect(refused).toEqual([]);
      expect(calls).toBeGreaterThan(5);
    } finally {
      child.kill('SIGINT');
    }
    await exited;
  });
});
