import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, descendants, listening, waitFor } from '../support/processes';
import { freePort } from '../support/dev-server';

/**
 * Issue 23: `npm run dev` stopped by the npm process's PID (a CI job's `kill $PID`) leaves nothing
 * listening, and offline it prints no `Request.cf` fetch failure a newcomer reads as an error.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const state = mkdtempSync(join(tmpdir(), 'specmock-dev-stop-'));
afterAll(() => rmSync(state, { recursive: true, force: true }));

describe('npm run dev', () => {
  it('stops with wrangler and workerd when npm is killed by its PID, and says nothing about request.cf', async () => {
    const port = await freePort();
    // A free devtools port too: wrangler's default (9229) races with dev servers in other test files.
    const inspector = String(await freePort());
    const args = [
      'run',
      'dev',
      '--',
      '--port',
      String(port),
      '--inspector-port',
      inspector,
      '--persist-to',
      state,
    ];
    const npm = spawn('npm', args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    let log = '';
    npm.stdout.on('data', (d) => (log += d));
    npm.stderr.on('data', (d) => (log += d));
    await waitFor(
      'the dev server',
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true,
      120_000,
    );
    const started = descendants(npm.pid!);
    expect(started.some((p) => /workerd/.test(p.command))).toBe(true);
    expect(log).not.toMatch(/Request\.cf|ENOTFOUND/);

    npm.kill('SIGTERM'); // npm's own PID, as `kill $PID` after `npm run dev &`
    await waitFor('every process to exit', () => started.every((p) => !alive(p.pid)), 20_000);
    expect(await listening(port)).toBe(false);
  });
});
