import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FLOWS } from './clients/catalogue';
import { installSdks } from './clients/install-sdks';
import {
  TARGETS,
  knownFailures,
  table,
  totals,
  tally,
  find,
  expectedCalls,
  type FlowResult,
} from './clients/report';
import { runPrism, runSpecmock } from './clients/run-flow';
import { refuseNonLoopbackLookups } from './clients/loopback-only';
import { openapiDirectory } from './corpus/fetch-corpus';

/**
 * `npm run clients`: official SDKs (installed on demand into the git-ignored .clients/) run their
 * ordinary flows against `specmock mock` (stateless and --stateful) and Prism 5 `-d`, each pointed
 * at the mock only through its documented base-URL options. Prints the table, writes docs/clients.md
 * on a full run; `--check` exits 1 under the targets; `--sdk name` runs one (repeatable);
 * `--no-prism` skips Prism (CI: the targets are specmock's; a table without Prism's columns is
 * never written to docs/); `--emulate-root` (diagnostic only, never written to docs/) reaches the path
 * form through the recording proxy for SDKs that need the spec at the port's root.
 */
const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sdk: { type: 'string', multiple: true },
    check: { type: 'boolean' },
    'no-prism': { type: 'boolean' },
    'emulate-root': { type: 'boolean' },
  },
});
const log = (m: string) => process.stderr.write(`[clients] ${m}\n`);

async function main(): Promise<number> {
  refuseNonLoopbackLookups();
  const flows = values.sdk ? FLOWS.filter((f) => values.sdk?.includes(f.name)) : FLOWS;
  if (flows.length === 0)
    throw new Error(`no such SDK: ${values.sdk?.join(', ')} (known: ${FLOWS.map((f) => f.name).join(', ')})`);
  openapiDirectory(root);
  installSdks(Object.assign({}, ...flows.map((f) => f.packages)), log);
  const results: FlowResult[] = [];
  for (const flow of flows) {
    const started = performance.now();
    await flow.prepare?.();
    const emulate = Boolean(values['emulate-root']);
    const runs = [await runSpecmock(flow, 'stateless', emulate)];
    if (flow.resources) runs.push(await runSpecmock(flow, 'sandbox', emulate));
    if (!values['no-prism']) runs.push(await runPrism(flow, log));
    results.push({ flow, runs });
    log(`${flow.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const doc = render(results);
  process.stdout.write(`${doc}\n`);
  if (!values.sdk && !values['emulate-root'] && !values['no-prism'])
    writeFileSync(join(root, 'docs', 'clients.md'), `${doc}\n`);
  return values.check ? verdict(results) : 0;
}

function render(results: FlowResult[]): string {
  return [
    '# Real clients against the mock (`npm run clients`)',
    '',
    'Official SDKs run ordinary flows (create, retrieve, update, list, paginate to the end, delete, a 404,',
    'an error the SDK must raise as its own type) against `specmock mock` and Prism 5 `-d`, each pointed at',
    'the mock only through its documented base-URL options. "Calls succeed": the SDK returned without',
    'throwing and every request was 2xx (or, for an expected error, the SDK raised its own error type).',
    '"Sanity checks": what a user would expect of the values (ids echo, request values reflected, lists',
    'end). "Sandbox flows": create → read → update → list → delete read-backs in `specmock mock --stateful`;',
    'its calls (the same flow plus reads after a delete and of unknown ids) are counted beside them.',
    `Targets: calls ≥ ${TARGETS.calls * 100} % (stateless, and in a sandbox), checks ≥ ${TARGETS.checks * 100} %, sandbox flows ${TARGETS.sandbox * 100} % where the API has resources.`,
    '',
    table(results),
    '',
    '## Known failures',
    '',
    'Every failing call and check of specmock, grouped by cause, with the request the SDK sent and what',
    'the mock answered (first failing exchange; bodies cut).',
    knownFailures(results),
  ].join('\n');
}

function verdict(results: FlowResult[]): number {
  const t = totals(results);
  const below: string[] = [];
  if (t.specmock.callsOk < TARGETS.calls * t.specmock.calls) below.push('calls');
  if (t.specmock.checksOk < TARGETS.checks * t.specmock.checks) below.push('checks');
  if (t.sandbox.callsOk < TARGETS.calls * t.sandbox.calls) below.push('sandbox calls');
  for (const r of results.filter((x) => x.flow.resources)) {
    const s = tally(find(r, 'specmock', 'sandbox'), expectedCalls(r, 'sandbox'), true);
    if (s.checks === 0 || s.checksOk < s.checks) below.push(`sandbox ${r.flow.name}`);
  }
  if (below.length) log(`below target: ${below.join(', ')}`);
  return below.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
