import type { CallResult, Cause, ClientFlow } from './flow';
import type { Exchange } from './record-proxy';
import type { RunResult } from './run-flow';

export interface FlowResult {
  flow: ClientFlow;
  runs: RunResult[];
}

export interface Tally {
  calls: number;
  callsOk: number;
  checks: number;
  checksOk: number;
}

/** The issue's targets: stateless calls and checks over the suite, sandbox flows per SDK. */
export const TARGETS = { calls: 0.98, checks: 0.95, sandbox: 1 };

/** Calls and checks of one run; a run cut short counts the calls it never made as failed. */
export function tally(run: RunResult | undefined, expectedCalls: number, sandboxChecks: boolean): Tally {
  const calls = run?.calls ?? [];
  const checks = calls.flatMap((c) => c.checks).filter((c) => c.sandbox === sandboxChecks);
  return {
    calls: Math.max(expectedCalls, calls.length),
    callsOk: calls.filter((c) => c.ok).length,
    checks: checks.length,
    checksOk: checks.filter((c) => c.ok).length,
  };
}

export const find = (r: FlowResult, server: RunResult['server'], mode: RunResult['mode']) =>
  r.runs.find((x) => x.server === server && x.mode === mode);

/**
 * The calls a run of `mode` should have made: the most any run of that mode made (Prism runs
 * stateless). A sandbox flow makes calls of its own (a read after delete), so the modes never mix.
 */
export const expectedCalls = (r: FlowResult, mode: RunResult['mode']) =>
  Math.max(0, ...r.runs.filter((x) => x.mode === mode).map((x) => x.calls.length));

const pct = (ok: number, all: number) =>
  all === 0 ? '—' : `${((100 * ok) / all).toFixed(0)} % (${ok}/${all})`;

function note(r: FlowResult): string {
  const notes: string[] = [];
  for (const run of r.runs) {
    const where = `${run.server}${run.server === 'specmock' ? ` ${run.mode}` : ''}`;
    if (run.skipped) notes.push(`${where}: ${run.skipped}`);
    if (run.crashed) notes.push(`${where}: stopped (${run.crashed})`);
  }
  const stateless = find(r, 'specmock', 'stateless');
  if (r.flow.base === 'root' && stateless && stateless.calls.every((c) => !c.ok && c.cause === 'base path'))
    notes.unshift('blocked on root serving (`specmock mock` at the port root)');
  return notes.join('; ').replace(/\|/g, '\\|');
}

function row(r: FlowResult): string {
  const n = expectedCalls(r, 'stateless');
  const s = tally(find(r, 'specmock', 'stateless'), n, false);
  const sb = tally(find(r, 'specmock', 'sandbox'), expectedCalls(r, 'sandbox'), true);
  const prismRun = find(r, 'prism', 'stateless');
  const p = tally(prismRun, n, false);
  const prismCell = (ok: number, all: number) =>
    !prismRun ? 'not run' : prismRun.skipped ? 'did not start' : pct(ok, all);
  return `| ${r.flow.name} | ${r.flow.specLabel} | ${pct(s.callsOk, s.calls)} | ${pct(s.checksOk, s.checks)} | ${r.flow.resources ? `${pct(sb.checksOk, sb.checks)} | ${pct(sb.callsOk, sb.calls)}` : 'no resources | no resources'} | ${prismCell(p.callsOk, p.calls)} | ${prismCell(p.checksOk, p.checks)} | ${note(r)} |`;
}

/** Over the suite: each SDK's stateless calls and checks added up, sandbox checks where resources exist. */
export function totals(results: FlowResult[]) {
  const sum = (server: RunResult['server'], mode: RunResult['mode'], sandbox: boolean) =>
    results
      .filter((r) => !sandbox || r.flow.resources)
      .map((r) => tally(find(r, server, mode), expectedCalls(r, mode), sandbox))
      .reduce(
        (a, b) => ({
          calls: a.calls + b.calls,
          callsOk: a.callsOk + b.callsOk,
          checks: a.checks + b.checks,
          checksOk: a.checksOk + b.checksOk,
        }),
        { calls: 0, callsOk: 0, checks: 0, checksOk: 0 },
      );
  return {
    specmock: sum('specmock', 'stateless', false),
    sandbox: sum('specmock', 'sandbox', true),
    prism: sum('prism', 'stateless', false),
  };
}

