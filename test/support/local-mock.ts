// `specmock mock …` as a user runs it: started, its printed URL awaited, stopped with SIGINT.
import { spawn } from 'node:child_process';

export interface LocalMock {
  url: string;
  stderr(): string;
  /** SIGINT, then the exit code once it has exited. */
  stop(): Promise<number | null>;
}

export async function startLocalMock(cli: string, args: string[], cwd: string): Promise<LocalMock> {
  const child = spawn(process.execPath, [cli, 'mock', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (!stdout.includes('\n')) {
    if (child.exitCode !== null) throw new Error(`specmock mock exited early:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`no URL within 120 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: stdout.trim(),
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
