import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * Issue 18: RPC-style APIs as their SDKs call them (Slack's Web API). Every method is POSTed as a
 * form, while the description lists some as GET only; the credential is sent as `Authorization`
 * while the description also writes it as a required `token` header.
 */
const spec = `openapi: 3.0.3
info: {title: rpc, version: '1'}
components:
  securitySchemes: {bearer: {type: http, scheme: bearer}}
security: [{bearer: []}]
paths:
  /conversations.info:
    get:
      parameters:
        - {name: channel, in: query, required: true, schema: {type: string, pattern: '^C'}}
        - {name: filter, in: query, style: deepObject, schema: {type: object, properties: {kind: {type: string}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [ok], properties: {ok: {type: boolean, enum: [true]}}}}}}
  /auth.test:
    get:
      parameters: [{name: token, in: header, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [ok], properties: {ok: {type: boolean, enum: [true]}}}}}}
  /users.info:
    get:
      parameters:
        - {name: token, in: query, required: true, schema: {type: string}}
        - {name: user, in: query, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [ok], properties: {ok: {type: boolean, enum: [true]}}}}}}
  /channels.info:
    get:
      parameters: [{name: channel, in: query, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, required: [ok, channel], properties: {ok: {type: boolean}, channel: {type: object, required: [id], properties: {id: {type: string}, name: {type: string}}}}}
              example: {ok: true, channel: {id: C012AB3CD, name: general}}
  /items/{id}:
    put:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: done}}
  /open:
    get:
      security: []
      parameters: [{name: token, in: header, required: true, schema: {type: string}}]
      responses: {'204': {description: done}}
  /traced:
    get:
      parameters: [{name: x-request-id, in: header, required: true, schema: {type: string}}]
      responses: {'204': {description: done}}
`;

async function target() {
  return prepareTarget((await ingest(spec)).plan, Date.UTC(2026, 0, 1));
}

const bearer = { authorization: 'Bearer xoxb-1' };
const form = (text: string): Partial<MockRequest> => ({
  headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
  body: { contentType: 'application/x-www-form-urlencoded', text },
});

function send(
  t: Awaited<ReturnType<typeof target>>,
  method: string,
  path: string,
  extra: Partial<MockRequest>,
) {
  const outcome = mock(t, { method, path, query: [], headers: bearer, ...extra });
  return outcome.ok
    ? { status: outcome.response.status, body: outcome.response.body, type: undefined }
    : { status: outcome.response?.status ?? 0, body: outcome.response?.body, type: outcome.problem.type };
}

describe('a form POST to a path described with GET only', () => {
  it('is that GET, its fields read and validated as the query', async () => {
    const t = await target();
    const served = send(t, 'POST', '/conversations.info', form('channel=C1&filter[kind]=public'));
    expect(served).toMatchObject({ status: 200, type: undefined });
    expect(JSON.parse(served.body!)).toEqual({ ok: true });
    // The fields are the GET's query: a value its schema refuses is a 422, not a 405.
    expect(send(t, 'POST', '/conversations.info', form('channel=X1'))).toMatchObject({
      type: 'invalid-request',
    });
    // An empty form (`auth.test`) qualifies too.
    expect(send(t, 'POST', '/auth.test', form(''))).toMatchObject({ status: 200, type: undefined });
  });

  it('is answered about what its fields name (Slack’s conversations.info channel=C1)', async () => {
    const t = await target();
    const served = send(t, 'POST', '/channels.info', form('channel=C0EAQDV4Z'));
    expect(JSON.parse(served.body!)).toEqual({ ok: true, channel: { id: 'C0EAQDV4Z', name: 'general' } });
  });

  it('keeps its 405 for a JSON body, a field the GET does not declare, or a path without a GET', async () => {
    const t = await target();
    const json: Partial<MockRequest> = {
      headers: { ...bearer, 'content-type': 'application/json' },
      body: { contentType: 'application/json', text: '{"channel":"C1"}' },
    };
    for (const [path, extra] of [
      ['/conversations.info', json],
      ['/conversations.info', form('channel=C1&unknown=1')],
      ['/items/1', form('')],
    ] as const)
      expect(send(t, 'POST', path, extra), path).toMatchObject({ type: 'method-not-allowed' });
  });
});

describe('a required credential header parameter beside a security scheme', () => {
  it('is satisfied by the Authorization header the scheme asks for', async () => {
    const t = await target();
    expect(send(t, 'GET', '/auth.test', {})).toMatchObject({ status: 200, type: undefined });
  });

  it('a required `token` query parameter is satisfied by it too (Slack’s users.info)', async () => {
    const t = await target();
    expect(send(t, 'POST', '/users.info', form('user=U1'))).toMatchObject({ status: 200, type: undefined });
    expect(send(t, 'GET', '/users.info', { query: [['user', 'U1']] })).toMatchObject({ status: 200 });
  });

  it('is still required where the operation asks for no credential, or the header is no credential', async () => {
    const t = await target();
    expect(send(t, 'GET', '/open', {})).toMatchObject({ type: 'invalid-request' });
    expect(send(t, 'GET', '/traced', {})).toMatchObject({ type: 'invalid-request' });
    // Without the Authorization header, the security check refuses first (401) as before.
    expect(send(t, 'GET', '/auth.test', { headers: {} })).toMatchObject({ type: 'security-required' });
  });
});
