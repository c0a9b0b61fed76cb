import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockOutcome, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * Issue 18 §3: the mock's own refusals in the API's own error shape. Every body is checked by Ajv
 * against the ORIGINAL document's response schema (converted independently of specmock's plan).
 */
const spec = `openapi: 3.0.3
info: {title: shop, version: '1'}
components:
  securitySchemes: {key: {type: apiKey, in: header, name: x-api-key}}
  schemas:
    Error:
      type: object
      required: [error]
      additionalProperties: false
      properties:
        error:
          type: object
          required: [type]
          additionalProperties: false
          properties:
            type: {type: string, enum: [invalid_request_error, api_error]}
            message: {type: string}
            param: {type: string}
    Item:
      type: object
      required: [id]
      properties: {id: {type: integer}, name: {type: string, minLength: 2}}
  responses:
    Error: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
paths:
  /items:
    get:
      security: [{key: []}]
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 10}}
        - {name: sort, in: query, schema: {type: string, enum: [café, thé]}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Item'}}}}}
        default: {$ref: '#/components/responses/Error'}
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        default: {$ref: '#/components/responses/Error'}
  /items/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        4XX:
          description: client error
          content:
            application/json:
              schema: {type: object, required: [detail], additionalProperties: false, properties: {title: {type: string}, detail: {type: string, maxLength: 30}}}
        default: {$ref: '#/components/responses/Error'}
  /reports:
    get:
      responses:
        '200': {description: ok, content: {application/xml: {schema: {type: string}}}}
        default: {$ref: '#/components/responses/Error'}
  /nested:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
      responses:
        '200': {description: ok}
        '422':
          description: invalid
          content:
            application/json:
              schema:
                type: object
                required: [errors]
                properties:
                  errors:
                    type: array
                    minItems: 1
                    items: {type: object, required: [code], properties: {code: {type: string, enum: [invalid]}, message: {type: string}}}
              examples:
                tooShort: {value: {errors: [{code: invalid, message: The name is too short}]}}
  /legacy:
    get:
      parameters: [{name: n, in: query, required: true, schema: {type: integer}}]
      responses:
        default: {description: everything, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
  /plain:
    get:
      parameters: [{name: n, in: query, required: true, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '404': {description: none}
`;

const { document, pointers } = responseSchemas(spec);
const ajv = new Ajv({ strict: false });
addFormats(ajv);
ajv.addSchema(document, DOC_ID);

async function target() {
  const { plan } = await ingest(spec);
  return prepareTarget(plan, Date.UTC(2026, 0, 1));
}

function send(
  t: Awaited<ReturnType<typeof target>>,
  method: string,
  url: string,
  extra: Partial<MockRequest> = {},
) {
  const [path, q = ''] = url.split('?');
  return mock(t, { method, path, query: [...new URLSearchParams(q)], headers: {}, ...extra });
}

