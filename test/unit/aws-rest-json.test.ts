import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest, type MockTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * AWS's REST-JSON protocol (API Gateway, EKS, Lambda): their SDKs raised "Expected real number, got
 * implicit NaN" on every answer with a time (sent as date-time text, read as epoch seconds), read
 * API Gateway's lists as empty (the member `items` travels as its JSON name `item`, which the
 * converted description writes as `xml.name`), and Lambda's `Invoke` was refused 415 (its payload
 * is sent as `application/octet-stream`, the description declares a JSON object holding it).
 */
const SPEC = `openapi: 3.0.0
info: {title: apigateway, version: '2015-07-09'}
servers: [{url: 'https://apigateway.{region}.amazonaws.com', variables: {region: {default: us-east-1}}}]
paths:
  /restapis:
    get:
      operationId: GetRestApis
      responses:
        '200': {description: Success, content: {application/json: {schema: {$ref: '#/components/schemas/RestApis'}}}}
    post:
      operationId: CreateRestApi
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [name], properties: {name: {type: string}, since: {type: string, format: date-time}, tags: {allOf: [{type: object, additionalProperties: {type: string}}, {xml: {name: tagMap}}]}}}}}
      responses:
        '201': {description: Success, content: {application/json: {schema: {$ref: '#/components/schemas/RestApi'}}}}
  /functions/{FunctionName}/invocations:
    post:
      operationId: Invoke
      parameters: [{name: FunctionName, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, properties: {Payload: {type: string, format: password}}}}}
      responses:
        '200': {description: Success, content: {application/json: {schema: {type: object, properties: {StatusCode: {type: integer}, Payload: {type: string}}}}}}
components:
  schemas:
    RestApi:
      type: object
      required: [id, createdDate]
      properties: {id: {type: string}, createdDate: {type: string, format: date-time}}
    RestApis:
      type: object
      required: [items]
      properties:
        position: {type: string}
        items: {allOf: [{type: array, minItems: 2, items: {$ref: '#/components/schemas/RestApi'}}, {xml: {name: item}}]}
`;

async function target(): Promise<MockTarget> {
  return prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
}

function call(method: string, path: string, body?: { contentType: string; text: string }): MockRequest {
  return {
    method,
    path,
    query: [],
    headers: { authorization: 'AWS4-HMAC-SHA256 x', ...(body ? { 'content-type': body.contentType } : {}) },
    ...(body ? { body } : {}),
  };
}

describe("AWS's REST-JSON protocol", () => {
  it('answers members by their JSON names and times as epoch seconds', async () => {
    const t = await target();
    const out = mock(t, call('GET', '/restapis'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.response.headers['x-specmock-wire']).toBe('aws-rest-json');
    const body = JSON.parse(out.response.body!);
    expect(body.items).toBeUndefined();
    for (const api of body.item) expect(api.createdDate).toEqual(expect.any(Number));
    // Read back as the description writes it, the answer satisfies its schema (Ajv, independently converted).
    const { document } = responseSchemas(SPEC);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, DOC_ID);
    const validate = ajv.compile({ $ref: `${DOC_ID}#/components/schemas/RestApis` });
    const read = {
      ...body,
      items: body.item.map((a: { createdDate: number }) => ({
        ...a,
        createdDate: new Date(a.createdDate * 1000).toISOString(),
      })),
    };
    delete read.item;
    expect(validate(read), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('reads a body sent with epoch seconds and JSON names as the description writes it', async () => {
    const t = await target();
    const json = (value: unknown) => ({ contentType: 'application/json', text: JSON.stringify(value) });
    const out = mock(
      t,
      call('POST', '/restapis', json({ name: 'shop', since: 1767225600, tagMap: { team: 'web' } })),
    );
    expect(out.ok && out.call.body).toEqual({
      name: 'shop',
      since: '2026-01-01T00:00:00.000Z',
      tags: { team: 'web' },
    });
    expect(mock(t, call('POST', '/restapis', json({ name: 'shop', since: 'soon' }))).ok).toBe(false);
  });

  it('takes a payload sent as it is and answers one as it is', async () => {
    const t = await target();
    const out = mock(
      t,
      call('POST', '/functions/orders/invocations', {
        contentType: 'application/octet-stream',
        text: '{"k":"v"}',
      }),
    );
    expect(out.ok && out.call.body).toEqual({ Payload: '{"k":"v"}' });
    // The payload is the body itself, not an object holding it.
    expect(out.ok && out.response.body).not.toContain('StatusCode');
  });
});
