// CPU per request over HTTP under load: each Worker's workerd process pinned to core 1 and the load
// generator (this process) to core 0, the Workers loaded in turn, round after round, and the CPU
// time of each workerd process (all its threads) divided by the requests it answered. The target
// ratios are throughputs on two cores the load generator shares; this is the same comparison
// without the load generator on the Worker's core, the way `bench/ab-cpu.mjs` compares two bundles.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { PETSTORE, SMOKE, log } from './config.mjs';
import { median, round } from './load.mjs';
import { answerOf, helloWorld, publishTo, specmockWorker } from './targets.mjs';
import { cpuPerRequest, pin, startPinned } from './workerd-cpu.mjs';

const ROUNDS = SMOKE ? 1 : 7;
const REQUESTS = SMOKE ? 3_000 : 30_000;
const WARM_REQUESTS = SMOKE ? 1_000 : 5_000;

/** The Workers it compares: hello-world first, the floor every other row is read against. */
async function pinnedRows(script, workers) {
  const pinned = async (start) => {
    const worker = await startPinned(start, 1);
    workers.push(worker);
    return worker;
  };
  const hello = await pinned(() => helloWorld(script));
  const local = await pinned(() => specmockWorker(script));
  const pet = (await publishTo(local, PETSTORE, 'petstore')).mockUrl + '/pets/42';
  const copy = await pinned(async () => helloWorld(script, await answerOf(pet)));
  const hosted = async (logCalls) => {
    const w = await pinned(() =>
      specmockWorker(script, { quotas: true, vars: { LOG_MOCK_CALLS: logCalls } }),
    );
    return { url: (await publishTo(w, PETSTORE, 'petstore')).mockUrl + '/pets/42', pid: w.pid };
  };
  return [
    { id: 'hello-world', name: 'hello-world Worker', url: `${hello.url}/`, pid: hello.pid },
    {
      id: 'local-copy',
      name: "one-line Worker answering local mode's body and headers",
      url: `${copy.url}/`,
      pid: copy.pid,
    },
    { id: 'healthz', name: 'specmock GET /healthz', url: `${local.url}/healthz`, pid: local.pid },
    { id: 'local', name: 'local mode, petstore GET /pets/42', url: pet, pid: local.pid },
    { id: 'hosted-log-off', name: 'hosted mode, request log off', ...(await hosted('off')) },
    { id: 'hosted', name: 'hosted mode (quota lease and request log)', ...(await hosted('on')) },
  ];
}

export async function measurePinnedCpu(results, script) {
  if (!existsSync('/proc/self/stat')) return log('pinned cpu: needs /proc (Linux); skipped');
  if (cpus().length < 2) return log('pinned cpu: needs two cores; skipped');
  try {
    pin(process.pid, 0);
  } catch (error) {
    return log(`pinned cpu: cannot pin with taskset (${error.message}); skipped`);
  }
  const workers = [];
  try {
    const rows = await pinnedRows(script, workers);
    for (const row of rows) await cpuPerRequest(row, WARM_REQUESTS);
    const rounds = rows.map(() => []);
    for (let i = 0; i < ROUNDS; i++)
      for (const [j, row] of rows.entries()) rounds[j].push(await cpuPerRequest(row, REQUESTS));
    const hello = rounds[0];
    results.pinnedCpu = {
      rounds: ROUNDS,
      requestsPerRound: REQUESTS,
      rows: rows.map((row, j) => ({
        id: row.id,
        label: row.name,
        us: round(median(rounds[j]), 1),
        min: round(Math.min(...rounds[j]), 1),
        max: round(Math.max(...rounds[j]), 1),
        aboveHelloWorld: round(median(rounds[j].map((us, i) => us - hello[i])), 1),
        // What the target ratios compare, by CPU: hello-world's time over this one's, per round.
        share: round(median(rounds[j].map((us, i) => hello[i] / us)), 3),
      })),
    };
    for (const row of results.pinnedCpu.rows)
      log(`pinned cpu: ${row.label.padEnd(60)} ${row.us} µs/request (${row.min}–${row.max})`);
  } finally {
    await Promise.all(workers.map((w) => (w.stop ? w.stop() : w.mf.dispose())));
    pin(process.pid, `0-${cpus().length - 1}`);
  }
}

/** The section of bench/results.md. */
export function pinnedCpuLines(p) {
  return [
    `CPU per request over HTTP under load, pinned (bench/pinned-cpu.mjs: each Worker's workerd process on one core, autocannon with 16 connections on the other, the Workers in turn for ${p.rounds} round${p.rounds === 1 ? '' : 's'} of ${p.requestsPerRound.toLocaleString('en-US')} requests; medians). The last column is hello-world's CPU per request over the row's, round by round: the target ratios, without the load generator on the Worker's core:`,
    '',
    "| Worker | µs per request | range | above hello-world | hello-world's / this |",
    '|---|---:|---:|---:|---:|',
    ...p.rows.map(
      (r) =>
        `| ${r.label} | ${r.us.toFixed(1)} | ${r.min.toFixed(1)}–${r.max.toFixed(1)} | ${r.id === 'hello-world' ? '' : r.aboveHelloWorld.toFixed(1)} | ${Math.round(r.share * 100)}% |`,
    ),
    '',
  ];
}
