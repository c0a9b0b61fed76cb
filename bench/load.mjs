// Measurement: autocannon load runs, and sequential samples on one keep-alive connection.
import http from 'node:http';
import autocannon from 'autocannon';
import { CONNECTIONS, DURATION, RUNS, WARMUP, log } from './config.mjs';

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
/** The middle of the values (the upper of the middle two of an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
export const round = (n, d = 2) => (n === null || n === undefined ? null : Math.round(n * 10 ** d) / 10 ** d);

/** One autocannon run; latencies are collected from its per-response events (sub-ms, 2xx only). */
export async function load(url, { duration = DURATION, connections = CONNECTIONS, request = {} } = {}) {
  const latencies = [];
  const instance = autocannon({ url, connections, duration, pipelining: 1, ...request });
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
export async function measure(name, url, { runs = RUNS, request } = {}) {
  await load(url, { duration: WARMUP, request });
  let best;
  for (let i = 0; i < runs; i++) {
    const r = await load(url, { request });
    if (!best || r.reqPerSec > best.reqPerSec) best = r;
  }
  const r = best;
  log(
    `${name.padEnd(60)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx ? `  non-2xx ${r.non2xx}` : ''}${r.errors ? `  errors ${r.errors}` : ''}`,
  );
  return r;
}

/**
 * Several servers measured in alternation (warm-ups first, then run i of each before run i + 1 of
 * any), so a burst from another process or a slow drift hits them all alike; best run of each,
 * with every round's req/s in its `rounds` (pairedRatio).
 */
export async function measureAlternating(targets, { runs = RUNS, duration = DURATION } = {}) {
  for (const t of targets) await load(t.url, { duration: WARMUP, request: t.request });
  const best = targets.map(() => undefined);
  const rounds = targets.map(() => []);
  for (let i = 0; i < runs; i++)
    for (const [j, t] of targets.entries()) {
      const r = await load(t.url, { duration, request: t.request });
      rounds[j].push(r.reqPerSec);
      if (!best[j] || r.reqPerSec > best[j].reqPerSec) best[j] = r;
    }
  const together = Symbol('measured together');
  for (const [j, row] of best.entries()) Object.assign(row, { rounds: rounds[j], together });
  for (const [j, t] of targets.entries()) {
    const r = best[j];
    log(
      `${t.name.padEnd(60)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx ? `  non-2xx ${r.non2xx}` : ''}${r.errors ? `  errors ${r.errors}` : ''}`,
    );
  }
  return best;
}

/** Each round's a/b, sorted, for two rows measured back to back by one measureAlternating (else null). */
function pairedRatios(a, b) {
  if (!a?.rounds || a.together !== b?.together) return null;
  return a.rounds.map((n, i) => n / b.rounds[i]).sort((x, y) => x - y);
}

/**
 * The median over rounds of a/b, each round's two throughputs measured back to back by one
 * measureAlternating (null for rows that were not measured together).
 */
export function pairedRatio(a, b) {
  const ratios = pairedRatios(a, b);
  if (!ratios) return null;
  const mid = ratios.length / 2;
  return round(ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2, 3);
}

/**
 * The lowest and the highest round's a/b beside that median: on two shared cores one run's rounds
 * of a ratio spread by 8–47 points, which a single number hides.
 */
export function pairedRange(a, b) {
  const ratios = pairedRatios(a, b);
  return ratios && [round(ratios[0], 3), round(ratios[ratios.length - 1], 3)];
}

/**
 * Sequential calls on one keep-alive connection: per-request latency without queueing. GET by
 * default; `request` ({method, headers, body}) sends another, which must answer 2xx.
 */
export async function sample(url, n, request) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out = [];
  try {
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      const status = await new Promise((resolve, reject) => {
        const req = http
          .request(url, { agent, method: request?.method ?? 'GET', headers: request?.headers }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          })
          .on('error', reject);
        req.end(request?.body);
      });
      if (request ? status < 200 || status > 299 : status !== 200)
        throw new Error(`${url} answered ${status}`);
      out.push(performance.now() - start);
    }
  } finally {
    agent.destroy();
  }
  return out;
}

export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
