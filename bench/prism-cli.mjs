// Stoplight Prism as a process: installed once into bench/.prism, started on a free loopback port in
// its own process group, stopped again. Shared by the bench and `npm run clients`; no command-line
// policy here (each caller decides whether Prism runs at all).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRISM_DIR = join(fileURLToPath(new URL('..', import.meta.url)), 'bench/.prism');
export const PRISM_ENTRY = join(PRISM_DIR, 'node_modules/@stoplight/prism-cli/dist/index.js');

// Whatever happens to this process, take Prism's process groups down too.
const groups = new Set();
process.on('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});

/** Installs @stoplight/prism-cli into bench/.prism unless it is there; returns its entry file. */
export async function installPrism(log) {
  if (existsSync(PRISM_ENTRY)) return PRISM_ENTRY;
  log('installing @stoplight/prism-cli into bench/.prism (once)…');
  await new Promise((resolve, reject) => {
    const child = spawn(
      'npm',
      [
        'install',
        '--prefix',
        PRISM_DIR,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        '@stoplight/prism-cli',
      ],
      { stdio: 'inherit' },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm install @stoplight/prism-cli exited ${code}`)),
    );
  });
  return PRISM_ENTRY;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = http.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Prism's own CLI on the project's Node (process.execPath), in its own process group; `dynamic`
 * starts it with `-d` (generated bodies, like specmock's default), otherwise its static mode.
 * Resolves once `probePath` answers; rejects if Prism exits or has not answered within `limitMs`.
 */
export async function startPrism(entry, spec, probePath, { dynamic = false, limitMs = 240_000 } = {}) {
  const port = await freePort();
  const flags = ['mock', '-h', '127.0.0.1', '-p', String(port), ...(dynamic ? ['-d'] : []), spec];
  const child = spawn(process.execPath, [entry, ...flags], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  groups.add(child.pid);
  child.once('exit', () => groups.delete(child.pid));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited early:\n${stderr}`);
    try {
      const res = await fetch(url + probePath);
      await res.arrayBuffer();
      break;
    } catch {}
    if (performance.now() - started > limitMs) {
      await stop();
      throw new Error(`Prism did not start within ${Math.round(limitMs / 1000)} s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop, startMs: performance.now() - started };
}
