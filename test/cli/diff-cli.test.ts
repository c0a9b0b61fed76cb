// `specmock diff` on two files (no server) and against `npm run dev`, and `specmock publish --fail-on`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'cli/specmock.mjs');
const V1 = 'test/fixtures/diff/pets-v1.yaml';
const V2 = 'test/fixtures/diff/pets-v2.yaml';

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

describe('specmock diff <old> <new> (no server)', () => {
  it('prints the changes and exits 1 when --fail-on is hit', async () => {
    const run = await cli(['diff', V1, V2, '--fail-on', 'breaking']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^pets-v2 .* 38 breaking, 7 possibly breaking, 13 non-breaking$/m);
    expect(run.stdout).toMatch(
      /^BREAKING {2}POST \/pets {2}request body \(application\/json\) › chip: became required {2}\[request-property-became-required\]$/m,
    );
    expect(run.stderr).toMatch(/38 breaking change\(s\) \(--fail-on breaking\)/);
  });

  it('exits 0 when nothing reaches --fail-on', async () => {
    const run = await cli(['diff', V2, V2, '--fail-on', 'possibly-breaking', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      summary: { breaking: 0, possiblyBreaking: 0, nonBreaking: 0 },
      changes: [],
    });
  });

  it('reads a description split into files as the one document it bundles to', async () => {
    const split = 'test/fixtures/multi-file/cycle/openapi.yaml';
    const bundled = 'test/fixtures/multi-file/bundled/cycle.yaml';
    const same = await cli(['diff', bundled, split, '--fail-on', 'possibly-breaking', '--format', 'json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ changes: [] });
    const changed = await cli(['diff', V1, split, '--format', 'json']);
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout).summary.breaking).toBeGreaterThan(0);
  });

  it('prints GitHub workflow annotations', async () => {
    const run = await cli(['diff', V1, V2, '--format', 'github']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(38);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(7);
    expect(lines).toContain(
      `::error file=${V2},title=api-path-removed (GET /stores)::GET /stores: the path /stores was removed (/paths/~1stores).`,
    );
  });

  it('says which file is not a description', async () => {
    const run = await cli(['diff', V1, 'package.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/package\.json is not a usable description/);
  });
});

describe('against a server', () => {
  const work = mkdtempSync(join(tmpdir(), 'specmock-diff-cli-'));
  let server: DevServer;
  let key = '';
  const withServer = () => ['--server', server.url, '--key', key];

  beforeAll(async () => {
    server = await startDevServer(join(work, 'state'));
    key = ((await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as { key: string }).key;
    expect(
      (await cli(['publish', V1, '--api', 'cli-diff', '--version', '1.0.0', ...withServer()])).code,
    ).toBe(0);
    // One call 1.1.0 would refuse (GET /stores is gone), logged by the server.
    expect((await fetch(`${server.url}/mock/cli-diff/1.0.0/stores`)).status).toBe(200);
    for (let i = 0; i < 100; i++) {
      const log = await fetch(`${server.url}/v1/apis/cli-diff/requests`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (((await log.json()) as { requests: unknown[] }).requests.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('publish --fail-on breaking refuses a breaking version and stores nothing', async () => {
    const run = await cli([
      'publish',
      V2,
      '--api',
      'cli-diff',
      '--version',
      '1.1.0',
      '--fail-on',
      'breaking',
      ...withServer(),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/breaking change/i);
    expect(run.stderr).toContain('api-path-removed');
    const listed = await cli(['apis', 'cli-diff', '--json', ...withServer()]);
    expect(JSON.parse(listed.stdout).versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0']);
  });

  it('publish reports the diff and warns about a breaking minor release', async () => {
    const run = await cli(['publish', V2, '--api', 'cli-diff', '--version', '1.1.0', ...withServer()]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /against 1\.0\.0: 38 breaking, 7 possibly breaking, 13 non-breaking, 1 logged call\(s\) affected/,
    );
    expect(run.stderr).toMatch(/warning: 1\.1\.0 is a minor release after 1\.0\.0/);
  });

  it('diff <api> reads the server, with the replayed traffic', async () => {
    const json = await cli([
      'diff',
      'cli-diff',
      '--format',
      'json',
      '--fail-on',
      'breaking',
      ...withServer(),
    ]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ from: '1.0.0', to: '1.1.0', traffic: { replayed: 1, wouldFail: 1 } });
    expect(report.changes.find((c: { rule: string }) => c.rule === 'api-path-removed').affectedCalls).toBe(1);
    const md = await cli([
      'diff',
      'cli-diff',
      '--from',
      '1.0.0',
      '--to',
      '1.1.0',
      '--format',
      'markdown',
      ...withServer(),
    ]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('**1 would fail**');
  });
});
