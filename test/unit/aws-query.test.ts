import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest, type MockTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * AWS's query protocol (IAM, STS, SNS, RDS… and EC2's variant): every call an AWS SDK made to a
 * mock of such a description was refused 415 (its form body against the declared `text/xml`), and
 * its answers were not the XML envelope the SDK reads. The input arrives in AWS's notation
 * (`Tags.member.1.Key`), the answer is read by element names the model gives (`xml.name`).
 * The XML is read back here by fast-xml-parser (what the SDKs use) and judged by Ajv against the
 * description's own schemas, converted independently.
 */
const IAM = `openapi: 3.0.0
info: {title: iam, version: '2010-05-08'}
servers: [{url: 'https://iam.amazonaws.com'}]
security: [{hmac: []}]
paths:
  /#Action=ListUsers:
    post:
      operationId: POST_ListUsers
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [ListUsers]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2010-05-08']}}
      requestBody: {content: {text/xml: {schema: {$ref: '#/components/schemas/ListUsersRequest'}}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {$ref: '#/components/schemas/ListUsersResponse'}}}}
        '480': {description: NoSuchEntityException, content: {text/xml: {schema: {type: object, properties: {message: {type: string}}}}}}
  /#Action=GetUser:
    post:
      operationId: POST_GetUser
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [GetUser]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2010-05-08']}}
      requestBody:
        required: true
        content: {text/xml: {schema: {type: object, required: [UserName], properties: {UserName: {$ref: '#/components/schemas/userNameType'}}}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {type: object, required: [User], properties: {User: {$ref: '#/components/schemas/User'}}}}}}
components:
  securitySchemes: {hmac: {type: apiKey, name: Authorization, in: header}}
  schemas:
    userNameType: {type: string, minLength: 1, maxLength: 64}
    Tag: {type: object, required: [Key, Value], properties: {Key: {type: string}, Value: {type: string}}}
    tagListType: {type: array, maxItems: 50, items: {$ref: '#/components/schemas/Tag'}}
    User:
      type: object
      required: [UserName, CreateDate, Age]
      properties:
        UserName: {$ref: '#/components/schemas/userNameType'}
        CreateDate: {type: string, format: date-time}
        Age: {type: integer, minimum: 1, maximum: 99}
    OwnerList: {type: array, minItems: 1, items: {allOf: [{$ref: '#/components/schemas/User'}, {xml: {name: Owner}}]}}
    ListUsersRequest:
      type: object
      properties:
        MaxItems: {type: integer, minimum: 1, maximum: 10}
        Tags: {allOf: [{$ref: '#/components/schemas/tagListType'}, {description: Tags to filter by.}]}
        Attributes: {type: object, additionalProperties: {type: string}}
    ListUsersResponse:
      type: object
      required: [Users, IsTruncated, Owners, Labels, Attributes]
      properties:
        Users: {type: array, minItems: 2, items: {$ref: '#/components/schemas/User'}}
        IsTruncated: {type: boolean}
        Owners: {allOf: [{$ref: '#/components/schemas/OwnerList'}, {xml: {name: OwnedBy}}]}
        Labels: {type: array, minItems: 2, items: {type: string}, xml: {wrapped: false}}
        Attributes: {type: object, minProperties: 1, additionalProperties: {type: string}}
`;

const EC2 = `openapi: 3.0.0
info: {title: ec2, version: '2016-11-15'}
servers: [{url: 'http://ec2.{region}.amazonaws.com', variables: {region: {default: us-east-1}}}]
paths:
  /#Action=DescribeInstances:
    post:
      operationId: POST_DescribeInstances
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [DescribeInstances]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2016-11-15']}}
      requestBody: {content: {text/xml: {schema: {$ref: '#/components/schemas/DescribeInstancesRequest'}}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {$ref: '#/components/schemas/DescribeInstancesResult'}}}}
components:
  schemas:
    ValueList: {type: array, items: {allOf: [{type: string}, {xml: {name: item}}]}}
    Filter:
      type: object
      properties:
        Name: {type: string, enum: [instance-state-name, vpc-id]}
        Values: {allOf: [{$ref: '#/components/schemas/ValueList'}, {xml: {name: Value}}]}
    FilterList: {type: array, items: {allOf: [{$ref: '#/components/schemas/Filter'}, {xml: {name: Filter}}]}}
    DescribeInstancesRequest:
      type: object
      properties:
        Filters: {allOf: [{$ref: '#/components/schemas/FilterList'}, {xml: {name: Filter}}]}
        InstanceIds: {allOf: [{$ref: '#/components/schemas/ValueList'}, {xml: {name: InstanceId}}]}
        MaxResults: {allOf: [{type: integer, maximum: 1000}, {xml: {name: maxResults}}]}
    Reservation:
      type: object
      required: [ReservationId]
      properties: {ReservationId: {allOf: [{type: string, minLength: 3}, {xml: {name: reservationId}}]}}
    DescribeInstancesResult:
      type: object
      required: [Reservations]
      properties:
        Reservations:
          allOf:
            - {type: array, minItems: 2, items: {allOf: [{$ref: '#/components/schemas/Reservation'}, {xml: {name: item}}]}}
            - {xml: {name: reservationSet}}
`;

const FORM = 'application/x-www-form-urlencoded';

async function targetOf(spec: string): Promise<MockTarget> {
  return prepareTarget((await ingest(spec)).plan, Date.UTC(2026, 0, 1));
}

