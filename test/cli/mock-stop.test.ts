import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, descendants, listening, waitFor } from '../support/processes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PETSTORE = join(ROOT, 'spec-examples/petstore.oas3.yaml');
const work = mkdtempSync(join(tmpdir(), 'specmock-stop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

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
    await waitFor('the mock URL', () => existsSync(url) && readFileSync(url, 'utf8').includes('\n'), 150_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const base = readFileSync(url, 'utf8').trim();
    const port = Number(new URL(base).port);
    expect((await fetch(`${base}/pets/42`)).status).toBe(200);
    const started = descendants(pid);
    expect(started.some((p) => /workerd/.test(p.command))).toBe(true);
    expect(started.some((p) => /specmock/.test(p.command))).toBe(true);

    process.kill(pid, 'SIGTERM');
    await waitFor(
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
    await waitFor('the mock URL', () => stdout.includes('\n') || child.exitCode !== null, 150_000);
    const port = Number(new URL(stdout.trim()).port);
    const started = descendants(child.pid!);
    expect(started.some((p) => /workerd/.test(p.command))).toBe(true);
    child.kill('SIGHUP');
    expect(await exited).toBe(0);
    await waitFor('workerd to exit', () => started.every((p) => !alive(p.pid)), 10_000);
    expect(await listening(port)).toBe(false);
  });
});
