import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';
import { deliveryDetail } from '../lib/delivery-lines.mjs';
import { followDeliveries } from '../lib/follow-deliveries.mjs';

export const summary = "Print an API's webhook and callback deliveries, or follow them live";
export const usage =
  'specmock deliveries <api> [<id> [--redeliver]] [--follow] [--webhook NAME] [--status S] [--limit N] [--server URL] [--key KEY] [--json]';
export const details = `Prints what specmock sent to receivers for the API (webhooks sent on demand or by a
subscription, callbacks fired by mock calls), oldest first, one line per attempt: time, delivery id,
name, target, and the receiver's status or the error. Retries show up as further attempts.
With an id: that delivery in full (the request sent, every attempt, the receiver's answer).

Options:
${SERVER_HELP}
  --key KEY          API key (env SPECMOCK_KEY)
  --follow, -f       keep polling: new deliveries and new attempts as they happen (Ctrl-C stops)
  --webhook NAME     only this webhook or callback
  --status S         only deliveries in this status
  --limit N          how many recent deliveries to print first (default 50)
  --interval MS      polling interval with --follow (default 1000)
  --redeliver        (with an id) send that delivery again, as a new delivery
  --json             the server's records as they are (NDJSON when listing)`;
export const options = {
  ...COMMON,
  follow: { type: 'boolean', short: 'f' },
  webhook: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  interval: { type: 'string' },
  redeliver: { type: 'boolean' },
};

export async function run({ values, positionals }) {
  if (positionals.length < 1 || positionals.length > 2) throw new CliError(`Usage: ${usage}`);
  const [api, id] = positionals;
  const base = `${server(values)}/v1/apis/${encodeURIComponent(api)}/deliveries`;
  const headers = { authorization: `Bearer ${apiKey(values)}` };
  if (id !== undefined) return one(base, id, headers, values);
  if (values.redeliver) throw new CliError('--redeliver needs the id of a delivery');
  const interval = Number(values.interval ?? 1000);
  if (!Number.isInteger(interval) || interval < 100)
    throw new CliError('--interval must be at least 100 (ms)');
  const filters = new URLSearchParams();
  if (values.webhook) filters.set('webhook', values.webhook);
  if (values.status) filters.set('status', values.status);
  const get = async (path, params) => {
    const res = await request('GET', `${base}${path}${params ? `?${params}` : ''}`, { headers });
    if (res.status !== 200) fail(res, `reading the deliveries of ${api} failed`);
    return res.json;
  };
  const write = (line) => process.stdout.write(`${line}\n`);
  await followDeliveries({
    list: (params) => get('', new URLSearchParams([...filters, ...new URLSearchParams(params)])),
    one: (deliveryId) => get(`/${encodeURIComponent(deliveryId)}`),
    limit: values.limit ?? '50',
    follow: Boolean(values.follow),
    interval,
    json: Boolean(values.json),
    write,
  });
}

async function one(base, id, headers, values) {
  const url = `${base}/${encodeURIComponent(id)}`;
  const res = values.redeliver
    ? await request('POST', `${url}/redeliver`, { headers })
    : await request('GET', url, { headers });
  const ok = values.redeliver ? res.status === 202 || res.status === 201 : res.status === 200;
  if (!ok) fail(res, values.redeliver ? `redelivering ${id} failed` : `reading delivery ${id} failed`);
  if (values.json) return printJson(res.json);
  if (values.redeliver) {
    process.stdout.write(`${res.json.id}\n`);
    process.stderr.write(`redelivering ${id} as ${res.json.id} (${res.json.status})\n`);
    return;
  }
  process.stdout.write(`${deliveryDetail(res.json).join('\n')}\n`);
}
