// `specmock webhooks`, `specmock deliveries` against `npm run dev`, and `specmock mock --webhook`,
// with a receiver on loopback (issue 21). Signatures are checked with node:crypto from the issue's
// definition and payloads with the independent validator, never with the Worker's own code.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server';
import { makeAjv } from '../support/ajv-helper';
import { until } from '../support/until';
import { startHookReceiver, signedBy, type HookReceiver } from '../support/hook-receiver';
import { startLocalMock } from '../support/local-mock';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'cli/specmock.mjs');
const SPEC_FILE = join(ROOT, 'test/fixtures/webhooks/pets-hooks.yaml');
const SPEC = readFileSync(SPEC_FILE, 'utf8');
const API = 'cli-hooks';
const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPECMOCK_')));

/** Pet as the description has it, checked by Ajv (the schema read from the YAML, not from a plan). */
const isPet = makeAjv().compile(
  (parse(SPEC) as { components: { schemas: { Pet: object } } }).components.schemas.Pet,
);

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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

const work = mkdtempSync(join(tmpdir(), 'specmock-hooks-cli-'));
let server: DevServer;
let receiver: HookReceiver;
let key = '';

beforeAll(async () => {
  receiver = await startHookReceiver();
  server = await startDevServer(join(work, 'state'), ['--var', 'WEBHOOK_TARGETS:any']);
  key = ((await (await fetch(`${server.url}/v1/keys`, { method: 'POST' })).json()) as { key: string }).key;
  const res = await fetch(`${server.url}/v1/apis/${API}/versions/v1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
    body: SPEC,
  });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('specmock webhooks', () => {
  it('lists the webhook and the callback under the names send takes', async () => {
    const out = await cli(['webhooks', 'list', API]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^newPet\s+webhook\s+POST/m);
    expect(out.stdout).toMatch(/^createPet\.petAdded\s+callback\s+POST\s+\{\$request\.body#\/callbackUrl\}/m);
  });

  it('sends a signed, valid payload and prints the receiver’s answer (--wait)', async () => {
    const secret = (await cli(['webhooks', 'secret', API])).stdout.trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    const before = receiver.received.length;
    const out = await cli(['webhooks', 'send', API, 'newPet', '--url', `${receiver.url}/hook`, '--wait']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/newPet\s+POST http:\/\/127\.0\.0\.1:\d+\/hook\s+delivered/);
    expect(out.stdout).toMatch(/^ {2}1\. \S+\s+200/m);
    expect(out.stdout).toContain('x-receiver: hook-receiver');
    const got = receiver.received[before];
    expect(got.path).toBe('/hook');
    expect(got.headers['specmock-webhook']).toBe('newPet');
    expect(signedBy(got, secret)).toBe(true);
    expect(isPet(JSON.parse(got.body)), JSON.stringify(isPet.errors)).toBe(true);
  });

  it('sends the --payload file as it is, and refuses one the schema refuses', async () => {
    const good = join(work, 'pet.yaml');
    writeFileSync(good, 'id: 7\nname: Rex\n');
    const before = receiver.received.length;
    const sent = await cli(['webhooks', 'send', API, 'newPet', '--url', receiver.url, '--payload', good]);
    expect(sent.code, sent.stderr).toBe(0);
    const id = sent.stdout.trim();
    await until(
      () => receiver.received.length,
      (n) => n > before,
    );
    expect(JSON.parse(receiver.received[before].body)).toEqual({ id: 7, name: 'Rex' });
    expect(receiver.received[before].headers['specmock-delivery']).toBe(id);

    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'seven' }));
    const refused = await cli(['webhooks', 'send', API, 'newPet', '--url', receiver.url, '--payload', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/sending newPet failed: .*\(400\)/);
  });

  it('rotates the secret: the next delivery is signed with the new one only', async () => {
    const old = (await cli(['webhooks', 'secret', API])).stdout.trim();
    const rotated = await cli(['webhooks', 'secret', API, '--rotate']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(old);
    expect((await cli(['webhooks', 'secret', API])).stdout.trim()).toBe(fresh);
    const before = receiver.received.length;
    expect((await cli(['webhooks', 'send', API, 'newPet', '--url', receiver.url, '--wait'])).code).toBe(0);
    expect(signedBy(receiver.received[before], fresh)).toBe(true);
    expect(signedBy(receiver.received[before], old)).toBe(false);
  });

  it('refuses an unknown webhook and a send without --url', async () => {
    const unknown = await cli(['webhooks', 'send', API, 'noSuchHook', '--url', receiver.url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('sending noSuchHook failed');
    const noUrl = await cli(['webhooks', 'send', API, 'newPet']);
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain('--url');
  });
});

describe('specmock deliveries', () => {
  it('lists attempts oldest first, shows one in full, and redelivers it', async () => {
    receiver.answer(503);
    const sent = await cli(['webhooks', 'send', API, 'newPet', '--url', `${receiver.url}/flaky`, '--wait']);
    const id = sent.stdout.match(/^(\S+)\s+newPet/m)?.[1] ?? '';
    expect(id, sent.stdout).not.toBe('');
    const list = await cli(['deliveries', API, '--webhook', 'newPet']);
    expect(list.code, list.stderr).toBe(0);
    const lines = list.stdout.trim().split('\n');
    const mine = lines.filter((l) => l.includes(id));
    expect(mine[0]).toMatch(/attempt 1: 503/);
    expect(mine[1]).toMatch(/attempt 2: 200 .*delivered/);

    const full = await cli(['deliveries', API, id]);
    expect(full.stdout).toContain('specmock-signature: t=');
    const again = await cli(['deliveries', API, id, '--redeliver']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).not.toBe(id);
    const json = await cli(['deliveries', API, again.stdout.trim(), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'newPet', url: `${receiver.url}/flaky` });
  });

  it('--follow prints deliveries sent after it started', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'deliveries',
        API,
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
      await cli(['webhooks', 'send', API, 'newPet', '--url', `${receiver.url}/followed`]);
      await until(
        () => out,
        (o) => /\/followed\s+attempt 1: 200/.test(o),
      );
      expect(out).toMatch(/\/followed\s+attempt 1: 200/);
    } finally {
      child.kill('SIGINT');
    }
  });
});

describe('specmock mock with webhooks', () => {
  it('fires the callback by itself and sends --webhook subscriptions after the operation', async () => {
    const mock = await startLocalMock(
      CLI,
      [SPEC_FILE, '--port', '0', '--webhook', `newPet@POST /pets=${receiver.url}/subscribed`],
      ROOT,
    );
    try {
      const before = receiver.received.length;
      const res = await fetch(`${mock.url}/pets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bella', callbackUrl: `${receiver.url}/callback` }),
      });
      expect(res.status).toBe(201);
      const got = await until(
        () => receiver.received.slice(before),
        (r) => r.length >= 2,
      );
      const callback = got.find((r) => r.path === '/callback');
      const subscribed = got.find((r) => r.path === '/subscribed');
      expect(isPet(JSON.parse(callback!.body))).toBe(true);
      expect(JSON.parse(subscribed!.body)).toMatchObject({ name: 'Bella' });
      expect(subscribed!.headers['specmock-webhook']).toBe('newPet');
      await until(
        () => mock.stderr(),
        (e) => /delivery .*\/subscribed\s+attempt 1: 200/.test(e),
      );
      expect(mock.stderr()).toMatch(/delivery .*\/callback\s+attempt 1: 200/);
    } finally {
      expect(await mock.stop()).toBe(0);
    }
  });

  it('refuses a --webhook that is not NAME=URL before starting anything', async () => {
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [CLI, 'mock', SPEC_FILE, '--webhook', 'newPet'],
        { cwd: ROOT },
        (e, _o, stderr) => resolve({ code: e ? (e.code as number) : 0, stderr }),
      );
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('--webhook takes NAME=URL');
  });
});
