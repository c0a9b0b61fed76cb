import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** Packing and installing the CLI package the way a CI job of another repository does. */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** `npm pack` of packages/cli (its prepack builds it) into `dir`; the tarball's path. */
export async function packCli(dir: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], {
    cwd: join(ROOT, 'packages/cli'),
    maxBuffer: 16 * 1024 * 1024,
  });
  return join(dir, stdout.trim().split('\n').pop()!);
}

/** An empty folder outside the repository with the tarball installed, as `npm install <tarball>`. */
export async function installCli(tarball: string): Promise<{ dir: string; bin: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'specmock-pkg-'));
  writeFileSync(join(dir, 'package.json'), '{"private":true}');
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { dir, bin: join(dir, 'node_modules/.bin/specmock') };
}

export function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, name) => n + sizeOf(join(path, name)), 0);
}

export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Starts a long-running command; `text()` is what it printed so far. */
export function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child: ChildProcess = spawn(command, args, { cwd, env: { ...process.env, ...env } });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return { child, text: () => out };
}

export async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const exec = run;
