import { installPrism, startPrism } from '../../bench/prism-cli.mjs';
import { FlowRun, describe, type CallResult, type ClientFlow, type Target } from './flow';
import { startRecorder } from './record-proxy';
import { startSpecmock } from './start-specmock';

/** One flow against one server in one mode. `skipped` says why it did not run (a server that did not start). */
export interface RunResult {
  server: Target['server'];
  mode: Target['mode'];
  calls: CallResult[];
  skipped?: string;
  crashed?: string;
  startMs?: number;
}

const FLOW_LIMIT_MS = 90_000;
/**
 * Every other client's whole run (both servers, every mode, the SDK's calls) took at most 33 s in
 * CI, and Prism starts on GitHub's 13 MB description in 6 s. On Stripe's description Prism 5.16 had
 * not started after 409 s on this machine: a longer wait changes no result, and it was two minutes of
 * every CI run.
 */
const PRISM_START_LIMIT_MS = 60_000;

interface Server {
  base: string;
  origin: string;
  startMs: number;
  stop(): Promise<void>;
}

/** Points the flow at the server through the recording proxy, runs it, and stops everything again. */
async function runAgainst(
  flow: ClientFlow,
  server: Server,
  target: Omit<Target, 'base' | 'origin' | 'host' | 'port'>,
) {
  const recorder = await startRecorder(server.origin);
  const proxied = new URL(recorder.origin);
  const path = new URL(server.base).pathname.replace(/\/$/, '');
  const run = new FlowRun(
    {
      ...target,
      base: recorder.origin + path,
      origin: recorder.origin,
      host: proxied.hostname,
      port: Number(proxied.port),
    },
    recorder,
  );
  let crashed: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      flow.run(run),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the flow did not finish within ${FLOW_LIMIT_MS / 1000} s`)),
          FLOW_LIMIT_MS,
        );
      }),
    ]);
  } catch (e) {
    crashed = describe(e);
  } finally {
    clearTimeout(timer);
    await recorder.stop();
    await server.stop();
  }
  return { ...target, calls: run.calls, crashed, startMs: server.startMs };
}

/**
 * `emulateRoot` (a diagnostic, never the official numbers): a root-form SDK reaches the path form
 * through the recording proxy, which adds the prefix as a reverse proxy would, to see what fails
 * beyond the missing root serving.
 */
export async function runSpecmock(
  flow: ClientFlow,
  mode: Target['mode'],
  emulateRoot = false,
): Promise<RunResult> {
  let server: Server;
  try {
    server = await startSpecmock(flow.spec, mode === 'sandbox');
  } catch (e) {
    return { server: 'specmock', mode, calls: [], skipped: `specmock did not start: ${describe(e)}` };
  }
  // A root-form SDK talks to the port's root: the path form's prefix is dropped on purpose.
  if (flow.base === 'root')
    server = { ...server, origin: emulateRoot ? server.base : server.origin, base: server.origin };
  return runAgainst(flow, server, { server: 'specmock', mode });
}

export async function runPrism(flow: ClientFlow, log: (m: string) => void): Promise<RunResult> {
  let server: Server;
  try {
    const entry = await installPrism(log);
    const prism = await startPrism(entry, flow.spec, '/', { dynamic: true, limitMs: PRISM_START_LIMIT_MS });
    server = { base: prism.url, origin: prism.url, startMs: prism.startMs, stop: prism.stop };
  } catch (e) {
    const first = describe(e).split('\n')[0];
    return { server: 'prism', mode: 'stateless', calls: [], skipped: first };
  }
  return runAgainst(flow, server, { server: 'prism', mode: 'stateless' });
}
