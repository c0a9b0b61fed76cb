// npm run bench [-- --smoke] [--duration S] [--connections N] [--no-prism]
//
// specmock's Worker on miniflare directly (the CLI's local mode, no wrangler proxy) vs. Stoplight
// Prism on the same spec, both on loopback, each loaded in turn by autocannon with the same
// connections and duration; a hello-world Worker on the same miniflare is the ceiling.
// Writes bench/results.{json,md,svg} (not in --smoke, which only has to complete).
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { bundleWorker } from '../cli/lib/local-bundle.mjs';
import {
  ROOT,
  CALLS,
  CONNECTIONS,
  DURATION,
  GITHUB,
  PETSTORE,
  PRISM_DIR,
  RUNS,
  SMOKE,
  WARMUP,
  log,
} from './config.mjs';
import { cleanup } from './cleanup.mjs';
import { measure, round, timed } from './load.mjs';
import { helloWorld, publishTo, specmockWorker } from './targets.mjs';
import { engineTimings, layerBreakdown } from './breakdown.mjs';
import { ensurePrism, startPrism } from './prism.mjs';
import { renderMarkdown, writeResults } from './report.mjs';

const t0 = performance.now();

async function main() {
  const results = {
    meta: {
      date: new Date().toISOString(),
      smoke: SMOKE,
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: loadavg().map((n) => round(n, 1)),
      loadGenerator: `autocannon ${JSON.parse(readFileSync(join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')).version}`,
      miniflare: JSON.parse(readFileSync(join(ROOT, 'node_modules/miniflare/package.json'), 'utf8')).version,
      storage: null,
      prism: null,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      runsPerRow: RUNS,
      latency:
        'p50/p99 of 2xx responses in ms, from autocannon per-response timings; each row is the best (highest req/s) of its runs',
    },
    helloWorld: null,
    calls: [],
    publish: null,
    quota: null,
    breakdown: null,
  };

  const script = await bundleWorker({ log });
  const hello = await helloWorld(script);
  const worker = await specmockWorker(script, { quotas: true });
  results.meta.storage =
    worker.storage === 'memory' ? 'KV and Durable Objects on tmpfs' : 'KV and Durable Objects on disk';

  // 1. publishing: petstore, and GitHub's description with the first call after it
  const pet = await publishTo(worker, PETSTORE, 'petstore');
  const bases = { petstore: pet.mockUrl };
  if (!SMOKE) {
    const ghPath = CALLS.find((c) => c.id === 'gh-repo').path;
    const gh = await publishTo(worker, GITHUB, 'github');
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
      `published GitHub (${(gh.bytes / 1e6).toFixed(1)} MB, ${gh.operations} operations) in ${gh.ms.toFixed(0)} ms; first call ${first.ms.toFixed(1)} ms, second ${second.ms.toFixed(1)} ms`,
    );
    bases.github = gh.mockUrl;
  }

  // 2. the headline rows: hello-world ceiling, then each specmock call
  results.helloWorld = await measure('hello-world Worker (miniflare)', `${hello.url}/`);
  for (const call of CALLS) {
    const probe = await fetch(bases[call.spec] + call.path);
    await probe.arrayBuffer();
    if (probe.status !== 200) throw new Error(`specmock ${call.label} answered ${probe.status}`);
    results.calls.push({
      ...call,
      specmock: await measure(`specmock ${call.label}`, bases[call.spec] + call.path),
      prism: null,
    });
  }

  // 3. where the time goes, layer by layer
  await layerBreakdown(results, { script, hello, worker, pet });
  await worker.mf.dispose();
  await hello.stop();
  results.breakdown.engine = await engineTimings();

  // 4. Prism, one spec at a time
  const prismEntry = await ensurePrism();
  if (prismEntry) {
    results.meta.prism = JSON.parse(
      readFileSync(join(PRISM_DIR, 'node_modules/@stoplight/prism-cli/package.json'), 'utf8'),
    ).version;
    for (const [spec, file] of [
      ['petstore', PETSTORE],
      ['github', GITHUB],
    ]) {
      const calls = results.calls.filter((c) => c.spec === spec);
      if (!calls.length) continue;
      const prism = await startPrism(prismEntry, file, calls[0].path);
      log(`Prism ${results.meta.prism} started on ${spec} in ${(prism.startMs / 1000).toFixed(1)} s`);
      if (spec === 'github') results.publish.prismStartMs = round(prism.startMs, 0);
      for (const call of calls) call.prism = await measure(`Prism ${call.label}`, prism.url + call.path);
      await prism.stop();
    }
  }

  // 5. ratios and targets
  for (const call of results.calls) {
    const s = call.specmock;
    const p = call.prism;
    call.ratios = {
      throughputVsPrism: p ? round(s.reqPerSec / p.reqPerSec, 2) : null,
      p99VsPrism: p ? round(s.p99 / p.p99, 3) : null,
      throughputVsHelloWorld: round(s.reqPerSec / results.helloWorld.reqPerSec, 3),
    };
    call.targets = {
      fiveTimesPrism: p ? call.ratios.throughputVsPrism >= 5 : null,
      p99FifthOfPrism: p ? call.ratios.p99VsPrism <= 0.2 : null,
      sixtyPercentOfHelloWorld: call.ratios.throughputVsHelloWorld >= 0.6,
    };
  }
  results.meta.loadAverageAtEnd = loadavg().map((n) => round(n, 1));
  results.meta.totalSeconds = round((performance.now() - t0) / 1000, 0);

  const md = renderMarkdown(results);
  process.stdout.write(`\n${md}\n`);
  if (SMOKE) {
    log(`smoke run completed in ${results.meta.totalSeconds} s (no result files written)`);
    return;
  }
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
