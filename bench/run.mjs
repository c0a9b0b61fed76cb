// npm run bench [-- --smoke] [--duration S] [--connections N] [--no-prism]
//
// specmock's Worker on miniflare directly (the CLI's local mode, no wrangler proxy) vs. Stoplight
// Prism on the same spec, both on loopback, each loaded in turn by autocannon with the same
// connections and duration; a hello-world Worker on the same miniflare is the ceiling.
// Writes bench/results.{json,md,svg} (not in --smoke, which only has to complete).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { bundleWorker, preload, ROOT, startWorker, workerConfig } from '../cli/lib/local.mjs';
import { renderMarkdown, renderSvg } from './report.mjs';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    'no-prism': { type: 'boolean' },
  },
});
const SMOKE = Boolean(args.smoke);
const DURATION = Number(args.duration ?? (SMOKE ? 2 : 5));
const RUNS = SMOKE ? 1 : 2;
const WARMUP = SMOKE ? 0.5 : 1.5;
const CONNECTIONS = Number(args.connections ?? 10);
const QUOTA_SAMPLES = SMOKE ? 100 : 2000;

const PETSTORE = join(ROOT, 'spec-examples/petstore.oas3.yaml');
const GITHUB = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');
const PRISM_DIR = join(ROOT, 'bench/.prism');
const PRISM_ENTRY = join(PRISM_DIR, 'node_modules/@stoplight/prism-cli/dist/index.js');

const CALLS = [
  { id: 'pets-by-id', spec: 'petstore', label: 'petstore GET /pets/{petId}', path: '/pets/42' },
  { id: 'pets-list', spec: 'petstore', label: 'petstore GET /pets', path: '/pets' },
  { id: 'gh-repo', spec: 'github', label: 'GitHub GET /repos/{owner}/{repo}', path: '/repos/octocat/hello-world' },
  { id: 'gh-issues', spec: 'github', label: 'GitHub GET /repos/{owner}/{repo}/issues', path: '/repos/octocat/hello-world/issues' },
].filter((c) => !SMOKE || c.spec === 'petstore');

const log = (m) => process.stderr.write(`[bench] ${m}\n`);
const cleanups = [];
// Prism runs in its own process group; whatever happens to this process, take those groups down too.
const prismGroups = new Set();
process.on('exit', () => {
  for (const pid of prismGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});
const t0 = performance.now();

// ---------------------------------------------------------------------------------------------
// measurement

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
const round = (n, d = 2) => (n === null || n === undefined ? null : Math.round(n * 10 ** d) / 10 ** d);

/** One autocannon run; latencies are collected from its per-response events (sub-ms, 2xx only). */
async function load(url, { duration = DURATION, connections = CONNECTIONS } = {}) {
  const latencies = [];
  const instance = autocannon({ url, connections, duration, pipelining: 1 });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status >= 200 && status < 300) latencies.push(responseTime);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: round(result.requests.total / (result.duration || duration), 0),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}

/** Warm up, then the best (highest req/s) of `runs` runs: robust to bursts from other processes. */
async function measure(name, url, { runs = RUNS } = {}) {
  await load(url, { duration: WARMUP });
  let best;
  for (let i = 0; i < runs; i++) {
    const r = await load(url);
    if (!best || r.reqPerSec > best.reqPerSec) best = r;
  }
  const r = best;
  log(`${name.padEnd(60)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx ? `  non-2xx ${r.non2xx}` : ''}${r.errors ? `  errors ${r.errors}` : ''}`);
  return r;
}

/** Sequential GETs on one keep-alive connection: per-request latency without queueing. */
async function sample(url, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out = [];
  try {
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      const status = await new Promise((resolve, reject) => {
        http
          .get(url, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          })
          .on('error', reject);
      });
      if (status !== 200) throw new Error(`${url} answered ${status}`);
      out.push(performance.now() - start);
    }
  } finally {
    agent.destroy();
  }
  return out;
}

async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

// ---------------------------------------------------------------------------------------------
// targets

async function helloWorld() {
  const { Miniflare, convertV4MiniflareOptions } = await import('miniflare');
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      enableDevRegistry: false,
      workers: [{ name: 'hello', modules: true, script: 'export default { fetch() { return Response.json({ hello: "world" }); } };', ...workerConfig() }],
    }),
  );
  const url = (await mf.ready).toString().replace(/\/$/, '');
  cleanups.push(() => mf.dispose());
  return { url, stop: () => mf.dispose() };
}

async function specmockWorker(script, storage = 'memory') {
  const worker = await startWorker({ script, storage, log });
  cleanups.push(() => worker.mf.dispose());
  return worker;
}

async function publishTo(worker, file, api) {
  const text = readFileSync(file, 'utf8');
  const version = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const { ms, value } = await timed(() => preload(worker, { text, contentType: file.endsWith('.json') ? 'application/json' : 'application/yaml', api, version }));
  if (value.status !== 201 && value.status !== 200) throw new Error(`publishing ${file} failed: ${value.status} ${JSON.stringify(value.body).slice(0, 500)}`);
  return { mockUrl: value.body.mockUrl, ms, bytes: Buffer.byteLength(text), operations: value.body.operations };
}

