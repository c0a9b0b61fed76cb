import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { kindFor } from '../../worker/mock/error-kind';
import { mock, prepareTarget, type MockOutcome, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { layerHarness, oas3 } from '../support/layer-harness';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * Issue 18 §3: error answers an SDK can read. An operation that defines no response for an error
 * status answers `Prefer: code=` and its refusals in the shape the rest of the API uses for it; a
 * generated error body's kind member (`error.type`) names its status, as SDKs choose their error
 * class by it. Bodies are checked by Ajv over the ORIGINAL document.
 */
const spec = `openapi: 3.0.3
info: {title: shop, version: '1'}
components:
  schemas:
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [type, message]
          properties:
            type: {type: string, enum: [api_error, card_error, idempotency_error, invalid_request_error]}
            message: {type: string}
  responses:
    NotFound: {description: none, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
paths:
  /customers/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '404': {$ref: '#/components/responses/NotFound'}
    delete:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '404': {$ref: '#/components/responses/NotFound'}
  /prices/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
  /charges:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
`;

const { document, pointers } = responseSchemas(spec);
const ajv = new Ajv({ strict: false });
addFormats(ajv);
ajv.addSchema(document, DOC_ID);
const isError = ajv.compile({ $ref: DOC_ID + pointers['GET /charges default'] });

async function target() {
  return prepareTarget((await ingest(spec)).plan, Date.UTC(2026, 0, 1));
}

function send(t: Awaited<ReturnType<typeof target>>, path: string, prefer?: string): MockOutcome {
  const request: MockRequest = { method: 'GET', path, query: [], headers: prefer ? { prefer } : {} };
  return mock(t, request);
}

function errorBody(outcome: MockOutcome, status: number): { error: { type: string; message: string } } {
  const response = outcome.ok ? outcome.response : outcome.response;
  expect(response?.status).toBe(status);
  const body = JSON.parse(response!.body!) as { error: { type: string; message: string } };
  expect(isError(body), ajv.errorsText(isError.errors)).toBe(true);
  return body;
}

describe('an error status the operation does not define', () => {
  it('`Prefer: code=404` is served in the shape the API uses for 404', async () => {
    const t = await target();
    const outcome = send(t, '/prices/p1', 'code=404');
    expect(outcome.ok).toBe(true);
    errorBody(outcome, 404);
  });

  it('`default` is the API’s catch-all for it; with no operation covering the status, the mock’s own problem', async () => {
    const t = await target();
    const outcome = send(t, '/prices/p1', 'code=409');
    expect(outcome.ok).toBe(true);
    errorBody(outcome, 409);
    const bare = oas3(`  /a:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}`);
    const alone = prepareTarget((await ingest(bare)).plan, Date.UTC(2026, 0, 1));
    expect(send(alone, '/a', 'code=404')).toMatchObject({
      ok: false,
      problem: { type: 'status-not-defined' },
    });
  });

  it('a sandbox’s 404 for an unknown item takes the API’s 404 shape', async () => {
    const text = oas3(
      `  /notes:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
  /notes/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
  /other/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
        '404': {description: none, content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}}`,
      `    Note: {type: object, properties: {id: {type: string}, text: {type: string}}}
    Missing: {type: object, required: [message], properties: {message: {type: string}}}`,
    );
    const { send: call } = await layerHarness(text);
    const answer = call('GET', '/notes/nope');
    expect(answer.status).toBe('item-not-found');
    expect(answer.shaped).toEqual({ status: 404, body: { message: expect.stringContaining('nope') } });
  });
});

describe("a generated error body's kind", () => {
  it('names its status in every seed: 404 and 400 invalid_request_error, 402 card_error, 500 api_error', async () => {
    const t = await target();
    for (const [code, kind] of [
      [404, 'invalid_request_error'],
      [400, 'invalid_request_error'],
      [402, 'card_error'],
      [500, 'api_error'],
    ] as const)
      for (let seed = 0; seed < 12; seed++) {
        const outcome = send(t, '/charges', `code=${code}, seed=s${seed}`);
        expect(errorBody(outcome, code).error.type, `${code} seed ${seed}`).toBe(kind);
      }
  });

  it('keeps what was generated when no value of the enum names the status', () => {
    expect(kindFor(['red', 'green'], 404)).toBeUndefined();
    expect(kindFor(['channel_not_found', 'invalid_auth'], 404)).toBe('channel_not_found');
    expect(kindFor(['channel_not_found', 'invalid_auth'], 401)).toBe('invalid_auth');
    expect(kindFor(['RATE_LIMITED', 'INTERNAL'], 429)).toBe('RATE_LIMITED');
  });
});

describe('an error body that says nothing in words', () => {
  const silent = oas3(
    `  /tasks/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '404':
          description: none
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Errors'}
              example: {errors: [{help: 'See the docs', phrase: '6 sad squid'}]}
  /talkative/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '404':
          description: none
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Errors'}
              example: {errors: [{message: 'task: Not a recognized ID'}]}`,
    `    Errors:
      type: object
      properties:
        errors: {type: array, items: {type: object, properties: {message: {type: string}, help: {type: string}, phrase: {type: string}}}}`,
  );

  it('gets the status’s words where its message belongs (Asana’s errors[0].message); one that speaks keeps its own', async () => {
    const target = prepareTarget((await ingest(silent)).plan, Date.UTC(2026, 0, 1));
    const { document: doc, pointers: at } = responseSchemas(silent);
    const check = new Ajv({ strict: false });
    check.addSchema(doc, DOC_ID);
    const get = (path: string) => {
      const outcome = mock(target, { method: 'GET', path, query: [], headers: { prefer: 'code=404' } });
      if (!outcome.ok) throw new Error(outcome.problem.detail);
      const body = JSON.parse(outcome.response.body!) as { errors: Record<string, string>[] };
      expect(
        check.validate({ $ref: DOC_ID + at[`GET ${path.replace(/\/[^/]+$/, '/{id}')} 404`] }, body),
      ).toBe(true);
      return body;
    };
    expect(get('/tasks/999999').errors[0]).toEqual({
      help: 'See the docs',
      phrase: '6 sad squid',
      message: expect.stringContaining('404 Not Found'),
    });
    expect(get('/talkative/1').errors[0]).toEqual({ message: 'task: Not a recognized ID' });
  });
});