export function table(results: FlowResult[]): string {
  const t = totals(results);
  const prismRan = results.some((r) => find(r, 'prism', 'stateless'));
  const prismTotal = (ok: number, all: number) => (prismRan ? `**${pct(ok, all)}**` : 'not run');
  return [
    '| SDK | spec | specmock: calls succeed | specmock: sanity checks | specmock: sandbox flows | specmock `--stateful`: calls succeed | Prism 5 `-d`: calls succeed | Prism: sanity checks | notes |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(row),
    `| **all** | | **${pct(t.specmock.callsOk, t.specmock.calls)}** | **${pct(t.specmock.checksOk, t.specmock.checks)}** | **${pct(t.sandbox.checksOk, t.sandbox.checks)}** | **${pct(t.sandbox.callsOk, t.sandbox.calls)}** | ${prismTotal(t.prism.callsOk, t.prism.calls)} | ${prismTotal(t.prism.checksOk, t.prism.checks)} | |`,
  ].join('\n');
}

interface Failure {
  cause: Cause;
  sdk: string;
  what: string;
  where: string[];
  exchange?: Exchange;
}

function failures(results: FlowResult[]): Failure[] {
  const byKey = new Map<string, Failure>();
  const add = (cause: Cause, sdk: string, what: string, where: string, call: CallResult) => {
    const key = `${cause}|${sdk}|${what}`;
    const known = byKey.get(key);
    if (known) return void known.where.push(where);
    const exchange = call.exchanges.find((x) => x.status < 200 || x.status > 299) ?? call.exchanges.at(-1);
    byKey.set(key, { cause, sdk, what, where: [where], exchange });
  };
  for (const r of results)
    for (const run of r.runs.filter((x) => x.server === 'specmock'))
      for (const call of run.calls) {
        if (!call.ok)
          add(call.cause ?? 'other', r.flow.name, `\`${call.label}\`: ${short(call.error)}`, run.mode, call);
        for (const c of call.checks.filter((x) => !x.ok && call.ok))
          add(
            c.cause,
            r.flow.name,
            `\`${call.label}\`: check "${c.name}"${c.detail ? ` (${c.detail})` : ''}`,
            run.mode,
            call,
          );
      }
  return [...byKey.values()];
}

const short = (s: string | undefined) => (s && s.length > 140 ? `${s.slice(0, 140)}…` : s);

const inline = (s: string) => '`' + s.replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 240) + '`';

function exchangeLine(x: Exchange | undefined): string {
  if (!x) return 'no request reached the mock';
  const sent = ['content-type', 'accept', 'prefer']
    .filter((h) => x.requestHeaders[h])
    .map((h) => `${h}: ${x.requestHeaders[h]}`)
    .join('; ');
  const body = x.requestBody ? ` body ${inline(x.requestBody)}` : '';
  const type = x.responseHeaders['content-type'] ?? '';
  // A refusal in the API's own error shape carries specmock's diagnosis in headers only.
  const problem = x.responseHeaders['x-specmock-problem'];
  const why =
    problem && !/problem\+json/.test(type)
      ? ` (${problem}: ${inline(x.responseHeaders['x-specmock-problem-detail'] ?? '')})`
      : '';
  return `${inline(`${x.method} ${x.path}`)} (${sent})${body} → **${x.status}**${why} ${type} ${inline(x.responseBody)}`;
}

/** Every failing call and check of specmock's runs, grouped by cause, with the request that failed. */
export function knownFailures(results: FlowResult[]): string {
  const all = failures(results);
  const causes = [...new Set(all.map((f) => f.cause))].sort();
  const out: string[] = [];
  for (const cause of causes) {
    out.push(`\n### ${cause}\n`);
    for (const f of all.filter((x) => x.cause === cause))
      out.push(`- **${f.sdk}** ${f.what} (${f.where.join(', ')}): ${exchangeLine(f.exchange)}`);
  }
  return out.join('\n');
}
