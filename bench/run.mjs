// npm run bench [-- --smoke] [--duration S] [--connections N] [--no-prism]
//
// One run, side by side on the same machine, each server loaded in turn by autocannon with the
// same connections and duration: a hello-world Worker (the runtime's ceiling), specmock in local
// mode (`specmock mock`: QUOTAS=off), specmock in hosted mode (quota leases on), Prism static and
// Prism -d. Writes bench/results.{json,md,svg} (not in --smoke, which only has to complete).
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { bundleWorker } from '../cli/lib/local/bundle.mjs';
import {
  CALLS,
  CONNECTIONS,
  DURATION,
  GITHUB,
  PAIRED_DURATION,
  PAIRED_RUNS,
  PETSTORE,
  ROOT,
  RUNS,
  SMOKE,
  WARMUP,
  log,
} from './config.mjs';
import { cleanup } from './cleanup.mjs';
import { load, measure, measureAlternating, round, timed } from './load.mjs';
import { helloWorld, publishTo, specmockWorker } from './targets.mjs';
import { engineTimings, layerBreakdown } from './breakdown.mjs';
import { ensurePrism, startPrism } from './prism.mjs';
import { PRISM_DIR } from './prism-cli.mjs';
import { judge } from './judge.mjs';
import { SANDBOX_BENCH_VARS, measureSandbox } from './sandbox.mjs';
import { measureCallbacks } from './callbacks.mjs';
import { measureCpuPerCall } from './cpu-per-call.mjs';
import { measurePinnedCpu } from './pinned-cpu.mjs';
import { renderMarkdown, writeResults } from './report.mjs';

const t0 = performance.now();
const version = (pkg) =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

function meta() {
  return {
    date: new Date().toISOString(),
    smoke: SMOKE,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart: loadavg().map((n) => round(n, 1)),
    loadGenerator: `autocannon ${version('autocannon')}`,
    miniflare: version('miniflare'),
    storage: null,
    prism: null,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    warmupSeconds: WARMUP,
    runsPerRow: RUNS,
    pairedRounds: PAIRED_RUNS,
    pairedSeconds: PAIRED_DURATION,
    latency:
      'p50/p99 of 2xx responses in ms, from autocannon per-response timings; each row is the best (highest req/s) of its runs',
  };
}

/** Publishes petstore into both specmock Workers. */
async function publishPetstore(local, hosted) {
  local.pet = await publishTo(local, PETSTORE, 'petstore');
  hosted.pet = await publishTo(hosted, PETSTORE, 'petstore');
  return { local: { petstore: local.pet.mockUrl }, hosted: { petstore: hosted.pet.mockUrl } };
}

/**
 * Publishes GitHub's description into both Workers; the publish into the hosted one is timed. An
 * isolate that has just ingested 13 MB carries its garbage into the next seconds of calls (an A/B of
 * two bundles, run with the publish order each way: whichever isolate published last ran its first
 * petstore row 10–30 % slower, and the gap was gone a minute later), so the petstore rows are
 * measured before this, and each GitHub target gets a longer warm-up.
 */
async function publishGithub(results, local, hosted, bases) {
  const ghPath = CALLS.find((c) => c.id === 'gh-repo').path;
  const gh = await publishTo(hosted, GITHUB, 'github');
  const first = await timed(async () => (await fetch(gh.mockUrl + ghPath)).arrayBuffer());
  const second = await timed(async () => (await fetch(gh.mockUrl + ghPath)).arrayBuffer());
  results.publish = {
    spec: 'GitHub REST (api.github.com.json)',
    bytes: gh.bytes,
    operations: gh.operations,
    publishMs: round(gh.ms, 0),
    firstCallMs: round(first.ms, 1),
    secondCallMs: round(second.ms, 1),
  };
  log(
    `published GitHub (${(gh.bytes / 1e6).toFixed(1)} MB) in ${gh.ms.toFixed(0)} ms; first call ${first.ms.toFixed(1)} ms`,
  );
  bases.hosted.github = gh.mockUrl;
  bases.local.github = (await publishTo(local, GITHUB, 'github')).mockUrl;
  // The local isolate, just published into, is loaded in windows from the publish on: what a client
  // meets right after it, reported as such, and the warm-up that keeps it out of the rows.
  results.publish.afterPublish = [];
  for (let w = 0; w < AFTER_PUBLISH_WINDOWS; w++)
    results.publish.afterPublish.push(
      (await load(bases.local.github + ghPath, { duration: WINDOW_SECONDS })).reqPerSec,
    );
  log(
    `local mode right after GitHub's publish, ${WINDOW_SECONDS} s windows: ${results.publish.afterPublish.join(', ')} req/s`,
  );
  // The hosted isolate published first but had no calls since: its own dip is still ahead of it.
  await load(bases.hosted.github + ghPath, {
    duration: WINDOW_SECONDS * Math.ceil(AFTER_PUBLISH_WINDOWS / 2),
  });
}

