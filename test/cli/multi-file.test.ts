// `specmock publish` and `specmock mock` on the five multi-file layouts: the CLI collects the files
// a description references and uploads them together; the mocks serve what the bundle serves.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameMocks, type DescribedOperation } from '../support/compare-mocks';
import { startDevServer, type DevServer } from '../support/dev-server';
import { MULTI_FILE } from '../support/fixture-folders';
import { LAYOUTS, type Layout } from '../support/layouts';
import { startLocalMock } from '../support/local-mock';

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
  return (await res.json()) as { hash: string; operations: DescribedOperation[] };
}

interface Published {
  version: string;
  mockUrl: string;
  unchanged: boolean;
  files: { entry: string; ignored: string[] };
}

/** `specmock publish <file> --api <api> --json` against the dev server; its stderr on failure. */
async function publishJson(file: string, api: string, extra: string[] = []): Promise<Published> {
  const run = await cli([
    'publish',
    file,
    '--api',
    api,
    ...extra,
    '--server',
    server.url,
    '--key',
    key,
    '--json',
  ]);
  expect(run.code, run.stderr).toBe(0);
  lastStderr = run.stderr;
  return JSON.parse(run.stdout) as Published;
}
let lastStderr = '';

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
      const result = await publishJson(entryOf(layout), `${layout.name}-cli`, rootArgs(layout));
      expect(lastStderr).toMatch(/uploading .* with \d+ referenced file\(s\)/);
      expect(result.files.entry).toBe(layout.entry);
      expect(result.files.ignored).toEqual([]);
      // The CLI's default version is the server's own content hash.
      const meta = await operations(`${layout.name}-cli`, result.version);
      expect(result.version).toBe(meta.hash.slice(0, 12));
      const again = await publishJson(entryOf(layout), `${layout.name}-cli`, rootArgs(layout));
      expect(again).toMatchObject({ version: result.version, unchanged: true });

      const single = await publishJson(
        join(MULTI_FILE, 'bundled', `${layout.name}.yaml`),
        `${layout.name}-one`,
      );
      await expectSameMocks(fetch, meta.operations, result.mockUrl, single.mockUrl, 3);
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
    const local = await startLocalMock(CLI, [entryOf(layout), ...rootArgs(layout), '--port', '0'], ROOT);
    try {
      const published = await publishJson(join(MULTI_FILE, 'bundled', 'monorepo.yaml'), 'mono-local');
      const meta = await operations('mono-local', published.version);
      await expectSameMocks(fetch, meta.operations, local.url, published.mockUrl, 6);
    } finally {
      expect(await local.stop()).toBe(0);
    }
  });
});
