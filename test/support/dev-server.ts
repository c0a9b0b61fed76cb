import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface DevServer {
  url: string;
  /** Everything the dev server printed so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `npm run dev` exactly as the README says, on a free port and a given state directory. */
export async function startDevServer(persistTo: string, extraArgs: string[] = []): Promise<DevServer> {
  // A free port can be taken between the probe and wrangler's own bind (another test file's
  // workerd picks its internal ports meanwhile): seen once in a fresh clone's `npm test`. The
  // server then exits at once, before it touched its state, so it is started again on new ports.
  for (let attempt = 1; ; attempt++) {
    const started = await launch(persistTo, extraArgs);
    if (started.ready) return started.server;
    const { log } = started;
    if (attempt < 3 && /Address already in use/.test(log)) continue;
    throw new Error(`dev server exited early:\n${log.slice(-4000)}`);
  }
}

async function launch(
  persistTo: string,
  extraArgs: string[],
): Promise<{ ready: true; server: DevServer } | { ready: false; log: string }> {
  const port = await freePort();
  // wrangler's devtools proxy takes 9229 when it looks free: two dev servers starting at once in
  // parallel test files both see it free, and the second dies with "Address already in use".
  const inspectorPort = await freePort();
  const child: ChildProcess = spawn(
    'npm',
    [
      'run',
      'dev',
      '--',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persistTo,
      ...extraArgs,
    ],
    {
      cwd: new URL('../..', import.meta.url).pathname,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // anything the failed start left of its group
      } catch {
        // the whole group is gone
      }
      return { ready: false, log };
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`dev server did not answer /healthz within 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const server: DevServer = {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
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
      // npm can exit before wrangler's workerd has closed its sockets; a restart on the same state
      // then met "Address already in use" (seen once in CI). Wait until the whole group is gone.
      for (const until = Date.now() + 10_000; groupAlive(child.pid!);) {
        if (Date.now() > until) {
          process.kill(-child.pid!, 'SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  return { ready: true, server };
}

/** Whether any process of the group `pid` leads is still running (signal 0 only asks). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
