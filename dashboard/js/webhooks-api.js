// The control-plane calls of the webhooks view, on the shared client's `request` (auth, problems).
import { client } from './session.js';

const enc = encodeURIComponent;
const json = (body) => ({ body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const base = (api) => `/v1/apis/${enc(api)}`;

export const hooksApi = {
  send: (api, name, body) =>
    client.request('POST', `${base(api)}/webhooks/${enc(name)}/deliveries`, json(body)),
  deliveries: (api, params) =>
    client.request('GET', `${base(api)}/deliveries?${new URLSearchParams(params)}`),
  delivery: (api, id) => client.request('GET', `${base(api)}/deliveries/${enc(id)}`),
  redeliver: (api, id) => client.request('POST', `${base(api)}/deliveries/${enc(id)}/redeliver`),
  rotateSecret: (api) => client.request('POST', `${base(api)}/webhook-secret`),
};
