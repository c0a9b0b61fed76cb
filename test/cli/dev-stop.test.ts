import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/dev-server';

/**
 * Issue 23: `npm run dev` stopped by the npm process's PID (a CI job's `kill $PID`) leaves nothing
 * listening, and offline it prints no `Request.cf` fetch failure a newcomer reads as an error.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const state = mkdtempSync(join(tmpdir(), 'specmock-dev-stop-'));
afterAll(() => rmSync(state, { recursive: true, force: true }));

function descendants(root: number): { pid: number; command: string }[] {
  const table: [number, number, string][] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      table.push([Number(name), ppid, readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ')]);
    } catch {
      // gone while we looked
    }
  }
  const out: { pid: number; command: string }[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [pid, ppid, command] of table)
      if (ppid === parent) {
        out.push({ pid, command });
        queue.push(pid);
      }
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run dev', () => {
  it('stops with wrangler and workerd when npm is killed by its PID, and says nothing about request.cf', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['run', 'dev', '--', '--port', String(port), '--persist-to', state], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    let log = '';
    npm.stdout.on('data', (d) => (log += d));
    npm.stderr.on('data', (d) => (log += d));
    await until(
      'the dev server',
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true,
      120_000,
    );
    const started = descendants(npm.pid!);
    expect(started.some((p) => /workerd/.test(p.command))).toBe(true);
    expect(log).not.toMatch(/Request\.cf|ENOTFOUND/);

    npm.kill('SIGTERM'); // npm's own PID, as `kill $PID` after `npm run dev &`
    await until('every process to exit', () => started.every((p) => !alive(p.pid)), 20_000);
    expect(await listening(port)).toBe(false);
  });
});
