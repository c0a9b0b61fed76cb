// `specmock mock --webhook NAME=URL`: the local API's webhook subscriptions, stored through the
// Worker's own API, and its deliveries (subscriptions and callbacks alike) printed on stderr as they
// happen, since local mode prints no key to read them with.
import { CliError } from '../cli-error.mjs';
import { followDeliveries } from '../follow-deliveries.mjs';

/**
 * `NAME=URL` or `NAME@METHOD /path=URL` (the operation whose 2xx sends it) → a subscription.
 * The first "=" splits, so a URL may carry a query.
 */
export function parseWebhookFlag(flag) {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new CliError(`--webhook takes NAME=URL or "NAME@METHOD /path=URL", not "${flag}"`);
  const left = flag.slice(0, eq);
  const url = flag.slice(eq + 1);
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--webhook ${left}: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new CliError(`--webhook ${left}: the URL must be http:// or https://`);
  const at = left.indexOf('@');
  if (at < 0) return { webhook: left, url };
  const on = left.slice(at + 1).trim();
  if (!/^[A-Za-z]+ \/\S*$/.test(on))
    throw new CliError(`--webhook ${left}: after "@" comes the operation as "METHOD /path", not "${on}"`);
  return { webhook: left.slice(0, at), url, on: `${on.split(' ')[0].toUpperCase()} ${on.split(' ')[1]}` };
}

async function call(worker, key, method, path, body) {
  const res = await worker.dispatch(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Stores the subscriptions; resolves to the failed response, or undefined when stored. */
export async function subscribe(worker, { key, api, subscriptions }) {
  const res = await call(worker, key, 'PUT', `/v1/apis/${encodeURIComponent(api)}/webhook-subscriptions`, {
    subscriptions,
  });
  return res.status === 200 || res.status === 201 || res.status === 204 ? undefined : res;
}

/** Prints every delivery attempt of the local API on `log` until the process stops. */
export function watchDeliveries(worker, { key, api, log, interval = 500 }) {
  const base = `/v1/apis/${encodeURIComponent(api)}/deliveries`;
  const get = async (path) => {
    const res = await call(worker, key, 'GET', path);
    if (res.status !== 200) throw new Error(`reading deliveries: ${res.status} ${res.text.slice(0, 200)}`);
    return res.json;
  };
  followDeliveries({
    list: (params) => get(`${base}?${new URLSearchParams(params)}`),
    one: (id) => get(`${base}/${encodeURIComponent(id)}`),
    limit: '50',
    follow: true,
    interval,
    json: false,
    write: (line) => log(`delivery ${line}`),
  }).catch((e) => log(`warning: deliveries are not shown any more: ${e.message}`));
}
