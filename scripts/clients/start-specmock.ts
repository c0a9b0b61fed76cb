import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface RunningMock {
  /** The path form, `http://127.0.0.1:P/mock/{api}/{version}` (or the sandbox's URL with --stateful). */
  base: string;
  /** The root of the port, where `specmock mock` serves the spec without a prefix. */
  origin: string;
  startMs: number;
  stop(): Promise<void>;
}

const CLI = join(import.meta.dirname, '..', '..', 'cli', 'specmock.mjs');
const START_LIMIT_MS = 120_000;

/**
 * `specmock mock <spec> --port 0 --json [--stateful]`, exactly as a user starts it (the CLI on the
 * project's Node), stopped with SIGTERM as Ctrl-C would. With `stateful` the base is the sandbox.
 */
export async function startSpecmock(spec: string, stateful: boolean): Promise<RunningMock> {
  const started = performance.now();
  const args = [CLI, 'mock', spec, '--port', '0', '--json', ...(stateful ? ['--stateful'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`specmock mock did not start:\n${stderr}`)),
      START_LIMIT_MS,
    );
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const nl = stdout.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, nl));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`specmock mock exited ${code}:\n${stderr}`));
    });
  });
  const answer = JSON.parse(line) as { mockUrl: string; sandboxUrl?: string };
  const base = stateful && answer.sandboxUrl ? answer.sandboxUrl : answer.mockUrl;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { base, origin: new URL(base).origin, startMs: performance.now() - started, stop };
}
