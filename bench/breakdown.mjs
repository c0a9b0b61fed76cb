// Where the time of a mock call goes: a ladder from hello-world to the full call, one layer per
// step, each step its own patched bundle; plus the engine's own timings from bench/engine.ts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../cli/lib/local.mjs';
import { CALLS, PETSTORE, QUOTA_SAMPLES, SMOKE, log } from './config.mjs';
import { measure, percentile, round, sample } from './load.mjs';
import { publishTo, specmockWorker } from './targets.mjs';
import { variantBundle } from './variants.mjs';

/** Fills results.breakdown (without the engine) and results.quota; `pet` is petstore on `worker`. */
export async function layerBreakdown(results, { script, hello, worker, pet }) {
  // Sequential requests (no queueing) interleaved across the steps, then each step under load.
  const mockPath = CALLS[0].path;
  const ladder = [
    { id: 'hello-world', label: 'hello-world Worker', url: `${hello.url}/`, underLoad: results.helloWorld },
    { id: 'healthz', label: 'specmock GET /healthz (router, CORS, no I/O)', url: `${worker.url}/healthz` },
  ];
  const steps = [
    [
      'no-quota-no-engine',
      'mock route without the quota round trip, a fixed body instead of the engine',
      'memory',
    ],
    ['no-quota', 'mock call without the quota round trip', 'memory'],
    ['quota-no-write', 'mock call, quota round trip without the counter write', 'memory'],
    ['no-log', 'mock call as shipped, request log off (LOG_MOCK_CALLS=off)', 'memory'],
    [
      'log-on',
      'mock call as shipped, request log on (a fresh Worker, measured next to the one above)',
      'memory',
    ],
    ['full', 'mock call as shipped (quota Durable Object, storage on tmpfs)', 'memory'],
    ['quota-disk', 'mock call as shipped, storage on disk (miniflare default)', 'disk'],
  ].filter(
    ([id]) =>
      !SMOKE ||
      id === 'no-quota-no-engine' ||
      id === 'no-quota' ||
      id === 'no-log' ||
      id === 'log-on' ||
      id === 'full',
  );
  for (const [id, label, storage] of steps) {
    if (id === 'full') {
      ladder.push({ id, label, url: pet.mockUrl + mockPath, underLoad: results.calls[0].specmock });
      continue;
    }
    const bundle = ['quota-disk', 'no-log', 'log-on'].includes(id) ? script : variantBundle(script, id);
    if (!bundle) {
      log(
        `step ${id}: the bundle no longer has the expected shape; skipped (a Worker-side switch is needed)`,
      );
      continue;
    }
    const w = await specmockWorker(bundle, storage, id === 'no-log' ? { LOG_MOCK_CALLS: 'off' } : {});
    const published = await publishTo(w, PETSTORE, 'petstore');
    ladder.push({ id, label, url: published.mockUrl + mockPath, worker: w });
  }
  for (const step of ladder) await sample(step.url, 100);
  const samples = Object.fromEntries(ladder.map((step) => [step.id, []]));
  const block = Math.max(50, Math.floor(QUOTA_SAMPLES / 10));
  for (let done = 0; done < QUOTA_SAMPLES; done += block) {
    for (const step of ladder) samples[step.id].push(...(await sample(step.url, block)));
  }
  for (const step of ladder) {
    samples[step.id].sort((a, b) => a - b);
    step.sequential = {
      p50: round(percentile(samples[step.id], 50), 3),
      p99: round(percentile(samples[step.id], 99), 3),
    };
    step.underLoad ??= await measure(step.label, step.url);
    if (step.worker) await step.worker.mf.dispose();
  }
  const byId = Object.fromEntries(ladder.map((step) => [step.id, step]));
  if (byId['no-log'] && byId['log-on']) {
    const on = byId['log-on'];
    const off = byId['no-log'];
    results.requestLog = {
      call: CALLS[0].label,
      method:
        'two fresh Workers of the same bundle, LOG_MOCK_CALLS=off and on, measured one after the other; the log write runs in waitUntil, batched per isolate',
      withLog: { ...on.sequential, reqPerSec: on.underLoad.reqPerSec },
      withoutLog: { ...off.sequential, reqPerSec: off.underLoad.reqPerSec },
      overhead: {
        p50: round(on.sequential.p50 - off.sequential.p50, 3),
        p99: round(on.sequential.p99 - off.sequential.p99, 3),
        throughputChange: round(on.underLoad.reqPerSec / off.underLoad.reqPerSec - 1, 3),
      },
    };
    log(
      `request log overhead, sequential: p50 ${results.requestLog.overhead.p50} ms, p99 ${results.requestLog.overhead.p99} ms; throughput ${results.requestLog.overhead.throughputChange}`,
    );
  }
  results.breakdown = {
    call: CALLS[0].label,
    sequentialSamples: samples['hello-world'].length,
    ladder: ladder.map((step) => ({
      id: step.id,
      label: step.label,
      sequential: step.sequential,
      underLoad: step.underLoad,
    })),
    engine: null,
  };
  if (byId['no-quota'] && byId.full) {
    const full = byId.full;
    const none = byId['no-quota'];
    results.quota = {
      call: CALLS[0].label,
      method:
        'bench-only patch of the bundled Worker (variantBundle in bench/variants.mjs); worker/ is unchanged',
      withQuota: { ...full.sequential, reqPerSec: full.underLoad.reqPerSec },
      withoutQuota: { ...none.sequential, reqPerSec: none.underLoad.reqPerSec },
      overhead: {
        p50: round(full.sequential.p50 - none.sequential.p50, 3),
        p99: round(full.sequential.p99 - none.sequential.p99, 3),
        throughputChange: round(full.underLoad.reqPerSec / none.underLoad.reqPerSec - 1, 3),
      },
    };
    log(
      `quota overhead, sequential: p50 ${results.quota.overhead.p50} ms, p99 ${results.quota.overhead.p99} ms`,
    );
  } else {
    results.quota = {
      skipped:
        'the bundle no longer has the expected shape for the no-quota patch; a Worker-side switch (e.g. BENCH_SKIP_QUOTA) is needed',
    };
  }
}

/** µs per mock() call and its stages, from bench/engine.ts in a child Node (tsx). */
export async function engineTimings() {
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
