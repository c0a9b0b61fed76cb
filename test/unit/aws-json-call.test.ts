import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest, type MockTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * Two ways an AWS SDK's JSON-protocol call met its description wrongly:
 * - CloudWatch's SDK moved from the query protocol to JSON (`X-Amz-Target:
 *   GraniteServiceVersion20100801.PutMetricData`), and its description still keys every operation by
 *   `Action` with a `text/xml` body: every call answered 404.
 * - The SDKs send timestamps as epoch seconds (`"Timestamp": 1767225600`), and the descriptions
 *   declare `date-time` text: such a call was refused 422.
 */
const CLOUDWATCH = `openapi: 3.0.0
info: {title: monitoring, version: '2010-08-01'}
servers: [{url: 'http://monitoring.{region}.amazonaws.com', variables: {region: {default: us-east-1}}}]
paths:
  /#Action=GetMetricStatistics:
    post:
      operationId: POST_GetMetricStatistics
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [GetMetricStatistics]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2010-08-01']}}
      requestBody:
        required: true
        content: {text/xml: {schema: {$ref: '#/components/schemas/GetMetricStatisticsInput'}}}
      responses:
        '200': {description: Success, content: {text/xml: {schema: {$ref: '#/components/schemas/GetMetricStatisticsOutput'}}}}
        '480': {description: InvalidParameterValueException, content: {text/xml: {schema: {type: object, properties: {message: {type: string}}}}}}
components:
  schemas:
    Timestamp: {type: string, format: date-time}
    GetMetricStatisticsInput:
      type: object
      required: [Namespace, StartTime, Period]
      properties:
        Namespace: {type: string, minLength: 1}
        StartTime: {allOf: [{$ref: '#/components/schemas/Timestamp'}, {description: From when.}]}
        Period: {type: integer, minimum: 1}
    GetMetricStatisticsOutput:
      type: object
      required: [Label, Datapoints]
      properties:
        Label: {type: string}
        Datapoints:
          type: array
          minItems: 1
          items: {type: object, required: [Timestamp, Average], properties: {Timestamp: {$ref: '#/components/schemas/Timestamp'}, Average: {type: number}}}
`;

const TARGET = 'GraniteServiceVersion20100801.GetMetricStatistics';

async function targetOf(spec: string): Promise<MockTarget> {
  return prepareTarget((await ingest(spec)).plan, Date.UTC(2026, 0, 1));
}

function call(body: unknown, headers: Record<string, string> = {}): MockRequest {
  return {
    method: 'POST',
    path: '/',
    query: [],
    headers: {
      'x-amz-target': TARGET,
      'content-type': 'application/x-amz-json-1.0',
      authorization: 'AWS4-HMAC-SHA256 Credential=a/b',
      ...headers,
    },
    body: { contentType: 'application/x-amz-json-1.0', text: JSON.stringify(body) },
  };
}

describe("AWS's JSON protocol against a description keyed by Action", () => {
  it('routes by the target’s operation name, reads epoch seconds as times and answers JSON on the wire', async () => {
    const t = await targetOf(CLOUDWATCH);
    const out = mock(t, call({ Namespace: 'App', StartTime: 1767225600, Period: 60 }));
    expect(out.ok, JSON.stringify(!out.ok && out.problem)).toBe(true);
    if (!out.ok) return;
    expect(out.operation.id).toBe('POST_GetMetricStatistics');
    expect(out.response.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(out.response.headers['x-specmock-wire']).toBe('aws-json');
    const body = JSON.parse(out.response.body!);
    for (const point of body.Datapoints) expect(point.Timestamp).toEqual(expect.any(Number));
    // Back to the description's reading, the body satisfies its schema (Ajv, converted independently).
    const { document } = responseSchemas(CLOUDWATCH);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, DOC_ID);
    const validate = ajv.compile({ $ref: `${DOC_ID}#/components/schemas/GetMetricStatisticsOutput` });
    const read = {
      ...body,
      Datapoints: body.Datapoints.map((p: { Timestamp: number }) => ({
        ...p,
        Timestamp: new Date(p.Timestamp * 1000).toISOString(),
      })),
    };
    expect(validate(read), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('still judges the input: a missing member or a time that is none is refused in the JSON envelope', async () => {
    const t = await targetOf(CLOUDWATCH);
    for (const sent of [
      { Namespace: 'App', Period: 60 },
      { Namespace: 'App', StartTime: 'yesterday', Period: 60 },
    ]) {
      const out = mock(t, call(sent));
      expect(out.ok).toBe(false);
      if (out.ok) continue;
      expect(out.response?.headers['x-amzn-errortype']).toBe('ValidationException');
      expect(JSON.parse(out.response!.body!).message).toContain('StartTime');
    }
  });

  it('answers a modeled error by its exception, and leaves query-protocol calls to the query wire', async () => {
    const t = await targetOf(CLOUDWATCH);
    const modeled = mock(
      t,
      call({ Namespace: 'App', StartTime: 1767225600, Period: 60 }, { prefer: 'code=480' }),
    );
    expect(modeled.ok && modeled.response.headers['x-amzn-errortype']).toBe('InvalidParameterValueException');
    const form =
      'Action=GetMetricStatistics&Version=2010-08-01&Namespace=App&StartTime=2026-01-01T00:00:00Z&Period=60';
    const query = mock(t, {
      method: 'POST',
      path: '/',
      query: [],
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 x' },
      body: { contentType: 'application/x-www-form-urlencoded', text: form },
    });
    expect(query.ok && query.response.headers['x-specmock-wire']).toBe('aws-query');
  });

  it('reads epoch seconds as times for an operation keyed by its X-Amz-Target too', async () => {
    const t = await targetOf(`openapi: 3.0.0
info: {title: logs, version: '2014-03-28'}
servers: [{url: 'https://logs.amazonaws.com'}]
paths:
  /#X-Amz-Target=Logs_20140328.ListEvents:
    post:
      operationId: ListEvents
      parameters: [{name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [Logs_20140328.ListEvents]}}]
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [Since], properties: {Since: {type: string, format: date-time}}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
`);
    const send = (Since: unknown) =>
      mock(t, {
        method: 'POST',
        path: '/',
        query: [],
        headers: { 'x-amz-target': 'Logs_20140328.ListEvents', 'content-type': 'application/x-amz-json-1.1' },
        body: { contentType: 'application/x-amz-json-1.1', text: JSON.stringify({ Since }) },
      });
    const sent = send(1767225600.5);
    expect(sent.ok && sent.call.body).toEqual({ Since: '2026-01-01T00:00:00.500Z' });
    expect(send('last week').ok).toBe(false);
  });
});
