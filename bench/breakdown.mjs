// Where the time of a mock call goes: a ladder from hello-world to the hosted call, one layer per
// step; the quota's cost per call (hosted vs local mode); the engine's own timings (bench/engine.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CALLS, PAIRED_DURATION, PAIRED_RUNS, PETSTORE, QUOTA_SAMPLES, ROOT, SMOKE, log } from './config.mjs';
import { measure, measureAlternating, pairedRange, pairedRatio, percentile, round, sample } from './load.mjs';
import {
  answerOf,
  helloWorld,
  helloWorldThroughEntry,
  hostedContractFloor,
  publishTo,
  specmockWorker,
} from './targets.mjs';
import { variantBundle } from './variants.mjs';

/**
 * Fills results.breakdown (without the engine) and results.quota. `targets` holds the running
 * Workers ({ hello, local, hosted }, each with petstore published as `pet`); the headline rows of
 * results.calls[0] are reused as the under-load figures of the matching steps.
 */
export async function layerBreakdown(results, { script, hello, local, hosted }) {
  const path = CALLS[0].path;
  const headline = results.calls[0].rows;
  const entry = await helloWorldThroughEntry(script);
  const ladder = [
    {
      id: 'hello-entry',
      label: "hello-world Worker behind miniflare's entry Worker (as wrangler dev serves)",
      url: `${entry.url}/`,
      worker: entry,
    },
    { id: 'hello-world', label: 'hello-world Worker', url: `${hello.url}/`, underLoad: results.helloWorld },
  ];
  // The same one-line Worker answering with local mode's body and headers (content type, CORS,
  // operation), and with hosted mode's (those and the two RateLimit headers): what the contract's
  // headers cost the runtime before any of specmock's code runs.
  const copy = await helloWorld(script, await answerOf(local.pet.mockUrl + path));
  const hostedAnswer = await answerOf(hosted.pet.mockUrl + path);
  const hostedCopy = await helloWorld(script, hostedAnswer);
  // That copy sends the RateLimit values of one call on every call: this one pays what the hosted
  // contract asks of each call (changing RateLimit values, a logged record), without specmock.
  const contract = await hostedContractFloor(script, hostedAnswer);
  ladder.push(
    {
      id: 'hello-mock-answer',
      label: "hello-world Worker answering local mode's body and headers",
      url: `${copy.url}/`,
      worker: copy,
    },
    {
      id: 'hello-hosted-answer',
      label: "hello-world Worker answering hosted mode's body and headers",
      url: `${hostedCopy.url}/`,
      worker: hostedCopy,
    },
    {
      id: 'hosted-contract',
      label:
        "the same, with per-call RateLimit values and each call logged to a Durable Object (hosted mode's contract, no specmock)",
      url: `${contract.url}/pets/42`,
      worker: contract,
    },
    { id: 'healthz', label: 'specmock GET /healthz (router, CORS, no I/O)', url: `${local.url}/healthz` },
  );
  const bundle = variantBundle(script, 'no-engine');
  if (bundle) {
    const w = await specmockWorker(bundle);
    const published = await publishTo(w, PETSTORE, 'petstore');
    ladder.push({
      id: 'no-engine',
      label: 'local mock route with a fixed body instead of the engine',
      url: published.mockUrl + path,
      worker: w,
    });
  } else log('step no-engine: the bundle no longer has the expected shape; skipped');
  ladder.push(
    { id: 'local', label: 'local mode (no quota)', url: local.pet.mockUrl + path, underLoad: headline.local },
    {
      id: 'hosted',
      label: 'hosted mode (quota lease per isolate)',
      url: hosted.pet.mockUrl + path,
      underLoad: headline.hosted,
    },
  );
  // The request log's cost: two fresh hosted Workers of the same bundle, logging off and on.
  for (const [id, flag] of [
    ['log-off', 'off'],
    ['log-on', 'on'],
  ]) {
    const w = await specmockWorker(script, { quotas: true, vars: { LOG_MOCK_CALLS: flag } });
    const published = await publishTo(w, PETSTORE, 'petstore');
    ladder.push({
      id,
      label: `hosted mode, request log ${flag} (LOG_MOCK_CALLS=${flag}, a fresh Worker)`,
      url: published.mockUrl + path,
      worker: w,
    });
  }
  // Sequential requests (no queueing), interleaved across the steps so drift hits all alike.
  for (const step of ladder) await sample(step.url, 100);
  const samples = Object.fromEntries(ladder.map((step) => [step.id, []]));
  const block = Math.max(50, Math.floor(QUOTA_SAMPLES / 10));
  for (let done = 0; done < QUOTA_SAMPLES; done += block) {
    for (const step of ladder) samples[step.id].push(...(await sample(step.url, block)));
  }
  // Under load, the two log Workers in alternation (their difference is the log's cost), once the
  // sequential samples have warmed them as they warm the other steps (measured first, just after
  // their start, both ran 40 % below the hosted row of the same run). As many rounds as the floor's
  // rows, the share read as the median of the rounds' ratios: best-of-two rounds put it at 2.7 % in
  // one run where six alternated rounds of the same Workers put it at 12 %.
  const [off, on] = ladder.slice(-2);
  [off.underLoad, on.underLoad] = await measureAlternating(
    [off, on].map((step) => ({ name: step.label, url: step.url })),
    { runs: PAIRED_RUNS, duration: PAIRED_DURATION },
  );
  results.headerFloor = await headerFloor(ladder);
  for (const step of ladder) {
    samples[step.id].sort((a, b) => a - b);
    step.sequential = {
      p50: round(percentile(samples[step.id], 50), 3),
      p99: round(percentile(samples[step.id], 99), 3),
    };
    step.underLoad ??= await measure(step.label, step.url);
    if (step.worker) await step.worker.mf.dispose();
  }
  results.breakdown = {
    call: CALLS[0].label,
    sequentialSamples: samples['hello-world'].length,
    ladder: ladder.map(({ id, label, sequential, underLoad }) => ({ id, label, sequential, underLoad })),
    engine: null,
  };
  const byId = Object.fromEntries(ladder.map((step) => [step.id, step]));
  results.quota = quotaCost(CALLS[0].label, byId.local, byId.hosted);
  results.requestLog = logCost(CALLS[0].label, byId['log-off'], byId['log-on']);
  log(
    `request log cost: ${results.requestLog.overhead.usPerCallUnderLoad} µs per call under load, p50 ${results.requestLog.overhead.p50} ms sequential`,
  );
  log(
    `quota and log cost: ${results.quota.overhead.usPerCallUnderLoad} µs per call under load (${round(results.quota.overhead.throughputShare * 100, 1)}% of throughput), p50 ${results.quota.overhead.p50} ms sequential`,
  );
}