/**
 * Windows of load on GitHub's local target right after its publish. In five scratch runs the first
 * 10 s ran at 7,000–9,000 req/s, then 3–9 s at 1,600–2,000, then 7,000–10,000 again (in the two
 * that read the isolate's heap through the inspector, its use grew to 75–92 MB in that time, the
 * heap to 117 MB, until a major collection left 19–33 MB): with a 5 s warm-up, the GitHub rows'
 * first rounds fell into that dip (1,774–4,787 req/s between the rounds of one run).
 */
const WINDOW_SECONDS = 3;
const AFTER_PUBLISH_WINDOWS = SMOKE ? 1 : 8;

/** Prism static and Prism -d, one spec at a time (the Workers are stopped by then). */
async function measurePrism(results) {
  const entry = await ensurePrism();
  if (!entry) return;
  results.meta.prism = JSON.parse(
    readFileSync(join(PRISM_DIR, 'node_modules/@stoplight/prism-cli/package.json'), 'utf8'),
  ).version;
  for (const [spec, file] of [
    ['petstore', PETSTORE],
    ['github', GITHUB],
  ]) {
    const calls = results.calls.filter((c) => c.spec === spec);
    if (!calls.length) continue;
    for (const [mode, dynamic] of [
      ['prismStatic', false],
      ['prismDynamic', true],
    ]) {
      const prism = await startPrism(entry, file, calls[0].path, { dynamic });
      log(
        `Prism ${results.meta.prism}${dynamic ? ' -d' : ''} started on ${spec} in ${(prism.startMs / 1000).toFixed(1)} s`,
      );
      if (spec === 'github' && results.publish) results.publish.prismStartMs = round(prism.startMs, 0);
      for (const call of calls)
        call.rows[mode] = await measure(`Prism${dynamic ? ' -d' : ''} ${call.label}`, prism.url + call.path);
      await prism.stop();
    }
  }
}

async function main() {
  const results = {
    meta: meta(),
    helloWorld: null,
    calls: [],
    publish: null,
    quota: null,
    breakdown: null,
    headerFloor: null,
    sandbox: null,
    cache: null,
    callbacks: null,
    cpuPerCall: null,
    pinnedCpu: null,
  };
  const script = await bundleWorker({ log });
  const hello = await helloWorld(script);
  const local = await specmockWorker(script);
  // The sandbox rows POST for whole runs: no item cap gets in their way.
  const hosted = await specmockWorker(script, {
    quotas: true,
    vars: { ...SANDBOX_BENCH_VARS, WEBHOOK_TARGETS: 'any' },
  });
  // Every Worker is served on its own socket, without miniflare's entry Worker (targets.mjs).
  results.meta.storage = `each Worker on its own socket, KV and Durable Objects on ${hosted.storage === 'memory' ? 'tmpfs' : 'disk'}`;
  const bases = await publishPetstore(local, hosted);

  // Per call, the hello-world ceiling and both specmock modes in alternation (same conditions).
  for (const call of CALLS) {
    if (call.spec === 'github' && !bases.local.github) await publishGithub(results, local, hosted, bases);
    const targets = [
      { name: 'hello-world Worker (miniflare)', url: `${hello.url}/` },
      { name: `specmock local ${call.label}`, url: bases.local[call.spec] + call.path },
      { name: `specmock hosted ${call.label}`, url: bases.hosted[call.spec] + call.path },
    ];
    for (const t of targets.slice(1)) {
      const probe = await fetch(t.url);
      await probe.arrayBuffer();
      if (probe.status !== 200) throw new Error(`${t.name} answered ${probe.status}`);
    }
    const [ceiling, localRow, hostedRow] = await measureAlternating(
      results.helloWorld ? targets.slice(1) : targets,
      { runs: PAIRED_RUNS, duration: PAIRED_DURATION },
    ).then((rows) => (results.helloWorld ? [results.helloWorld, ...rows] : rows));
    results.helloWorld = ceiling;
    results.calls.push({
      ...call,
      rows: { local: localRow, hosted: hostedRow, prismStatic: null, prismDynamic: null },
    });
  }
  // The rows above repeat one URL per call: after the first, every answer can come from the cache.
  results.cache = await (await fetch(`${local.url}/healthz`)).json().then((h) => h.answerCache ?? null);
  results.sandbox = await measureSandbox(hosted, hosted.pet, script);
  results.callbacks = await measureCallbacks(hosted, script);
  await layerBreakdown(results, { script, hello, local, hosted });
  await Promise.all([local.mf.dispose(), hosted.mf.dispose(), hello.stop()]);
  await measureCpuPerCall(results, script);
  await measurePinnedCpu(results, script);
  results.breakdown.engine = await engineTimings();
  await measurePrism(results);

  judge(results);
  results.meta.loadAverageAtEnd = loadavg().map((n) => round(n, 1));
  results.meta.totalSeconds = round((performance.now() - t0) / 1000, 0);
  const md = renderMarkdown(results);
  process.stdout.write(`\n${md}\n`);
  if (SMOKE) return log(`smoke run completed in ${results.meta.totalSeconds} s (no result files written)`);
  writeResults(results, md);
  log(`wrote bench/results.json, bench/results.md, bench/results.svg in ${results.meta.totalSeconds} s`);
}

main()
  .then(cleanup)
  .catch(async (error) => {
    log(`failed: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
