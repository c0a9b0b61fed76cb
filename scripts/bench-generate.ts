/**
 * npm run bench:generate — generation time per response body for every operation of
 * spec-examples/ and GitHub's REST description. Warm (plan caches filled by one call, as on a
 * live isolate), several seeds per response. Prints a table; always exits 0.
 */
import { fileURLToPath } from 'node:url';
import { generate } from '../worker/mock/generate/index';
import { loadPlan, responseCases, specSources, type ResponseCase } from './spec-sources';
import type { Plan } from '../worker/mock/plan';
import { printTable } from './print-table';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function timeCase(
  plan: Plan,
  c: ResponseCase,
  runs: number,
  samples: number[],
): { bytes: number; times: number[] } {
  const opts = { defs: plan.defs, pathParams: c.pathParams, refDate: Date.UTC(2025, 0, 1) };
  const first = generate(c.schema, { ...opts, seed: `${c.seed}#warm` });
  const bytes = first.ok ? JSON.stringify(first.value).length : 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    generate(c.schema, { ...opts, seed: `${c.seed}#${i}`, dynamic: i % 2 === 1 });
    const dt = performance.now() - t;
    times.push(dt);
    samples.push(dt);
  }
  return { bytes, times };
}

const rows: string[][] = [];
const fmt = (n: number) => n.toFixed(3);
let largest: { spec: string; plan: Plan; c: ResponseCase; bytes: number } | undefined;

for (const src of specSources(root)) {
  let plan: Plan;
  try {
    plan = await loadPlan(src);
  } catch (e) {
    console.log(`${src.name}: ingest failed: ${e instanceof Error ? e.message : e}`);
    continue;
  }
  const samples: number[] = [];
  for (const c of responseCases(plan)) {
    const { bytes } = timeCase(plan, c, RUNS, samples);
    if (!largest || bytes > largest.bytes) largest = { spec: src.name, plan, c, bytes };
  }
  samples.sort((a, b) => a - b);
  rows.push([
    src.name,
    String(samples.length),
    fmt(pct(samples, 50)),
    fmt(pct(samples, 95)),
    fmt(pct(samples, 99)),
    fmt(samples[samples.length - 1] ?? 0),
  ]);
}

printTable(['spec', 'samples', 'median ms', 'p95 ms', 'p99 ms', 'max ms'], rows);

if (largest) {
  const samples: number[] = [];
  timeCase(largest.plan, largest.c, 200, samples);
  samples.sort((a, b) => a - b);
  console.log(
    `\nlargest response: ${largest.spec} ${largest.c.id} (${(largest.bytes / 1024).toFixed(1)} KiB)`,
  );
  console.log(
    `  200 runs: median ${fmt(pct(samples, 50))} ms, p99 ${fmt(pct(samples, 99))} ms, max ${fmt(samples[samples.length - 1])} ms`,
  );
}