/**
 * Local and hosted mode beside their floors: a one-line Worker sending each mode's exact body and
 * headers, and for hosted mode also its contract's floor (hostedContractFloor); `GET /healthz`
 * with them. All are measured together in alternating rounds with hello-world (the headline rows
 * ran at another time), each share the median of the rounds' ratios, so each is read against what
 * the runtime alone reaches in the same minutes.
 */
async function headerFloor(ladder) {
  const ids = [
    'hello-world',
    'hello-mock-answer',
    'local',
    'hello-hosted-answer',
    'hosted-contract',
    'hosted',
    'healthz',
  ];
  const steps = ids.map((id) => ladder.find((step) => step.id === id));
  const rows = await measureAlternating(
    steps.map((step) => ({ name: `${step.label} (together)`, url: step.url })),
    { runs: PAIRED_RUNS, duration: PAIRED_DURATION },
  );
  const [hello, localAnswer, local, hostedAnswer, contract, hosted, healthz] = rows;
  steps[1].underLoad = localAnswer;
  steps[3].underLoad = hostedAnswer;
  steps[4].underLoad = contract;
  steps[6].underLoad = healthz;
  const share = (row) => pairedRatio(row, hello);
  const range = (row) => pairedRange(row, hello);
  return {
    runs: PAIRED_RUNS,
    workers: ids.length,
    helloWorld: hello.reqPerSec,
    healthz: share(healthz),
    healthzRange: range(healthz),
    local: {
      reqPerSec: local.reqPerSec,
      share: share(local),
      range: range(local),
      floor: share(localAnswer),
    },
    hosted: {
      reqPerSec: hosted.reqPerSec,
      share: share(hosted),
      range: range(hosted),
      floor: share(hostedAnswer),
      contractFloor: share(contract),
    },
  };
}

