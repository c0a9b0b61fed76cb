import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';
import { readPayload } from '../lib/read-payload.mjs';
import { deliveryDetail, settled } from '../lib/delivery-lines.mjs';
import { hookList } from '../lib/hook-list.mjs';

export const summary = "List an API's webhooks and callbacks, send one to a URL, show or rotate the secret";
export const usage =
  'specmock webhooks list <api> [--version V] | send <api> <name> --url URL [--payload FILE] [--version V] [--seed S] [--wait] | secret <api> [--rotate]';
export const details = `  list     the webhooks (OpenAPI 3.1 "webhooks") and callbacks (an operation's "callbacks") of a
           version, with the name "send" takes: a webhook's key, or "<operationId>.<callback>"
           ("METHOD /path.<callback>" when the operation has no operationId)
  send     sends one delivery now, signed with the API's secret; prints its id. The payload is the
           webhook's example or generated from its schema (--seed picks another), or --payload FILE
           (JSON or YAML, "-" for stdin), checked against the schema. --wait waits for the
           receiver's answer (and retries) and prints it; exit 1 if the delivery failed
  secret   prints the signing secret (Specmock-Signature: t=…,v1=HMAC-SHA256(secret, "t.body"));
           --rotate replaces it, and the old one stops signing at once

See "specmock deliveries --help" for what was sent. Subscriptions for local mode: "specmock mock
--webhook NAME=URL".

Options:
${SERVER_HELP}
  --key KEY          API key (env SPECMOCK_KEY)
  --url URL          (send) where to send it: http:// or https://
  --payload FILE     (send) the body to send instead of a generated one
  --version V        (list, send) the version whose description is used (default latest)
  --seed S           (send) another generated payload
  --wait             (send) wait until the delivery settles and print it
  --rotate           (secret) make a new secret
  --json             print the server's answer as JSON`;
export const options = {
  ...COMMON,
  url: { type: 'string' },
  payload: { type: 'string' },
  version: { type: 'string' },
  seed: { type: 'string' },
  wait: { type: 'boolean' },
  rotate: { type: 'boolean' },
};

export async function run({ values, positionals }) {
  const [action, api, ...rest] = positionals;
  if (!api) throw new CliError(`Usage: ${usage}`);
  const ctx = {
    base: `${server(values)}/v1/apis/${encodeURIComponent(api)}`,
    headers: { authorization: `Bearer ${apiKey(values)}` },
    api,
    values,
  };
  if (action === 'send' && rest.length === 1) return send(ctx, rest[0]);
  if (action === 'list' && rest.length === 0) return list(ctx);
  if (action === 'secret' && rest.length === 0) return secret(ctx);
  throw new CliError(`Usage: ${usage}`);
}

async function send({ base, headers, values }, name) {
  if (!values.url) throw new CliError('webhooks send needs --url URL (where to send the delivery)');
  const body = { url: values.url };
  if (values.version !== undefined) body.version = values.version;
  if (values.seed !== undefined) body.seed = values.seed;
  if (values.payload !== undefined) body.payload = await readPayload(values.payload);
  const res = await request('POST', `${base}/webhooks/${encodeURIComponent(name)}/deliveries`, {
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 202 && res.status !== 201) fail(res, `sending ${name} failed`);
  let delivery = res.json;
  if (values.wait)
    delivery = await waitFor(`${base}/deliveries/${encodeURIComponent(delivery.id)}`, headers, delivery);
  if (values.json) printJson(delivery);
  else if (values.wait) process.stdout.write(`${deliveryDetail(delivery).join('\n')}\n`);
  else {
    process.stdout.write(`${delivery.id}\n`);
    process.stderr.write(
      `${name} → ${values.url}: ${delivery.status} (specmock deliveries <api> ${delivery.id})\n`,
    );
  }
  if (values.wait && !['delivered', 'succeeded', 'ok'].includes(delivery.status)) process.exitCode = 1;
}

/** Reads the delivery again until it settles: every retry of the server's schedule is waited for. */
async function waitFor(url, headers, delivery) {
  let current = delivery;
  while (!settled(current)) {
    await new Promise((r) => setTimeout(r, 250));
    const res = await request('GET', url, { headers });
    if (res.status !== 200) fail(res, `reading delivery ${delivery.id} failed`);
    current = res.json;
  }
  return current;
}

async function list({ base, headers, api, values }) {
  const version = values.version ?? 'latest';
  const res = await request('GET', `${base}/versions/${encodeURIComponent(version)}`, { headers });
  if (res.status !== 200) fail(res, `reading ${api} ${version} failed`);
  const hooks = hookList(res.json);
  if (values.json) return printJson(hooks);
  if (!hooks.length) process.stderr.write(`${api} ${res.json.version} declares no webhooks or callbacks\n`);
  const width = Math.max(0, ...hooks.map((h) => h.name.length));
  for (const h of hooks)
    process.stdout.write(`${h.name.padEnd(width)}  ${h.kind.padEnd(8)}  ${h.method.padEnd(6)} ${h.target}\n`);
}

async function secret({ base, headers, api, values }) {
  const res = values.rotate
    ? await request('POST', `${base}/webhook-secret`, { headers })
    : await request('GET', base, { headers });
  if (res.status !== 200 && res.status !== 201)
    fail(res, values.rotate ? `rotating the secret of ${api} failed` : `reading ${api} failed`);
  if (values.json) return printJson({ webhookSecret: res.json.webhookSecret });
  if (!res.json.webhookSecret) throw new CliError(`the server gave no webhookSecret for ${api}`);
  process.stdout.write(`${res.json.webhookSecret}\n`);
  if (values.rotate) process.stderr.write(`rotated: deliveries of ${api} are signed with the new secret\n`);
}
