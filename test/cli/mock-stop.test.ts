import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PETSTORE = join(ROOT, 'spec-examples/petstore.oas3.yaml');
const work = mkdtempSync(join(tmpdir(), 'specmock-stop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every live process, as pid → { ppid, command }, read from /proc. */
function processTable(): Map<number, { ppid: number; command: string }> {
  const table = new Map<number, { ppid: number; command: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      table.set(Number(name), { ppid, command });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

function descendants(root: number): { pid: number; command: string }[] {
  const table = processTable();
  const out: { pid: number; command: string }[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [pid, p] of table)
      if (p.ppid === parent) {
        out.push({ pid, command: p.command });
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

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('specmock mock in a CI job', () => {
  it("stops with everything it started when the README's `kill $PID` reaches npx", async () => {
    const url = join(work, 'mock-url.txt');
    const pidFile = join(work, 'pid');
    // The README's pattern, verbatim apart from the port: a background npx, its PID from $!.
    const job = spawn(
      'bash',
      ['-c', `npx specmock mock ${PETSTORE} --port 0 > ${url} & echo $! > ${pidFile}; wait`],
      { cwd: ROOT, stdio: 'ignore' },
    );
    const jobDone = new Promise((resolve) => job.once('exit', resolve));
    await until('the mock URL', () => existsSync(url) && readFileSync(url, 'utf8').includes('\n'), 150_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const base = readFileSync(url, 'utf8').trim();
    const port = Number(new URL(base).port);
    expect((await fetch(`${base}/pets/42`)).status).toBe(200);
    const started = descendants(pid);
    expect(started.some((p) => /workerd/.test(p.command))).toBe(true);
    expect(started.some((p) => /specmock/.test(p.command))).toBe(true);

    process.kill(pid, 'SIGTERM');
    await until(
      'every process to exit',
      () => [pid, ...started.map((p) => p.pid)].every((p) => !alive(p)),
      20_000,
    );
    expect(await listening(port)).toBe(false);
    await jobDone;
  });

  it('stops on SIGHUP too, when the terminal that started it closes', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'cli/specmock.mjs'), 'mock', PETSTORE, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await until('the mock URL', () => stdout.includes('\n') || child.exitCode !== null, 150_000);
    const port = Number(new URL(stdout.trim()).port);
    const started = descendants(child.pid!);
    expect(started.some((p) => /workerd/.test(p.command))).toBe(true);
    child.kill('SIGHUP');
    expect(await exited).toBe(0);
    await until('workerd to exit', () => started.every((p) => !alive(p.pid)), 10_000);
    expect(await listening(port)).toBe(false);
  });
});