/**
 * The cost of the quota and the request log together (hosted mode does both, local mode neither),
 * hosted vs local on the same call: workerd runs the Worker and its Durable Objects on one thread,
 * so the difference of the inverse throughputs is the CPU time per call. The log's own share is
 * logCost's.
 */
function quotaCost(call, local, hosted) {
  const l = local.underLoad.reqPerSec;
  const h = hosted.underLoad.reqPerSec;
  // Measured in the same rounds (the headline's), the share is the median of the rounds' ratios.
  const kept = pairedRatio(hosted.underLoad, local.underLoad) ?? h / l;
  return {
    call,
    method:
      'hosted mode (QUOTAS=on: quota leases, and the request log) vs local mode (QUOTAS=off: neither) on the same bundle',
    withQuota: { ...hosted.sequential, reqPerSec: h },
    withoutQuota: { ...local.sequential, reqPerSec: l },
    overhead: {
      p50: round(hosted.sequential.p50 - local.sequential.p50, 3),
      p99: round(hosted.sequential.p99 - local.sequential.p99, 3),
      throughputShare: round(1 - kept, 3),
      usPerCallUnderLoad: round(((1 - kept) / (kept * l)) * 1e6, 1),
    },
  };
}

/** The request log's cost, logging on vs off on two otherwise identical hosted Workers. */
function logCost(call, off, on) {
  const a = off.underLoad.reqPerSec;
  const b = on.underLoad.reqPerSec;
  const kept = pairedRatio(on.underLoad, off.underLoad) ?? b / a;
  return {
    call,
    method:
      'hosted mode with LOG_MOCK_CALLS=on vs off, in alternating rounds (the median of their ratios); the write runs in waitUntil, batched per isolate',
    withLog: { ...on.sequential, reqPerSec: b },
    withoutLog: { ...off.sequential, reqPerSec: a },
    overhead: {
      p50: round(on.sequential.p50 - off.sequential.p50, 3),
      p99: round(on.sequential.p99 - off.sequential.p99, 3),
      throughputShare: round(1 - kept, 3),
      usPerCallUnderLoad: round(((1 - kept) / (kept * a)) * 1e6, 1),
    },
  };
}

/**
 * µs per mock() call and its stages, from bench/engine.ts in a child Node (tsx). Its GitHub ingest is
 * one cold publish per process, which swings with the machine: three processes (one in a smoke run),
 * the median reported beside all three.
 */
export async function engineTimings() {
  const runs = [];
  for (let i = 0; i < (SMOKE ? 1 : 3); i++) {
    const run = await engineRun();
    if (!run) return null;
    runs.push(run);
  }
  const ingests = runs.map((r) => r.ingestMs?.github?.ingest).filter((ms) => ms !== undefined);
  const sorted = [...ingests].sort((a, b) => a - b);
  const [first] = runs;
  if (first.ingestMs?.github && sorted.length > 0)
    first.ingestMs.github = {
      ...first.ingestMs.github,
      ingest: sorted[Math.floor(sorted.length / 2)],
      coldRuns: ingests,
    };
  return first;
}

function engineRun() {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/engine.ts'), ...(SMOKE ? ['--smoke'] : [])],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) {
        log(`engine timing failed (${code}): ${err.slice(-500)}`);
        return resolve(null);
      }
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}