function call(form: string, headers: Record<string, string> = {}): MockRequest {
  return {
    method: 'POST',
    path: '/',
    query: [],
    headers: { 'content-type': FORM, authorization: 'AWS4-HMAC-SHA256 Credential=a/b', ...headers },
    body: { contentType: FORM, text: form },
  };
}

/** As an AWS SDK's XML reader sees it: lists of one are lists too. */
const xml = (lists: string[]) =>
  new XMLParser({ parseTagValue: false, isArray: (name) => lists.includes(name) });

function answer(t: MockTarget, request: MockRequest) {
  const out = mock(t, request);
  const response = out.ok ? out.response : out.response;
  if (!response) throw new Error(`no response: ${JSON.stringify(!out.ok && out.problem)}`);
  return response;
}

/** Ajv on the description's own schema, converted independently (the response media is XML). */
function validator(spec: string, name: string) {
  const { document } = responseSchemas(spec);
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  return ajv.compile({ $ref: `${DOC_ID}#/components/schemas/${name}` });
}

describe("AWS's query protocol", () => {
  it('reads the input in AWS notation and answers the XML envelope an SDK reads, by the model’s element names', async () => {
    const t = await targetOf(IAM);
    const form =
      'Action=ListUsers&Version=2010-05-08&MaxItems=3' +
      '&Tags.member.1.Key=team&Tags.member.1.Value=a&Attributes.entry.1.key=k&Attributes.entry.1.value=v';
    const res = answer(t, call(form));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml');
    expect(res.headers['x-specmock-wire']).toBe('aws-query');
    const doc = xml(['member', 'Owner', 'Labels', 'entry']).parse(res.body!);
    const envelope = doc.ListUsersResponse;
    expect(envelope.ResponseMetadata.RequestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const result = envelope.ListUsersResult;
    // Back to the description's JSON: lists out of their item elements, a map out of its entries.
    const value = {
      Users: result.Users.member.map((u: Record<string, string>) => ({ ...u, Age: Number(u.Age) })),
      IsTruncated:
        result.IsTruncated === 'true' ? true : result.IsTruncated === 'false' ? false : result.IsTruncated,
      Owners: result.OwnedBy.Owner.map((u: Record<string, string>) => ({ ...u, Age: Number(u.Age) })),
      Labels: result.Labels,
      Attributes: Object.fromEntries(
        result.Attributes.entry.map((e: { key: string; value: string }) => [e.key, e.value]),
      ),
    };
    const validate = validator(IAM, 'ListUsersResponse');
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('judges the decoded input by the body schema: numbers, list items and required members', async () => {
    const t = await targetOf(IAM);
    const tooMany = answer(t, call('Action=ListUsers&Version=2010-05-08&MaxItems=30'));
    const halfTag = answer(t, call('Action=ListUsers&Version=2010-05-08&Tags.member.1.Key=team'));
    const noName = answer(t, call('Action=GetUser&Version=2010-05-08'));
    for (const [res, about] of [
      [tooMany, 'MaxItems'],
      [halfTag, 'Value'],
      [noName, 'UserName'],
    ] as const) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers['x-specmock-wire']).toBe('aws-query');
      const error = xml([]).parse(res.body!).ErrorResponse.Error;
      expect(error).toMatchObject({ Type: 'Sender', Code: 'ValidationError' });
      expect(error.Message).toContain(about);
    }
    const named = answer(t, call('Action=GetUser&Version=2010-05-08&UserName=bob'));
    expect(named.status).toBe(200);
    expect(xml([]).parse(named.body!).GetUserResponse.GetUserResult.User.UserName).toEqual(
      expect.any(String),
    );
  });

  it('answers a modeled error by its code, an unknown action as InvalidAction, and the key itself as written', async () => {
    const t = await targetOf(IAM);
    const modeled = answer(t, call('Action=ListUsers&Version=2010-05-08', { prefer: 'code=480' }));
    expect(modeled.status).toBe(480);
    expect(xml([]).parse(modeled.body!).ErrorResponse.Error.Code).toBe('NoSuchEntityException');
    const unknown = answer(t, call('Action=DeleteEverything&Version=2010-05-08'));
    expect(unknown.status).toBe(404);
    expect(xml([]).parse(unknown.body!).ErrorResponse.Error.Code).toBe('InvalidAction');
    const literal = answer(t, {
      method: 'POST',
      path: '/%23Action=ListUsers',
      query: [
        ['Action', 'ListUsers'],
        ['Version', '2010-05-08'],
      ],
      headers: { authorization: 'AWS4-HMAC-SHA256 x' },
    });
    expect(literal.status).toBe(200);
    expect(literal.headers['x-specmock-wire']).toBeUndefined();
  });

  it("speaks EC2's variant: capitalised wire names in, no Result wrapper and `item` lists out", async () => {
    const t = await targetOf(EC2);
    const ok = answer(
      t,
      call(
        'Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1&InstanceId.1=i-1&MaxResults=5',
      ),
    );
    expect(ok.status).toBe(200);
    const doc = xml(['item']).parse(ok.body!).DescribeInstancesResponse;
    expect(doc.requestId).toEqual(expect.any(String));
    const value = {
      Reservations: doc.reservationSet.item.map((r: { reservationId: string }) => ({
        ReservationId: r.reservationId,
      })),
    };
    const validate = validator(EC2, 'DescribeInstancesResult');
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    // The filter's name is read where the description puts it (Filters[0].Name): a wrong one is refused.
    const wrong = answer(t, call('Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=colour'));
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const error = xml([]).parse(wrong.body!).Response.Errors.Error;
    expect(error.Code).toBe('InvalidParameterValue');
    expect(error.Message).toContain('Filters');
  });
});
