import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * Secrets Manager's and Step Functions' SDKs failed every call that answers a time ("Expected real
 * number, got implicit NaN"): AWS's JSON protocol sends timestamps as epoch seconds, and the
 * descriptions converted from AWS's models declare `format: date-time` strings. An SDK's call
 * (routed by its X-Amz-Target header) gets the wire format; a call naming the description's own
 * key gets the description's strings. Either way, everything else follows the description.
 */
const SPEC = `openapi: 3.0.3
info: {title: aws, version: '1'}
servers: [{url: 'https://secretsmanager.{region}.amazonaws.com', variables: {region: {default: us-east-1}}}]
paths:
  /#X-Amz-Target=secretsmanager.DescribeSecret:
    post:
      operationId: DescribeSecret
      parameters: [{name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [secretsmanager.DescribeSecret]}}]
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [SecretId], properties: {SecretId: {type: string}}}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/DescribeSecretResponse'}}}
        '480':
          description: ResourceNotFoundException
          content: {application/json: {schema: {type: object, properties: {Message: {type: string}}}}}
components:
  schemas:
    Date: {type: string, format: date-time}
    CiphertextType: {type: string, minLength: 12, maxLength: 12}
    BinaryAttributeValue: {type: string}
    DescribeSecretResponse:
      type: object
      required: [Name, CreatedDate, Versions, CiphertextBlob, Value]
      properties:
        Name: {type: string}
        CiphertextBlob: {allOf: [{$ref: '#/components/schemas/CiphertextType'}, {description: The secret, encrypted.}]}
        Value: {type: object, required: [B], properties: {B: {$ref: '#/components/schemas/BinaryAttributeValue'}}}
        CreatedDate: {allOf: [{$ref: '#/components/schemas/Date'}, {description: When it was created.}]}
        Versions:
          type: array
          minItems: 1
          items: {type: object, required: [At], properties: {At: {$ref: '#/components/schemas/Date'}, Label: {type: string}}}
`;

describe("AWS's JSON protocol on the wire", () => {
  it('sends timestamps as epoch seconds and blobs in base64 to an SDK, and the description’s own values to its own key', async () => {
    const t = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
    const { document, pointers } = responseSchemas(SPEC);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, DOC_ID);
    const validate = ajv.compile({
      $ref: DOC_ID + pointers['POST /#X-Amz-Target=secretsmanager.DescribeSecret 200'],
    });
    const call = (path: string): { headers: Record<string, string>; body: Record<string, unknown> } => {
      const request: MockRequest = {
        method: 'POST',
        path,
        query: [],
        headers: {
          'x-amz-target': 'secretsmanager.DescribeSecret',
          'content-type': 'application/x-amz-json-1.1',
        },
        body: { contentType: 'application/x-amz-json-1.1', text: '{"SecretId":"db"}' },
      };
      const out = mock(t, request);
      if (!out.ok) throw new Error(out.problem.type);
      return {
        headers: out.response.headers,
        body: JSON.parse(out.response.body!) as Record<string, unknown>,
      };
    };

    const sdk = call('/');
    expect(sdk.headers['x-specmock-wire']).toBe('aws-json');
    expect(typeof sdk.body.CreatedDate).toBe('number');
    const versions = sdk.body.Versions as { At: unknown }[];
    for (const v of versions) expect(typeof v.At).toBe('number');
    // Blobs travel in base64 (whole groups within maxLength), which the SDK decodes.
    const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    expect(sdk.body.CiphertextBlob).toMatch(base64);
    expect((sdk.body.CiphertextBlob as string).length).toBeLessThanOrEqual(12);
    expect((sdk.body.Value as { B: string }).B).toMatch(base64);
    // Back in the description's form, the body is the description's.
    const iso = (s: unknown) => new Date((s as number) * 1000).toISOString();
    const described = {
      ...sdk.body,
      CreatedDate: iso(sdk.body.CreatedDate),
      Versions: versions.map((v) => ({ ...v, At: iso(v.At) })),
    };
    expect(validate(described), ajv.errorsText(validate.errors)).toBe(true);

    const own = call('/#X-Amz-Target=secretsmanager.DescribeSecret');
    expect(own.headers['x-specmock-wire']).toBeUndefined();
    expect(validate(own.body), ajv.errorsText(validate.errors)).toBe(true);
  });
});

describe("AWS's JSON protocol errors", () => {
  it('name their exception as the SDKs read it: x-amzn-errortype, and __type in a refusal', async () => {
    const t = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
    const send = (body: string, prefer?: string) =>
      mock(t, {
        method: 'POST',
        path: '/',
        query: [],
        headers: {
          'x-amz-target': 'secretsmanager.DescribeSecret',
          'content-type': 'application/x-amz-json-1.1',
          ...(prefer ? { prefer } : {}),
        },
        body: { contentType: 'application/x-amz-json-1.1', text: body },
      });
    const declared = send('{"SecretId":"db"}', 'code=480');
    expect(declared.ok && declared.response.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    // A body the operation refuses (no SecretId): a ValidationException, not problem+json.
    const refused = send('{}');
    expect(refused.ok).toBe(false);
    const response = !refused.ok ? refused.response : undefined;
    expect(response?.status).toBe(422);
    expect(response?.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(JSON.parse(response?.body ?? '{}')).toMatchObject({ __type: 'ValidationException' });
  });
});
