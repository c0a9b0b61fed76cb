import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockOutcome, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * Issue 18: descriptions that define no error response at all (OpenAI's, Mux's, Twilio's, Notion's)
 * still refuse in a form their SDKs raise as their own error. The expected envelopes are the vendors'
 * documented ones (developers.notion.com/reference/status-codes, twilio.com/docs/usage/twilios-response
 * "Exceptions"), and for every other host the members Stainless-built SDKs read (`error.message`).
 */
function spec(server: string): string {
  return `openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: '${server}'}]
paths:
  /things/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
  /things:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [name], properties: {name: {type: string}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {type: object}}}}
`;
}

async function call(server: string, request: Partial<MockRequest>): Promise<MockOutcome> {
  const target = prepareTarget((await ingest(spec(server))).plan, Date.UTC(2026, 0, 1));
  return mock(target, { method: 'GET', path: '/', query: [], headers: {}, ...request });
}

const missing = { method: 'GET', path: '/things/t1', headers: { prefer: 'code=404' } };
const invalid = {
  method: 'POST',
  path: '/things',
  headers: { 'content-type': 'application/json' },
  body: { contentType: 'application/json', text: '{}' },
};

function sent(outcome: MockOutcome): { status: number; type: string; body: Record<string, unknown> } {
  expect(outcome.ok).toBe(false);
  if (outcome.ok || !outcome.response) throw new Error('expected a refusal in a vendor envelope');
  const { status, headers, body } = outcome.response;
  return { status, type: headers['content-type'], body: JSON.parse(body!) as Record<string, unknown> };
}

describe('a refusal the description gives no error shape for', () => {
  it("Notion's host answers Notion's error object with its code for the status", async () => {
    const notFound = sent(await call('https://api.notion.com', missing));
    expect(notFound.status).toBe(404);
    expect(notFound.type).toBe('application/json');
    expect(notFound.body).toMatchObject({ object: 'error', status: 404, code: 'object_not_found' });
    expect(typeof notFound.body.message).toBe('string');
    const bad = sent(await call('https://api.notion.com/v1', invalid));
    expect(bad.body).toMatchObject({ object: 'error', code: 'validation_error' });
  });

  it("Twilio's host answers Twilio's exception with a numeric code and more_info", async () => {
    const notFound = sent(await call('https://api.twilio.com', missing));
    expect(notFound.body).toMatchObject({ code: 20404, status: 404 });
    expect(notFound.body.more_info).toBe('https://www.twilio.com/docs/errors/20404');
    const bad = sent(await call('https://api.twilio.com', invalid));
    expect(typeof bad.body.code).toBe('number');
    expect(bad.body.message).toMatch(/name/);
  });

  it('any other host keeps problem+json, with the members generated SDKs read', async () => {
    const outcome = await call('https://api.example.com/v1', invalid);
    expect(outcome).toMatchObject({ ok: false, problem: { type: 'invalid-request' } });
    if (outcome.ok) return;
    expect(outcome.response).toBeUndefined();
    const members = outcome.problem.extensions as {
      message: string;
      error: { message: string; messages: string[] };
    };
    expect(members.message).toBe(outcome.problem.detail);
    expect(members.error.message).toBe(outcome.problem.detail);
    expect(members.error.messages[0]).toMatch(/name/);
  });

  it('a description with its own error response keeps it, whatever the host', async () => {
    const own = spec('https://api.notion.com').replace(
      "        '200': {description: ok, content: {application/json: {schema: {type: object}}}}\n  /things:",
      "        '200': {description: ok, content: {application/json: {schema: {type: object}}}}\n        '404': {description: gone, content: {application/json: {schema: {type: object, required: [gone], properties: {gone: {type: boolean}}}}}}\n  /things:",
    );
    const target = prepareTarget((await ingest(own)).plan, Date.UTC(2026, 0, 1));
    const outcome = mock(target, {
      method: 'GET',
      path: '/things/t1',
      query: [],
      headers: { prefer: 'code=404' },
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(JSON.parse(outcome.response.body!)).toHaveProperty('gone');
  });
});
