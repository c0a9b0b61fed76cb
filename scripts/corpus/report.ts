import type { DescriptionResult } from './check-description';
import { emptyHookTally } from './hooks-pass';
import { emptyRequestExampleTally } from './request-examples-pass';
import { addTally, emptyTally, realismRows } from './realism-pass';

export interface Totals {
  descriptions: number;
  published: number;
  refused: Record<string, string[]>;
  valid: number;
  invalid: number;
  lenientBodies: number;
  lenientValid: number;
  fiveXX: number;
  /** 500 internal-error: a crash, or a status the Fetch API refuses. */
  internalErrors: number;
  called: number;
  /** The author's request examples the mock refused where the independent validator accepts them. */
  examplesRefusedValid: number;
}

export function totals(results: DescriptionResult[]): Totals {
  const refused: Record<string, string[]> = {};
  for (const r of results) if (r.refused) (refused[r.refused.type] ??= []).push(r.name);
  const sum = (f: (r: DescriptionResult) => number) => results.reduce((n, r) => n + f(r), 0);
  return {
    descriptions: results.length,
    published: results.filter((r) => !r.refused).length,
    refused,
    valid: sum((r) => r.valid),
    invalid: sum((r) => r.invalid),
    lenientBodies: sum((r) => r.lenientBodies ?? 0),
    lenientValid: sum((r) => r.lenientValid ?? 0),
    fiveXX: sum((r) => r.fiveXX),
    internalErrors: sum((r) => r.fiveXXByType?.['internal-error'] ?? 0),
    called: sum((r) => r.called),
    examplesRefusedValid: sum((r) => r.requestExamples?.refusedValid ?? 0),
  };
}

const pct = (n: number, d: number) => (d === 0 ? '100.00 %' : `${((100 * n) / d).toFixed(2)} %`);
const ms = (n: number) => `${Math.round(n)} ms`;

/** The run as Markdown: the same text is printed and written to corpus-results/. */
export function renderReport(title: string, results: DescriptionResult[], elapsedMs: number): string {
  const t = totals(results);
  const out: string[] = [`# ${title}`, ''];
  const ingest = results.map((r) => r.ingestMs).sort((a, b) => a - b);
  const q = (p: number) => ingest[Math.min(ingest.length - 1, Math.floor(p * ingest.length))] ?? 0;
  const counts = (pick: (r: DescriptionResult) => Record<string, number>) => {
    const all: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(pick(r))) all[k] = (all[k] ?? 0) + v;
    return Object.entries(all).sort((a, b) => b[1] - a[1]);
  };
  out.push(
    '| measure | value |',
    '|---|---|',
    `| descriptions | ${t.descriptions} |`,
    `| published | ${t.published} (${pct(t.published, t.descriptions)}) |`,
    `| refused | ${t.descriptions - t.published} ${Object.entries(t.refused)
      .map(([k, v]) => `${k}: ${v.length}`)
      .join(', ')} |`,
    `| operations called | ${t.called} |`,
    `| bodies valid / checked (lenient ones included) | ${t.valid} / ${t.valid + t.invalid} (${pct(t.valid, t.valid + t.invalid)}) |`,
    `| lenient bodies valid outside their relaxed keywords / checked | ${t.lenientValid} / ${t.lenientBodies} (${pct(t.lenientValid, t.lenientBodies)}) |`,
    `| bodies not checked | ${
      counts((r) => r.unchecked)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || '0'
    } |`,
    `| mock problems instead of a spec response | ${
      counts((r) => r.problems)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || '0'
    } |`,
    `| lenient responses (x-specmock-lenient) | ${results.reduce((n, r) => n + r.lenient, 0)} |`,
    `| 5xx from the mock | ${t.fiveXX} ${counts((r) => r.fiveXXByType ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} |`,
    `| ingest p50 / p99 / max | ${ms(q(0.5))} / ${ms(q(0.99))} / ${ms(ingest[ingest.length - 1] ?? 0)} |`,
    `| timed out (budget per description) | ${results.filter((r) => r.timedOut).length} |`,
    `| wall time | ${(elapsedMs / 1000).toFixed(0)} s |`,
    '',
  );
  const realism = emptyTally();
  for (const r of results) if (r.realism) addTally(realism, r.realism);
  out.push(
    '## Realism (Prefer: dynamic=true)',
    '',
    '| measure | value |',
    '|---|---|',
    ...realismRows(realism),
    '',
  );
  if (realism.invalid.length)
    out.push('Invalid dynamic bodies:', '', ...realism.invalid.map((m) => `- ${cell(m)}`), '');
  if (realism.counts.misses.length)
    out.push('First misses:', '', ...realism.counts.misses.slice(0, 12).map((m) => `- ${cell(m)}`), '');
  out.push(...hookRows(results), ...requestExampleRows(results));
  if (Object.keys(t.refused).length > 0) {
    out.push('## Refused', '');
    for (const r of results.filter((x) => x.refused))
      out.push(`- \`${r.name}\`: ${r.refused!.type}: ${r.refused!.detail.replace(/\n/g, ' ').slice(0, 200)}`);
    out.push('');
  }
  const classes = new Map<string, string[]>();
  for (const r of results)
    for (const f of r.failures) {
      const list = classes.get(f.kind) ?? [];
      list.push(`\`${r.name}\` ${f.where}`);
      classes.set(f.kind, list);
    }
  if (classes.size > 0) {
    out.push(
      '## Failure classes (first pointers of each)',
      '',
      '| class | seen | examples |',
      '|---|---|---|',
    );
    for (const [kind, list] of [...classes].sort((a, b) => b[1].length - a[1].length))
      out.push(`| ${kind} | ${list.length} | ${list.slice(0, 3).map(cell).join('<br>')} |`);
    out.push('');
  }
  out.push('## The 25 largest descriptions', '', ...table(largest(results, 25)), '');
  out.push(
    '## The five slowest ingests',
    '',
    ...table([...results].sort((a, b) => b.ingestMs - a.ingestMs).slice(0, 5)),
    '',
  );
  const broken = results.filter((r) => r.error || r.timedOut);
  if (broken.length > 0) {
    out.push('## Not fully checked', '');
    for (const r of broken)
      out.push(`- \`${r.name}\`: ${r.error ?? `time budget spent after ${r.called} operations`}`);
    out.push('');
  }
  return out.join('\n');
}

