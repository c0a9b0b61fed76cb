import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface DevServer {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function launch(cmd: string, args: string[]) {
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    detached: true, // own process group, so stop() can end wrangler and workerd together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  const out = { text: '' };
  child.stdout?.on('data', (d) => (out.text += d));
  child.stderr?.on('data', (d) => (out.text += d));
  return { child, out };
}

async function waitHealthy(url: string, child: ChildProcess, out: { text: string }, timeoutMs: number): Promise<'up' | 'exited'> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return 'exited';
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return 'up';
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`dev server did not answer /healthz within ${timeoutMs / 1000} s:\n${out.text.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * `npm run dev -- --port <free> --persist-to <dir>`, waiting for GET /healthz = 200.
 * If the dev script cannot take a second --port (it hard-codes one), fall back to the same
 * wrangler command line with our flags only.
 */
export async function startDevServer(persistTo: string): Promise<DevServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let { child, out } = launch('npm', ['run', 'dev', '--', '--port', String(port), '--persist-to', persistTo]);
  let state = await waitHealthy(url, child, out, 120_000);
  if (state === 'exited' && /expects a single value|multiple/i.test(out.text)) {
    console.warn('npm run dev did not accept --port/--persist-to; starting wrangler dev directly');
    ({ child, out } = launch('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo]));
    state = await waitHealthy(url, child, out, 120_000);
  }
  if (state === 'exited') throw new Error(`dev server exited early:\n${out.text.slice(-4000)}`);
  return {
    url,
    log: () => out.text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