/**
 * Measurement-only variants of the same bundle, made by patching its text (worker/ is unchanged):
 *  - 'no-quota': the mock route's consumeForMock() round trip replaced by the decision an empty
 *    counter gives (no Durable Object call at all);
 *  - 'no-quota-no-engine': as 'no-quota', and the pure mock() replaced by a fixed response;
 *  - 'quota-no-write': the round trip kept, but KeyAccount skips persisting the counters.
 * Returns null when the code no longer has the expected shape (then a Worker-side switch is needed).
 */
function variantBundle(script, variant) {
  let source = readFileSync(script, 'utf8');
  if (variant === 'no-quota') {
    const pattern = /accountStub\((\w+), (\w+)\.owner\)\.consumeForMock\(([\w.]+)\)/;
    if (!pattern.test(source) || !/^function evaluate\(/m.test(source) || !/^function emptyCounters\(/m.test(source)) return null;
    source = source.replace(pattern, (_m, _env, _mirror, now) => `Promise.resolve({ ok: true, decision: evaluate(emptyCounters(), { perMinute: 1000000, perMonth: 10000000000 }, ${now}) })`);
  } else if (variant === 'no-quota-no-engine') {
    const q = variantBundle(script, 'no-quota');
    if (!q) return null;
    source = readFileSync(q, 'utf8');
    const pattern = 'const outcome = mock(target, mockRequest);';
    if (source.split(pattern).length !== 2) return null;
    source = source.replace(pattern, `const outcome = { ok: true, response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":42,"name":"Bench","tag":"fixed"}' }, operation: { id: 'showPetById' } };`);
  } else if (variant === 'quota-no-write') {
    const pattern = 'await this.ctx.storage.put("counters", counters);';
    if (source.split(pattern).length !== 2) return null;
    source = source.replace(pattern, '/* bench: counters not persisted */');
  }
  // Next to the original: workerd resolves module names relative to the directory it starts in.
  const out = script.replace(/index\.js$/, `index.bench-${variant}.js`);
  writeFileSync(out, source);
  return out;
}

/** µs per mock() call and its stages, from bench/engine.ts in a child Node (tsx). */
async function engineTimings() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/engine.ts'), ...(SMOKE ? ['--smoke'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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

async function ensurePrism() {
  if (args['no-prism']) return null;
  if (existsSync(PRISM_ENTRY)) return PRISM_ENTRY;
  if (SMOKE) {
    log('Prism is not installed in bench/.prism; skipped in --smoke (a full run installs it)');
    return null;
  }
  log('installing @stoplight/prism-cli into bench/.prism (once)…');
  await new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--prefix', PRISM_DIR, '--no-audit', '--no-fund', '--loglevel=error', '@stoplight/prism-cli'], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm install @stoplight/prism-cli exited ${code}`))));
  });
  return PRISM_ENTRY;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = http.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Prism's own CLI on the project's Node (process.execPath), in its own process group. */
async function startPrism(entry, spec, probePath) {
  const port = await freePort();
  const child = spawn(process.execPath, [entry, 'mock', '-h', '127.0.0.1', '-p', String(port), spec], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  prismGroups.add(child.pid);
  child.once('exit', () => prismGroups.delete(child.pid));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited early:\n${stderr}`);
    try {
      const res = await fetch(url + probePath);
      await res.arrayBuffer();
      break;
    } catch {}
    if (performance.now() - started > 240_000) throw new Error(`Prism did not start within 240 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop, startMs: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------

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
      latency: 'p50/p99 of 2xx responses in ms, from autocannon per-response timings; each row is the best (highest req/s) of its runs',
    },
    helloWorld: null,
    calls: [],
    publish: null,
    quota: null,
    breakdown: null,
  };

  const script = await bundleWorker({ log });
  const hello = await helloWorld();
  const worker = await specmockWorker(script);
  results.meta.storage = worker.storage === 'memory' ? 'KV and Durable Objects on tmpfs' : 'KV and Durable Objects on disk';

  // 1. publishing: petstore, and GitHub's description with the first call after it
  const pet = await publishTo(worker, PETSTORE, 'petstore');
  const bases = { petstore: pet.mockUrl };
  if (!SMOKE) {
    const ghPath = CALLS.find((c) => c.id === 'gh-repo').path;
    const gh = await publishTo(worker, GITHUB, 'github');
    const first = await timed(async () => (await fetch(gh.mockUrl + ghPath)).arrayBuffer());
    const second = await timed(async () => (await fetch(gh.mockUrl + ghPath)).arrayBuffer());
    results.publish = { spec: 'GitHub REST (api.github.com.json)', bytes: gh.bytes, operations: gh.operations, publishMs: round(gh.ms, 0), firstCallMs: round(first.ms, 1), secondCallMs: round(second.ms, 1) };
    log(`published GitHub (${(gh.bytes / 1e6).toFixed(1)} MB, ${gh.operations} operations) in ${gh.ms.toFixed(0)} ms; first call ${first.ms.toFixed(1)} ms, second ${second.ms.toFixed(1)} ms`);
    bases.github = gh.mockUrl;
  }

  // 2. the headline rows: hello-world ceiling, then each specmock call
  results.helloWorld = await measure('hello-world Worker (miniflare)', `${hello.url}/`);
  for (const call of CALLS) {
    const probe = await fetch(bases[call.spec] + call.path);
    await probe.arrayBuffer();
    if (probe.status !== 200) throw new Error(`specmock ${call.label} answered ${probe.status}`);
    results.calls.push({ ...call, specmock: await measure(`specmock ${call.label}`, bases[call.spec] + call.path), prism: null });
  }

  // 3. where the time goes: a ladder from hello-world to the full mock call, each step adding one
  //    layer. Sequential requests (no queueing) interleaved across the steps, then each under load.
  const mockPath = CALLS[0].path;
  const ladder = [
    { id: 'hello-world', label: 'hello-world Worker', url: `${hello.url}/`, underLoad: results.helloWorld },
    { id: 'healthz', label: 'specmock GET /healthz (router, CORS, no I/O)', url: `${worker.url}/healthz` },
  ];
  const steps = [
    ['no-quota-no-engine', 'mock route without the quota round trip, a fixed body instead of the engine', 'memory'],
    ['no-quota', 'mock call without the quota round trip', 'memory'],
    ['quota-no-write', 'mock call, quota round trip without the counter write', 'memory'],
    ['full', 'mock call as shipped (quota Durable Object, storage on tmpfs)', 'memory'],
    ['quota-disk', 'mock call as shipped, storage on disk (miniflare default)', 'disk'],
  ].filter(([id]) => !SMOKE || id === 'no-quota-no-engine' || id === 'no-quota' || id === 'full');
  for (const [id, label, storage] of steps) {
    if (id === 'full') {
      ladder.push({ id, label, url: pet.mockUrl + mockPath, underLoad: results.calls[0].specmock });
      continue;
    }
    const bundle = id === 'quota-disk' ? script : variantBundle(script, id);
    if (!bundle) {
      log(`step ${id}: the bundle no longer has the expected shape; skipped (a Worker-side switch is needed)`);
      continue;
    }
    const w = await specmockWorker(bundle, storage);
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
    step.sequential = { p50: round(percentile(samples[step.id], 50), 3), p99: round(percentile(samples[step.id], 99), 3) };
    step.underLoad ??= await measure(step.label, step.url);
    if (step.worker) await step.worker.mf.dispose();
  }
  const byId = Object.fromEntries(ladder.map((step) => [step.id, step]));
  results.breakdown = {
    call: CALLS[0].label,
    sequentialSamples: samples['hello-world'].length,
    ladder: ladder.map((step) => ({ id: step.id, label: step.label, sequential: step.sequential, underLoad: step.underLoad })),
    engine: null,
  };
  if (byId['no-quota'] && byId.full) {
    const full = byId.full;
    const none = byId['no-quota'];
    results.quota = {
      call: CALLS[0].label,
      method: 'bench-only patch of the bundled Worker (variantBundle in bench/run.mjs); worker/ is unchanged',
      withQuota: { ...full.sequential, reqPerSec: full.underLoad.reqPerSec },
      withoutQuota: { ...none.sequential, reqPerSec: none.underLoad.reqPerSec },
      overhead: { p50: round(full.sequential.p50 - none.sequential.p50, 3), p99: round(full.sequential.p99 - none.sequential.p99, 3), throughputChange: round(full.underLoad.reqPerSec / none.underLoad.reqPerSec - 1, 3) },
    };
    log(`quota overhead, sequential: p50 ${results.quota.overhead.p50} ms, p99 ${results.quota.overhead.p99} ms`);
  } else {
    results.quota = { skipped: 'the bundle no longer has the expected shape for the no-quota patch; a Worker-side switch (e.g. BENCH_SKIP_QUOTA) is needed' };
  }
  await worker.mf.dispose();
  await hello.stop();
  results.breakdown.engine = await engineTimings();

  // 4. Prism, one spec at a time
  const prismEntry = await ensurePrism();
  if (prismEntry) {
    results.meta.prism = JSON.parse(readFileSync(join(PRISM_DIR, 'node_modules/@stoplight/prism-cli/package.json'), 'utf8')).version;
    for (const [spec, file] of [['petstore', PETSTORE], ['github', GITHUB]]) {
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
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench/results.md'), md);
  writeFileSync(join(ROOT, 'bench/results.svg'), renderSvg(results));
  log(`wrote bench/results.json, bench/results.md, bench/results.svg in ${results.meta.totalSeconds} s`);
}

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {}
  }
  cleanups.length = 0;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    cleanup().finally(() => process.exit(1));
  });
}

main()
  .then(cleanup)
  .catch(async (error) => {
    log(`failed: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