/** The author's own request-body examples, sent to the mock (request-examples-pass.ts). */
function requestExampleRows(results: DescriptionResult[]): string[] {
  const all = emptyRequestExampleTally();
  for (const r of results) {
    if (!r.requestExamples) continue;
    for (const k of ['sent', 'accepted', 'refusedInvalid', 'refusedValid', 'refusedUnjudged'] as const)
      all[k] += r.requestExamples[k];
    for (const f of r.requestExamples.failures)
      if (all.failures.length < 12) all.failures.push(`${r.name}: ${f}`);
  }
  return [
    '## Request examples (OpenAPI 3: the author’s own request bodies)',
    '',
    '| measure | value |',
    '|---|---|',
    `| accepted / sent | ${all.accepted} / ${all.sent} (${pct(all.accepted, all.sent)}) |`,
    `| refused, the independent validator refuses them too (the example breaks its schema) | ${all.refusedInvalid} |`,
    `| refused, the independent validator accepts them (the mock reads stricter than the document) | ${all.refusedValid} |`,
    `| refused, not judged (no schema, uncompilable) | ${all.refusedUnjudged} |`,
    '',
    ...(all.failures.length
      ? ['Refused though valid:', '', ...all.failures.map((f) => `- ${cell(f)}`), '']
      : []),
  ];
}

/** Issue 21: every description with webhooks or callbacks, and what became of them. */
function hookRows(results: DescriptionResult[]): string[] {
  const all = emptyHookTally();
  let described = 0;
  for (const r of results) {
    if (!r.hooks) continue;
    described++;
    for (const k of [
      'webhooks',
      'callbacks',
      'parsed',
      'generated',
      'valid',
      'invalid',
      'unchecked',
    ] as const)
      all[k] += r.hooks[k];
    for (const f of r.hooks.failures) if (all.failures.length < 12) all.failures.push(`${r.name}: ${f}`);
  }
  const declared = all.webhooks + all.callbacks;
  return [
    '## Webhooks and callbacks',
    '',
    '| measure | value |',
    '|---|---|',
    `| descriptions declaring any | ${described} |`,
    `| webhooks / callbacks | ${all.webhooks} / ${all.callbacks} |`,
    `| callback URL expressions parsed | ${all.parsed} / ${all.callbacks} (${pct(all.parsed, all.callbacks)}) |`,
    `| payloads made | ${all.generated} / ${declared} (${pct(all.generated, declared)}) |`,
    `| payloads valid / judged by the independent validator | ${all.valid} / ${all.valid + all.invalid} (${pct(all.valid, all.valid + all.invalid)}); not judged (no JSON body schema): ${all.unchecked} |`,
    '',
    ...(all.failures.length ? ['First failures:', '', ...all.failures.map((f) => `- ${cell(f)}`), ''] : []),
  ];
}

function largest(results: DescriptionResult[], n: number): DescriptionResult[] {
  return [...results].sort((a, b) => b.bytes - a.bytes).slice(0, n);
}

function table(rows: DescriptionResult[]): string[] {
  return [
    '| description | size | ingest | operations | called | valid / checked | 5xx | outcome |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${(r.bytes / 1e6).toFixed(1)} MB | ${ms(r.ingestMs)} | ${r.operations} | ${r.called} | ${r.valid} / ${r.valid + r.invalid} | ${r.fiveXX} | ${r.refused ? `refused: ${r.refused.type}` : 'published'} |`,
    ),
  ];
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 220);
}
