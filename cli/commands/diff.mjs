import { basename } from 'node:path';
import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';
import { readSpecFiles } from '../lib/read-spec.mjs';
import { failing, githubReport, textReport } from '../lib/diff-format.mjs';

export const summary = 'Breaking changes between two versions, with the logged calls they would break';
export const usage =
  'specmock diff <api> [--from A] [--to B] | specmock diff <old-spec> <new-spec>  [--fail-on breaking|possibly-breaking] [--format text|json|markdown|github]';
export const details = `With an API name, asks the server for the changes between two published versions of it, and the
logged mock calls to the older one each change would refuse. --to defaults to latest, --from to the
version that was latest when --to was published.

With two spec files, compares them here, with no server and no traffic (the Worker's own ingest and
diff, bundled once per source change into node_modules/.cache/specmock).

Options:
  --from A           the older version (server mode)
  --to B             the newer version (server mode)
  --root DIR         two files: the folder their referenced files may come from (default: each file's own)
  --fail-on LEVEL    exit 1 when there is a change at LEVEL or worse: breaking, possibly-breaking
  --format F         text (default), json, markdown (a pull-request comment), github (workflow annotations)
${SERVER_HELP}
  --key KEY          API key (env SPECMOCK_KEY)

Exit codes: 0 no change at --fail-on · 1 such changes, rejected, bad usage · 2 server unreachable`;
export const options = {
  ...COMMON,
  from: { type: 'string' },
  root: { type: 'string' },
  to: { type: 'string' },
  'fail-on': { type: 'string' },
  format: { type: 'string', short: 'f' },
};

const FORMATS = ['text', 'json', 'markdown', 'github'];

export async function run({ values, positionals }) {
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (!FORMATS.includes(format)) throw new CliError(`--format is one of ${FORMATS.join(', ')}.`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'breaking' && failOn !== 'possibly-breaking')
    throw new CliError('--fail-on is breaking or possibly-breaking.');
  let outcome;
  if (positionals.length === 2) outcome = await local(positionals, values);
  else if (positionals.length === 1) outcome = await remote(positionals[0], values, format);
  else throw new CliError(`Usage: ${usage}`);
  const { report, markdown, file } = outcome;
  if (format === 'json') printJson(report);
  else if (format === 'markdown') process.stdout.write(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  else if (format === 'github') process.stdout.write(githubReport(report, file));
  else process.stdout.write(textReport(report));
  const blocking = failing(report, failOn);
  if (blocking.length > 0)
    throw new CliError(`${blocking.length} ${failOn} change(s) (--fail-on ${failOn}).`);
}

async function remote(api, values, format) {
  const params = new URLSearchParams();
  if (values.from) params.set('from', values.from);
  if (values.to) params.set('to', values.to);
  const url = `${server(values)}/v1/apis/${encodeURIComponent(api)}/diff${params.size ? `?${params}` : ''}`;
  const headers = { authorization: `Bearer ${apiKey(values)}` };
  const res = await request('GET', url, { headers });
  if (res.status !== 200) fail(res, `diffing ${api} failed`);
  // The JSON decides --fail-on; the server writes the Markdown, so both formats say the same.
  let markdown = '';
  if (format === 'markdown') {
    const md = await request('GET', url, { headers: { ...headers, accept: 'text/markdown' } });
    if (md.status !== 200) fail(md, `diffing ${api} failed`);
    markdown = md.text;
  }
  return { report: res.json, markdown };
}

async function local([before, after], values) {
  if (values.from || values.to)
    throw new CliError('--from and --to name versions on a server; give two files or one API.');
  const specs = [readSpecFiles(before, { root: values.root }), readSpecFiles(after, { root: values.root })];
  const { loadDiffEngine } = await import('../lib/diff-engine.mjs');
  const engine = await loadDiffEngine({ log: (m) => process.stderr.write(`${m}\n`) });
  const names = { api: basename(after).replace(/\.(ya?ml|json)$/i, ''), from: before, to: after };
  const result = await engine.diffDocuments(specs[0], specs[1], names);
  if (result.problem) {
    const lines = [`${result.problem.side} is not a usable description: ${result.problem.detail}`];
    for (const e of result.problem.errors.slice(0, 20)) lines.push(`  - ${e.pointer ?? ''} ${e.message}`);
    throw new CliError(lines.join('\n'));
  }
  return { ...result, file: after };
}
