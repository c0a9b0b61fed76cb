import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, COMMON_OPTIONS_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';

export const summary = "Show the key's limits and usage";
export const usage = 'specmock usage [--server URL] [--key KEY] [--json]';
export const details = `Prints the key's mock quota (per minute and per month: mock calls to its APIs) and its
control-plane budget (per minute: calls with the key), with use and reset times.

${COMMON_OPTIONS_HELP}`;
export const options = COMMON;

export async function run({ values, positionals }) {
  if (positionals.length) throw new CliError(`Usage: ${usage}`);
  const res = await request('GET', `${server(values)}/v1/usage`, {
    headers: { authorization: `Bearer ${apiKey(values)}` },
  });
  if (res.status !== 200) fail(res, 'reading usage failed');
  const u = res.json;
  if (values.json) return printJson(u);
  const row = (name, w, limit) =>
    `${name.padEnd(7)} ${String(w.used).padStart(12)} used of ${String(limit).padEnd(12)} ${String(w.remaining).padStart(12)} left, resets ${w.resetAt}`;
  process.stdout.write(
    `key ${u.id}\nmock calls\n${row('minute', u.minute, u.limits.perMinute)}\n${row('month', u.month, u.limits.perMonth)}\n`,
  );
  if (u.control) process.stdout.write(`control plane\n${row('minute', u.control, u.control.limit)}\n`);
  const recent = (u.daily ?? []).filter((d) => d.count > 0).slice(-7);
  if (recent.length)
    process.stdout.write(`recent days: ${recent.map((d) => `${d.date} ${d.count}`).join(', ')}\n`);
}
