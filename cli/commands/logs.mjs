import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, apiKey, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';

export const summary = "Print an API's recent mock calls (newest last), or follow them live";
export const usage =
  'specmock logs <api> [--follow] [--limit N] [--status S] [--version V] [--server URL] [--key KEY] [--json]';
export const details = `Prints the API's logged mock and sandbox calls, oldest first, one line each, with the
validation problems of refused calls indented below. Credentials were redacted before storage.

Options:
${SERVER_HELP}
  --key KEY          API key (env SPECMOCK_KEY)
  --follow, -f       keep polling and print new calls as they arrive (Ctrl-C stops)
  --limit N          how many recent calls to print first (1-200, default 50)
  --status S         only this status (404) or class (4xx)
  --version V        only calls to this version
  --interval MS      polling interval with --follow (default 1000)
  --json             one JSON object per line (NDJSON), the server's record as is`;
export const options = {
  ...COMMON,
  follow: { type: 'boolean', short: 'f' },
  limit: { type: 'string' },
  status: { type: 'string' },
  version: { type: 'string' },
  interval: { type: 'string' },
};

export async function run({ values, positionals }) {
  if (positionals.length !== 1) throw new CliError(`Usage: ${usage}`);
  const [api] = positionals;
  const base = `${server(values)}/v1/apis/${encodeURIComponent(api)}/requests`;
  const headers = { authorization: `Bearer ${apiKey(values)}` };
  const filters = new URLSearchParams();
  if (values.status) filters.set('status', values.status);
  if (values.version) filters.set('version', values.version);
  const interval = Number(values.interval ?? 1000);
  if (!Number.isInteger(interval) || interval < 100)
    throw new CliError('--interval must be at least 100 (ms)');

  const fetchPage = async (params) => {
    const res = await request('GET', `${base}?${params}`, { headers });
    if (res.status !== 200) fail(res, `reading the log of ${api} failed`);
    return res.json.requests;
  };
  const first = new URLSearchParams(filters);
  first.set('limit', values.limit ?? '50');
  let calls = await fetchPage(first);
  let last = maxId(calls, 0);
  print(calls, values.json);
  if (!values.follow) return;
  for (;;) {
    await new Promise((r) => setTimeout(r, interval));
    const next = new URLSearchParams(filters);
    next.set('after', String(last));
    next.set('limit', '200');
    calls = await fetchPage(next);
    last = maxId(calls, last);
    print(calls, values.json);
  }
}

function maxId(calls, start) {
  return calls.reduce((m, c) => Math.max(m, Number(c.id)), start);
}

/** The server lists newest first; a terminal reads top to bottom, so print oldest first. */
function print(calls, json) {
  for (const c of [...calls].reverse()) {
    if (json) {
      process.stdout.write(`${JSON.stringify(c)}\n`);
      continue;
    }
    const target = `${c.path}${c.query ? `?${c.query}` : ''}`;
    const extra = [
      c.version,
      c.operation,
      c.sandbox ? `sandbox ${c.sandbox}` : null,
      c.steered ? `steered: ${c.steered}` : null,
    ]
      .filter(Boolean)
      .join('  ');
    process.stdout.write(
      `${c.at}  ${c.status}  ${c.method.padEnd(6)} ${target}  ${c.durationMs}ms  ${extra}\n`,
    );
    for (const p of c.problems ?? [])
      process.stdout.write(`    - ${p.location ? `${p.location.join('.')}: ` : ''}${p.message}\n`);
  }
}