/** The refusal's body, checked against the response `key` ("GET /items default") of the document. */
function shaped(outcome: MockOutcome, key: string): Record<string, unknown> {
  if (outcome.ok || !outcome.response)
    throw new Error(`expected a shaped refusal, got ${JSON.stringify(outcome)}`);
  const body = JSON.parse(outcome.response.body!) as Record<string, unknown>;
  const validate = ajv.compile({ $ref: DOC_ID + pointers[key] });
  expect(validate(body), `${key}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return body;
}

const key = { 'x-api-key': 'k' };

describe("refusals in the API's own error shape", () => {
  it('401, 422, 415: the operation’s `default`, the reason in error.message, the diagnosis in headers', async () => {
    const t = await target();
    const cases: [MockOutcome, number, string, string][] = [
      [send(t, 'GET', '/items'), 401, 'security-required', 'GET /items default'],
      [send(t, 'GET', '/items?limit=99', { headers: key }), 422, 'invalid-request', 'GET /items default'],
      [
        send(t, 'POST', '/items', { body: { contentType: 'text/csv', text: 'a,b' } }),
        415,
        'unsupported-media-type',
        'POST /items default',
      ],
    ];
    for (const [outcome, status, type, at] of cases) {
      const body = shaped(outcome, at) as { error: { message: string } };
      if (outcome.ok) return;
      expect(outcome.response!.status).toBe(status);
      expect(outcome.problem.type).toBe(type);
      expect(body.error.message).toBe(outcome.problem.detail);
      expect(outcome.response!.headers['content-type']).toBe('application/json');
      expect(outcome.response!.headers['x-specmock-problem']).toBe(type);
      expect(outcome.response!.headers['x-specmock-problem-detail']).toBe(outcome.problem.detail);
      expect(outcome.problem.errors?.length).toBeGreaterThan(0);
    }
    expect(
      (cases[0][0] as { response: { headers: Record<string, string> } }).response.headers,
    ).toHaveProperty('www-authenticate');
  });

  it('406: the error body is JSON although Accept asked only for what the operation lacks', async () => {
    const t = await target();
    const outcome = send(t, 'GET', '/reports', { headers: { accept: 'application/json' } });
    const body = shaped(outcome, 'GET /reports default') as { error: { message: string } };
    expect(outcome.ok || outcome.response?.status).toBe(406);
    expect(body.error.message).toContain('application/xml');
  });

  it('404 for an unknown path and 405 take the shape the API (or the path) uses most', async () => {
    const t = await target();
    const missing = send(t, 'GET', '/nothing/here');
    const body = shaped(missing, 'GET /items default') as { error: { message: string } };
    expect(body.error.message).toContain('/nothing/here');
    expect(missing.ok || [missing.response?.status, missing.problem.type]).toEqual([404, 'route-not-found']);
    // The path's only operation answers errors in its 4XX shape, whose `detail` is at most 30 long.
    const wrong = send(t, 'DELETE', '/items/1');
    const detail = shaped(wrong, 'GET /items/{id} 4XX') as { detail: string };
    expect(wrong.ok || wrong.response?.headers.allow).toBe('GET, HEAD');
    expect(detail.detail).toHaveLength(30);
    expect(wrong.ok || wrong.problem.detail.startsWith(detail.detail)).toBe(true);
  });

  it('picks the same response as `Prefer: code=` for the same status (4XX before default)', async () => {
    const t = await target();
    const refused = send(t, 'GET', '/items/abc');
    shaped(refused, 'GET /items/{id} 4XX');
    const preferred = send(t, 'GET', '/items/1', { headers: { prefer: 'code=422' } });
    if (!preferred.ok) throw new Error('Prefer: code=422 is served');
    const validate = ajv.compile({ $ref: DOC_ID + pointers['GET /items/{id} 4XX'] });
    expect(validate(JSON.parse(preferred.response.body!))).toBe(true);
    expect(preferred.response.headers['x-specmock-problem']).toBeUndefined();
  });

  it('writes the reason one level down in a list (`errors[0].message`), and serves a named example as written', async () => {
    const t = await target();
    const invalid = { contentType: 'application/json', text: '{"id": 1, "name": "x"}' };
    const outcome = send(t, 'POST', '/nested', { body: invalid });
    const body = shaped(outcome, 'POST /nested 422') as { errors: { message: string }[] };
    expect(body.errors[0].message).toContain('name');
    const named = send(t, 'POST', '/nested', {
      body: invalid,
      headers: { prefer: 'code=422, example=tooShort' },
    });
    expect(shaped(named, 'POST /nested 422')).toEqual({
      errors: [{ code: 'invalid', message: 'The name is too short' }],
    });
    // A named example that does not exist is the caller's mistake to hear about, as in Prism.
    const missing = send(t, 'POST', '/nested', {
      body: invalid,
      headers: { prefer: 'code=422, example=nope' },
    });
    expect(missing).toMatchObject({ ok: false, problem: { type: 'example-not-found' } });
  });

  it('an operation with no error shape of its own (none, or `default` is its success) borrows the API’s', async () => {
    const t = await target();
    for (const url of ['/legacy', '/plain']) {
      const outcome = send(t, 'GET', url);
      const body = shaped(outcome, 'GET /items default') as { error: { message: string } };
      expect(outcome.ok || [outcome.response?.status, outcome.problem.type]).toEqual([
        422,
        'invalid-request',
      ]);
      expect(body.error.message).toContain("'n'");
    }
  });

  it('keeps problem+json where no operation of the API has an error shape', async () => {
    const bare = `openapi: 3.0.3
info: {title: bare, version: '1'}
paths:
  /plain:
    get:
      parameters: [{name: n, in: query, required: true, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '404': {description: none}
`;
    const t = prepareTarget((await ingest(bare)).plan, Date.UTC(2026, 0, 1));
    const outcome = send(t, 'GET', '/plain');
    expect(outcome).toMatchObject({ ok: false, problem: { type: 'invalid-request' } });
    expect(outcome.ok || outcome.response).toBeUndefined();
    expect(outcome.ok || outcome.problem.headers?.['x-specmock-problem']).toBe('invalid-request');
  });

  it('answers HEAD without a body, and keeps header values ASCII', async () => {
    const t = await target();
    const head = send(t, 'HEAD', '/items?sort=tea', { headers: key });
    if (head.ok || !head.response) throw new Error('expected a shaped refusal');
    expect(head.response.body).toBeNull();
    expect(head.problem.detail).toContain('café');
    expect(head.response.headers['x-specmock-problem-detail']).toContain('caf?');
    expect(head.response.headers['x-specmock-problem-detail']).toMatch(/^[\x20-\x7e]+$/);
  });
});
