// Renders bench results as a markdown table and a hand-written SVG bar chart (no chart library),
// and writes them with the raw numbers to bench/results.{json,md,svg}.
import { writeFileSync } from 'node:fs';
import { sandboxLines } from './sandbox.mjs';
import { callbackLines } from './callbacks.mjs';
import { pinnedCpuLines } from './pinned-cpu.mjs';
import { join } from 'node:path';
import { ROOT } from './config.mjs';

const fmt = (n, d = 0) =>
  n === null || n === undefined
    ? '–'
    : Number(n).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const ms = (n) => (n === null || n === undefined ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (n, suffix = '×') =>
  n === null || n === undefined ? '–' : `${n.toFixed(n < 1 ? 2 : 1)}${suffix}`;
const signed = (n) => (n === null || n === undefined ? '–' : `${n >= 0 ? '+' : '−'}${ms(Math.abs(n))}`);
/** A paired ratio's rounds, lowest to highest, in percent: ` (54–79)`. */
const spread = (range) => (range ? ` (${fmt(range[0] * 100)}–${fmt(range[1] * 100)})` : '');
const mark = (ok) => (ok === null || ok === undefined ? '' : ok ? ' ✓' : ' ✗');

const SERVERS = [
  ['local', 'specmock local mode (no quota)'],
  ['hosted', 'specmock hosted mode (quota on)'],
  ['prismStatic', 'Prism static'],
  ['prismDynamic', 'Prism -d'],
];

function headline(r, lines) {
  const h = r.helloWorld;
  lines.push(
    "| Call | Server | req/s | p50 | p99 | vs hello-world (rounds' range) | req/s vs Prism -d | p99 vs Prism -d |",
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  lines.push(
    `| – | hello-world Worker (ceiling) | ${fmt(h.reqPerSec)} | ${ms(h.p50)} | ${ms(h.p99)} | 100% | | |`,
  );
  for (const c of r.calls) {
    const d = c.rows.prismDynamic;
    for (const [id, label] of SERVERS) {
      const row = c.rows[id];
      if (!row) {
        lines.push(`| ${c.label} | ${label} | not run | | | | | |`);
        continue;
      }
      const share =
        { local: c.ratios?.localVsHelloWorld, hosted: c.ratios?.hostedVsHelloWorld }[id] ??
        row.reqPerSec / h.reqPerSec;
      const range = { local: c.ranges?.localVsHelloWorld, hosted: c.ranges?.hostedVsHelloWorld }[id];
      lines.push(
        `| ${c.label} | ${label} | ${fmt(row.reqPerSec)} | ${ms(row.p50)} | ${ms(row.p99)} | ${fmt(share * 100)}%${spread(range)} | ${d ? ratio(row.reqPerSec / d.reqPerSec) : '–'} | ${d ? ratio(row.p99 / d.p99, '') : '–'} |`,
      );
    }
  }
  lines.push('');
  lines.push('Targets:');
  lines.push('');
  for (const c of r.calls)
    for (const [name, ok] of Object.entries(c.targets))
      lines.push(`- ${c.label}: ${name}${ok === null ? ' – not measured' : mark(ok)}`);
  for (const [name, ok] of Object.entries(r.otherTargets ?? {}))
    lines.push(`- ${name}${ok === null ? ' – not measured' : mark(ok)}`);
  lines.push('');
  const f = r.headerFloor;
  if (f?.local)
    lines.push(
      `Beside the runtime's floor (the ${f.workers ?? 5} measured together in ${f.runs} alternating rounds, medians of the rounds' ratios, the lowest and highest round in brackets; hello-world ${fmt(f.helloWorld)} req/s at best): local mode **${fmt(f.local.share * 100)}%**${spread(f.local.range)} of hello-world, where a one-line Worker sending its exact body and headers reaches **${fmt(f.local.floor * 100)}%**; hosted mode **${fmt(f.hosted.share * 100)}%**${spread(f.hosted.range)}, its one-line copy **${fmt(f.hosted.floor * 100)}%**${f.hosted.contractFloor ? `, and **${fmt(f.hosted.contractFloor * 100)}%** for the copy that also does what the hosted contract asks of every call (RateLimit values that change per call, the call logged with its request headers to a Durable Object's SQLite in 50 ms batches): hosted mode reaches **${fmt((f.hosted.share / f.hosted.contractFloor) * 100)}%** of that floor` : ''}${f.healthz ? `; \`GET /healthz\` **${fmt(f.healthz * 100)}%**${spread(f.healthzRange)}` : ''}.`,
      '',
    );
}

export function renderMarkdown(r) {
  const m = r.meta;
  const lines = [];
  lines.push(
    `Benchmark: ${m.date.slice(0, 10)}, ${m.cpus} × ${m.cpuModel}, Node ${m.node}, miniflare ${m.miniflare}${m.storage ? ` (${m.storage})` : ''}, Prism ${m.prism ?? 'not run'}, ${m.loadGenerator}, ${m.connections} connections × ${m.durationSeconds} s per row after a ${m.warmupSeconds} s warm-up, best of ${m.runsPerRow ?? 1}${m.pairedRounds ? ` (hello-world, local and hosted mode: ${m.pairedRounds} rounds of ${m.pairedSeconds} s, each round measuring them back to back; their ratios are the medians of the rounds' ratios, their rows the best round)` : ''}${m.smoke ? ' (smoke run)' : ''}; load average ${m.loadAverageAtStart?.join(' ') ?? '?'} at the start, ${m.loadAverageAtEnd?.join(' ') ?? '?'} at the end. Latencies in ms.`,
  );
  lines.push('');
  headline(r, lines);
  if (r.publish) {
    const p = r.publish;
    lines.push(
      `Publishing ${p.spec} (${(p.bytes / 1e6).toFixed(1)} MB, ${fmt(p.operations)} operations) on miniflare: **${fmt(p.publishMs)} ms**; first mock call after it **${ms(p.firstCallMs)} ms**, second ${ms(p.secondCallMs)} ms${p.prismStartMs ? ` (Prism -d needs ${fmt(p.prismStartMs / 1000, 1)} s to start on the same file)` : ''}.${p.afterPublish?.length ? ` Local mode under load right after its publish, in 3 s windows: ${p.afterPublish.map((n) => fmt(n)).join(', ')} req/s (the GitHub rows above start after these windows).` : ''}`,
    );
    lines.push('');
  }
  if (r.cache) {
    const { hits, misses, bytes } = r.cache;
    lines.push(
      `**Answer cache** (local mode's isolate after the petstore and GitHub rows): ${fmt(hits)} hits, ${fmt(misses)} misses, **${fmt((100 * hits) / Math.max(1, hits + misses), 2)}% hit rate**, ${fmt(bytes / 1024, 1)} KiB held.`,
      '',
    );
  }
  if (r.quota?.overhead) {
    const q = r.quota;
    lines.push(
      `**Quota and request log cost** on ${q.call} (${q.method}): under load ${fmt(q.withQuota.reqPerSec)} vs ${fmt(q.withoutQuota.reqPerSec)} req/s, **${fmt(q.overhead.throughputShare * 100, 1)}% of throughput, ${fmt(q.overhead.usPerCallUnderLoad, 1)} µs per call**; sequential p50 ${ms(q.withQuota.p50)} vs ${ms(q.withoutQuota.p50)} ms (${signed(q.overhead.p50)} ms), p99 ${ms(q.withQuota.p99)} vs ${ms(q.withoutQuota.p99)} ms.`,
    );
    lines.push('');
  }
  if (r.requestLog?.overhead) {
    const q = r.requestLog;
    lines.push(
      `**Request log cost** on ${q.call} (${q.method}): under load ${fmt(q.withLog.reqPerSec)} vs ${fmt(q.withoutLog.reqPerSec)} req/s, **${fmt(q.overhead.throughputShare * 100, 1)}% of throughput, ${fmt(q.overhead.usPerCallUnderLoad, 1)} µs per call**; sequential p50 ${ms(q.withLog.p50)} vs ${ms(q.withoutLog.p50)} ms (${signed(q.overhead.p50)} ms), p99 ${ms(q.withLog.p99)} vs ${ms(q.withoutLog.p99)} ms.`,
    );
    lines.push('');
  }
  if (r.sandbox) lines.push(...sandboxLines(r.sandbox, r.meta), '');
  if (r.callbacks) lines.push(...callbackLines(r.callbacks, r.meta), '');
  if (r.breakdown) breakdown(r, lines);
  if (r.cpuPerCall) cpuPerCall(r.cpuPerCall, lines);
  if (r.pinnedCpu) lines.push(...pinnedCpuLines(r.pinnedCpu));
  return `${lines.join('\n')}\n`;
}

function breakdown(r, lines) {
  const b = r.breakdown;
  lines.push(
    `Where the time goes (${b.call}; sequential = ${fmt(b.sequentialSamples)} requests per step on one keep-alive connection, interleaved across steps; under load = ${r.meta.connections} connections):`,
  );
  lines.push('');
  lines.push(
    '| Step | p50 sequential | p99 sequential | req/s under load | p50 under load | p99 under load |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const step of b.ladder)
    lines.push(
      `| ${step.label} | ${ms(step.sequential.p50)} | ${ms(step.sequential.p99)} | ${fmt(step.underLoad.reqPerSec)} | ${ms(step.underLoad.p50)} | ${ms(step.underLoad.p99)} |`,
    );
  lines.push('');
  if (!b.engine) return;
  lines.push('Pure engine in Node (`mock()` per call, warm, µs; same V8 as workerd):');
  lines.push('');
  lines.push(
    '| Call | mock() | route match | request validation | rest (security, select, example/generate, serialize) | body bytes |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const c of r.calls) {
    const e = b.engine.calls?.[c.id];
    if (e)
      lines.push(
        `| ${c.label} | ${fmt(e.mockUs, 1)} | ${fmt(e.matchUs, 1)} | ${fmt(e.validateUs, 1)} | ${fmt(Math.max(0, e.restUs), 1)} | ${fmt(e.bodyBytes)} |`,
      );
  }
  const gi = b.engine.ingestMs?.github;
  if (gi)
    lines.push(
      `\nGitHub's description in Node: ingest ${fmt(gi.ingest)} ms${gi.coldRuns?.length > 1 ? ` (median of ${gi.coldRuns.length} cold processes: ${gi.coldRuns.map((ms) => fmt(ms)).join(', ')} ms)` : ''}, compiling its routes (prepareTarget) ${fmt(gi.prepareTarget)} ms.`,
    );
  lines.push('');
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Horizontal grouped bars of req/s per call: specmock, Prism, and the hello-world ceiling as a line. */
export function renderSvg(r) {
  const width = 820;
  const left = 300;
  const right = 70;
  const top = 48;
  const barH = 16;
  const gap = 6;
  const groupGap = 22;
  const plotW = width - left - right;
  const groups = r.calls;
  const height = top + groups.length * (SERVERS.length * (barH + gap) + groupGap) + 40;
  const max =
    Math.max(
      r.helloWorld.reqPerSec,
      ...groups.flatMap((c) => SERVERS.map(([id]) => c.rows[id]?.reqPerSec ?? 0)),
    ) * 1.05;
  const x = (v) => left + (v / max) * plotW;
  const colors = { local: '#f38020', hosted: '#b45309', prismStatic: '#9ca3af', prismDynamic: '#4b5563' };
  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(
    `<text x="${left}" y="20" font-size="14" font-weight="600">Requests per second (higher is better)</text>`,
  );
  parts.push(
    `<text x="${left}" y="37" fill="#444">bars, top to bottom: ${SERVERS.map(([, l]) => esc(l)).join(' · ')}; dashed: hello-world Worker</text>`,
  );
  let y = top + 8;
  for (const c of groups) {
    parts.push(
      `<text x="${left - 8}" y="${y + barH + gap / 2 + 4}" text-anchor="end">${esc(c.label)}</text>`,
    );
    for (const [who, res] of SERVERS.map(([id]) => [id, c.rows[id]])) {
      if (res) {
        const w = Math.max(1, x(res.reqPerSec) - left);
        parts.push(
          `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colors[who]}"><title>${who}: ${res.reqPerSec} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms</title></rect>`,
        );
        parts.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + barH - 4}">${fmt(res.reqPerSec)}</text>`);
      } else {
        parts.push(`<text x="${left + 4}" y="${y + barH - 4}" fill="#999">${who}: not run</text>`);
      }
      y += barH + gap;
    }
    y += groupGap - gap;
  }
  const hx = x(r.helloWorld.reqPerSec).toFixed(1);
  parts.push(`<line x1="${hx}" y1="${top}" x2="${hx}" y2="${y}" stroke="#111" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${hx}" y="${y + 14}" text-anchor="middle">${fmt(r.helloWorld.reqPerSec)}</text>`);
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${y}" stroke="#999"/>`);
  parts.push(
    `<text x="${left}" y="${height - 8}" fill="#666" font-size="11">${esc(`${r.meta.connections} connections × ${r.meta.durationSeconds} s, ${r.meta.cpus} × ${r.meta.cpuModel}, ${r.meta.date.slice(0, 10)}`)}</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** `md` is renderMarkdown(results), already printed by the caller. */
export function writeResults(results, md) {
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench/results.md'), md);
  writeFileSync(join(ROOT, 'bench/results.svg'), renderSvg(results));
}

function cpuPerCall(c, lines) {
  const floor = c.rows.find((row) => row.id === 'floor');
  const objectFloor = c.rows.find((row) => row.id === 'object-floor');
  lines.push(
    `CPU per call inside workerd (bench/cpu-per-call.mjs: each call made N times inside one request to a patched copy of the bundle, workerd's CPU time around it divided by N; median and range of ${c.rounds} rounds, each waiting ${c.settleMs} ms for the request log's batch; no sockets, so it repeats where req/s under load cannot). "Above its floor" is the call less the same loop building only the \`Request\` and a \`Response\`:`,
  );
  lines.push('');
  lines.push('| Call | calls per round | µs per call | range | above its floor |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const row of c.rows) {
    const base = row.id.startsWith('object-') ? objectFloor : floor;
    const above = row === base ? '' : fmt(row.us - base.us, 1);
    lines.push(
      `| ${row.label} | ${fmt(row.callsPerRound)} | ${fmt(row.us, 1)} | ${fmt(row.min, 1)}–${fmt(row.max, 1)} | ${above} |`,
    );
  }
  lines.push('');
}
