import { describe, expect, it } from 'vitest';
import { mock, type MockRequest } from '../../../worker/mock/mock';
import { sandboxOver } from '../../support/layer-harness';

/** Issue 18 §6: form-encoded creates and updates are stored, as Stripe's SDK sends them. */
const spec = `openapi: 3.0.0
info: {title: forms, version: '1'}
paths:
  /v1/customers:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                email: {type: string}
                metadata: {anyOf: [{type: object, additionalProperties: {type: string}}, {type: string, enum: ['']}]}
                address: {type: object, properties: {city: {type: string}}}
                balance: {type: integer}
            encoding:
              metadata: {style: deepObject, explode: true}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/customer'}}}}
  /v1/customers/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/customer'}}}}
    patch:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {email: {type: string}, metadata: {type: object, additionalProperties: {type: string}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/customer'}}}}
components:
  schemas:
    customer:
      type: object
      required: [id, email]
      properties:
        id: {type: string, readOnly: true}
        email: {type: string}
        metadata: {type: object, additionalProperties: {type: string}}
        address: {type: object, properties: {city: {type: string}}}
        balance: {type: integer}
`;

async function sandbox() {
  const { target, layer } = await sandboxOver(spec, { seed: 'forms' });
  return (method: string, path: string, form?: string) => {
    const request: MockRequest = {
      method,
      path,
      query: [],
      headers: {},
      ...(form !== undefined
        ? { body: { contentType: 'application/x-www-form-urlencoded', text: form } }
        : {}),
    };
    const outcome = mock(target, request, layer);
    if (!outcome.ok) throw new Error(`${method} ${path}: ${outcome.problem.detail}`);
    return JSON.parse(outcome.response.body!) as Record<string, unknown>;
  };
}

describe('sandbox writes of form bodies', () => {
  it('stores a form-encoded create, typed by the schema, and reads it back', async () => {
    const send = await sandbox();
    const created = send(
      'POST',
      '/v1/customers',
      'email=a%40b.c&metadata[k]=v&address[city]=Paris&balance=12',
    );
    expect(created).toMatchObject({
      email: 'a@b.c',
      metadata: { k: 'v' },
      address: { city: 'Paris' },
      balance: 12,
    });
    const read = send('GET', `/v1/customers/${String(created.id)}`);
    expect(read).toEqual(created);
  });

  it('merges a form-encoded update into the stored item', async () => {
    const send = await sandbox();
    const created = send('POST', '/v1/customers', 'email=a%40b.c&metadata[k]=v');
    const id = String(created.id);
    const updated = send('PATCH', `/v1/customers/${id}`, 'email=z%40b.c&metadata[k2]=w');
    expect(updated).toMatchObject({ id, email: 'z@b.c', metadata: { k: 'v', k2: 'w' } });
    expect(send('GET', `/v1/customers/${id}`)).toEqual(updated);
  });
});
