// `specmock behaviour` and `specmock logs` against `npm run dev`.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'cli/specmock.mjs');
const PETSTORE = readFileSync(join(ROOT, 'spec-examples/petstore.oas3.yaml'), 'utf8');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPECMOCK_')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args, '--server', server.url, '--key', key],
      { cwd: ROOT, env: clean, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const work = mkdtempSync(join(tmpdir(), 'specmock-steer-cli-'));
let server: DevServer;
let key = '';
const mock = (path: string, init?: RequestInit) => fetch(`${server.url}/mock/cli-pets/v1${path}`, init);

beforeAll(async () => {
  server = await startDevServer(join(work, 'state'));
  key = ((await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as { key: string }).key;
  const res = await fetch(`${server.url}/v1/apis/cli-pets/versions/v1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
    body: PETSTORE,
  });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('specmock behaviour', () => {
  it('sets, merges, refuses and clears settings that the mock obeys', async () => {
    expect(JSON.parse((await cli(['behaviour', 'cli-pets'])).stdout)).toEqual({});
    const set = await cli([
      'behaviour',
      'cli-pets',
      '--latency',
      '5-5',
      '--error-rate',
      '1',
      '--error-status',
      '503',
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({
      latency: { minMs: 5, maxMs: 5 },
      errors: { rate: 1, status: 503 },
    });
    const op = await cli(['behaviour', 'cli-pets', '--op', 'GET /pets/{petId}', '--status', '404']);
    expect(JSON.parse(op.stdout)).toEqual({
      latency: { minMs: 5, maxMs: 5 },
      errors: { rate: 1, status: 503 },
      operations: { 'GET /pets/{petId}': { status: 404 } },
    });
    expect((await mock('/pets/1')).status).toBe(404);
    const failed = await mock('/pets');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('x-specmock-steered')).toBe('latency=5ms; error=503');

    const bad = await cli(['behaviour', 'cli-pets', '--error-rate', '2']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('/errors/rate');

    const file = join(work, 'settings.json');
    writeFileSync(file, JSON.stringify({ seed: 'from-file' }));
    expect(JSON.parse((await cli(['behaviour', 'cli-pets', '--file', file])).stdout)).toEqual({
      seed: 'from-file',
    });
    expect(JSON.parse((await cli(['behaviour', 'cli-pets', '--clear'])).stdout)).toEqual({});
    expect((await mock('/pets')).status).toBe(200);
  });
});

describe('specmock logs', () => {
  it('prints recent calls oldest first, as text or NDJSON', async () => {
    await mock('/pets/7');
    await mock('/pets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    let out = '';
    for (let i = 0; i < 50 && !out.includes('POST'); i++) {
      out = (await cli(['logs', 'cli-pets'])).stdout;
      await new Promise((r) => setTimeout(r, 100));
    }
    const lines = out.trim().split('\n');
    const last = lines.findIndex((l) => /422\s+POST\s+\/pets/.test(l));
    expect(last).toBeGreaterThan(lines.findIndex((l) => /200\s+GET\s+\/pets\/7/.test(l)));
    expect(lines[last + 1]).toMatch(/^ {4}- body: /);
    const json = (await cli(['logs', 'cli-pets', '--json', '--status', '4xx', '--limit', '1'])).stdout
      .trim()
      .split('\n');
    expect(json.map((l) => (JSON.parse(l) as { status: number }).status)).toEqual([422]);
  });

  it('--follow prints calls made after it started', async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPECMOCK_')));
    const child = spawn(
      process.execPath,
      [
        CLI,
        'logs',
        'cli-pets',
        '--follow',
        '--limit',
        '1',
        '--interval',
        '200',
        '--server',
        server.url,
        '--key',
        key,
      ],
      { cwd: ROOT, env: clean },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      await new Promise((r) => setTimeout(r, 1000));
      await mock('/pets/31337');
      const deadline = Date.now() + 15_000;
      while (!out.includes('/pets/31337') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('/pets/31337');
    } finally {
      child.kill('SIGINT');
    }
  });
});
