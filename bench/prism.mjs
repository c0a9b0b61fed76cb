// Stoplight Prism, the comparison: installed once into bench/.prism, run as its own CLI.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { PRISM_DIR, PRISM_ENTRY, SMOKE, args, log } from './config.mjs';
import { onCleanup, prismGroups } from './cleanup.mjs';

export async function ensurePrism() {
  if (args['no-prism']) return null;
  if (existsSync(PRISM_ENTRY)) return PRISM_ENTRY;
  if (SMOKE) {
    log('Prism is not installed in bench/.prism; skipped in --smoke (a full run installs it)');
    return null;
  }
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
 */
export async function startPrism(entry, spec, probePath, { dynamic = false } = {}) {
  const port = await freePort();
  const flags = ['mock', '-h', '127.0.0.1', '-p', String(port), ...(dynamic ? ['-d'] : []), spec];
  const child = spawn(process.execPath, [entry, ...flags], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  prismGroups.add(child.pid);
  child.once('exit', () => prismGroups.delete(child.pid));
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
  onCleanup(stop);
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited early:\n${stderr}`);
    try {
      const res = await fetch(url + probePath);
      await res.arrayBuffer();
      break;
    } catch {}
    if (performance.now() - started > 240_000)
      throw new Error(`Prism did not start within 240 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop, startMs: performance.now() - started };
}
