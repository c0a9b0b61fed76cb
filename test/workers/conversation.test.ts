import { beforeAll, describe, expect, it } from 'vitest';
import forms from '../../spec-examples/form-api.oas3.yaml?raw';
import { byResponse } from './generated/forms-validators.js';
import { auth, call, newKey, publish } from './helpers';
import { waitForCalls } from './steer-helpers';

/**
 * Issue 18 §1–3 and the form part of §6 through the routes, as an SDK talks: vendor media types,
 * bracket-notation forms and queries, refusals in the API's own error shape, form writes stored
 * in a sandbox. Bodies are checked by the independent validator (Ajv over the original document,
 * compiled in Node by build-validators.ts).
 */
let key: string;
beforeAll(async () => {
  key = await newKey();
  const res = await publish(key, 'forms', '1.0.0', forms);
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${await res.text()}`);
});

async function valid<T>(res: Response, at: string): Promise<T> {
  const text = await res.text();
  const body = JSON.parse(text) as unknown;
  const validate = byResponse[at];
  expect(validate, `${at} has a JSON schema`).toBeDefined();
  expect(validate(body), `${at}: ${JSON.stringify(validate.errors)}\n${text}`).toBe(true);
  return body as T;
}

const form = (method: string, text: string, type = 'application/x-www-form-urlencoded'): RequestInit => ({
  method,
  headers: { 'content-type': type },
  body: text,
});

type StripeError = { error: { type: string; message: string } };

describe('media types as SDKs send them', () => {
  it('serves a vendor +json Accept, and a +json-only operation to an application/json client', async () => {
    const vendor = await call('/mock/forms/1.0.0/v1/customers', {
      headers: { accept: 'application/vnd.github.v3+json' },
    });
    expect(vendor.status).toBe(200);
    expect(vendor.headers.get('content-type')).toBe('application/json');
    await valid(vendor, 'GET /v1/customers 200');
    const hal = await call('/mock/forms/1.0.0/v1/documents', { headers: { accept: 'application/json' } });
    expect(hal.status).toBe(200);
    expect(hal.headers.get('content-type')).toBe('application/hal+json');
  });

  it('reads bodies sent with charset or a vendor +json type, and keeps a true 406 in the API shape', async () => {
    const utf8 = form('POST', 'email=a%40b.c', 'application/x-www-form-urlencoded; charset=utf-8');
    expect((await call('/mock/forms/1.0.0/v1/customers', utf8)).status).toBe(200);
    const vendorJson = form('PATCH', '{"name":"Zed"}', 'application/vnd.x+json; charset=utf-8');
    expect((await call('/mock/forms/1.0.0/v1/customers/cus_1', vendorJson)).status).toBe(200);
    const xmlOnly = await call('/mock/forms/1.0.0/v1/reports', { headers: { accept: 'application/json' } });
    expect(xmlOnly.status).toBe(406);
    expect(xmlOnly.headers.get('x-specmock-problem')).toBe('not-acceptable');
    expect(xmlOnly.headers.get('content-type')).toBe('application/json');
    await valid(xmlOnly, 'GET /v1/reports default');
  });
});

describe('bracket notation', () => {
  it("accepts Stripe's form body and query notation", async () => {
    const body = 'email=a%40b.c&metadata[order_id]=6735&address[city]=&balance=-12&expand[]=sources';
    expect((await call('/mock/forms/1.0.0/v1/customers', form('POST', body))).status).toBe(200);
    const query = '?created[gte]=1700000000&expand[]=data.default_source&expand[]=data.tax';
    expect((await call(`/mock/forms/1.0.0/v1/customers${query}`)).status).toBe(200);
  });

  it('refuses a wrong member in the API error shape, naming it as sent, with the diagnosis in headers', async () => {
    const res = await call(
      '/mock/forms/1.0.0/v1/customers',
      form('POST', 'balance=lots&metadata[k][deep]=x'),
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-specmock-problem')).toBe('invalid-request');
    expect(res.headers.get('x-specmock-operation')).toBe('createCustomer');
    const detail = res.headers.get('x-specmock-problem-detail')!;
    const { error } = await valid<StripeError>(res, 'POST /v1/customers default');
    expect(error.message).toBe(detail);
    expect(detail).toContain('balance');
    const all = (await waitForCalls(key, 'forms', 1)).find((c) => c.status === 422)!;
    const messages = all.problems.map((p) => p.message).join('\n');
    expect(messages).toContain('metadata[k]');
    expect(messages).not.toContain('%5B');
  });

  it('answers an unknown path in the shape most operations use, naming no operation', async () => {
    const res = await call('/mock/forms/1.0.0/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-specmock-problem')).toBe('route-not-found');
    expect(res.headers.get('x-specmock-operation')).toBeNull();
    const { error } = await valid<StripeError>(res, 'GET /v1/customers default');
    expect(error.message).toContain('/v1/nothing');
  });
});

describe('a sandbox stores form writes', () => {
  it('creates from a form body, reads it back, and merges a form update', async () => {
    const created = await call('/v1/sandboxes', {
      method: 'POST',
      headers: auth(key, { 'content-type': 'application/json' }),
      body: JSON.stringify({ api: 'forms', version: '1.0.0' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const base = `/sandbox/${id}/v1/customers`;
    const post = await call(base, form('POST', 'email=a%40b.c&metadata[k]=v&address[city]=Paris&balance=7'));
    expect(post.status).toBe(200);
    const customer = await valid<{ id: string }>(post, 'POST /v1/customers 200');
    expect(customer).toMatchObject({
      email: 'a@b.c',
      metadata: { k: 'v' },
      address: { city: 'Paris' },
      balance: 7,
    });
    const read = await call(`${base}/${customer.id}`);
    expect(await valid(read, 'GET /v1/customers/{id} 200')).toEqual(customer);
    const patch = await call(`${base}/${customer.id}`, form('PATCH', 'name=Zed&metadata[k2]=w'));
    const patched = await valid(patch, 'PATCH /v1/customers/{id} 200');
    expect(patched).toMatchObject({ ...customer, name: 'Zed', metadata: { k: 'v', k2: 'w' } });
    const gone = await call(`${base}/cus_unknown`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('x-specmock-problem')).toBe('item-not-found');
    const { error } = await valid<StripeError>(gone, 'GET /v1/customers/{id} default');
    expect(error.message).toContain('cus_unknown');
    expect((await call(`/v1/sandboxes/${id}`, { method: 'DELETE', headers: auth(key) })).status).toBe(204);
  });
});
