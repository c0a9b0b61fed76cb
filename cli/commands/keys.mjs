import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';

export const summary = 'Create an API key (keys create)';
export const usage =
  'specmock keys create [--server URL] [--admin-token T] [--per-minute N] [--per-month N] [--json]';
export const details = `Creates an API key and prints it (it is shown only once; the server stores a hash).

Options:
${SERVER_HELP}
  --admin-token T    the server's ADMIN_TOKEN (env SPECMOCK_ADMIN_TOKEN): needed for custom limits
                     and when signup is closed
  --per-minute N     requests per minute (admin only)
  --per-month N      requests per month (admin only)
  --json             print {"key","id","limits",…}`;
export const options = {
  ...COMMON,
  'admin-token': { type: 'string' },
  'per-minute': { type: 'string' },
  'per-month': { type: 'string' },
};

export async function run({ values, positionals }) {
  if (positionals[0] !== 'create' || positionals.length !== 1) throw new CliError(`Usage: ${usage}`);
  const base = server(values);
  const admin = values['admin-token'] ?? process.env.SPECMOCK_ADMIN_TOKEN;
  const headers = { 'content-type': 'application/json' };
  if (admin) headers.authorization = `Bearer ${admin}`;
  const limits = {};
  for (const [flag, field] of [
    ['per-minute', 'perMinute'],
    ['per-month', 'perMonth'],
  ]) {
    if (values[flag] === undefined) continue;
    const n = Number(values[flag]);
    if (!Number.isInteger(n) || n <= 0)
      throw new CliError(`--${flag} must be a positive whole number, not ${values[flag]}`);
    limits[field] = n;
  }
  const payload = Object.keys(limits).length ? { limits } : {};
  const res = await request('POST', `${base}/v1/keys`, { headers, body: JSON.stringify(payload) });
  if (res.status !== 201) fail(res, 'creating a key failed');
  if (values.json) return printJson(res.json);
  process.stderr.write(
    `key ${res.json.id}: ${res.json.limits.perMinute}/minute, ${res.json.limits.perMonth}/month (shown once; store it as SPECMOCK_KEY)\n`,
  );
  process.stdout.write(`${res.json.key}\n`);
}
