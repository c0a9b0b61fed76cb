import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * AWS answers named every resource by nonsense (`"TopicArn": "sandy godfather viability"`, IAM's
 * `"PolicyName": "qQCdnBpUG"`): a member named `…Arn` had no kind of its own, and a name held to a
 * pattern never got a name's value, only the pattern's random strings.
 */
const spec = (host: string, schema: string) => `openapi: 3.0.0
info: {title: t, version: '1'}
servers: [{url: 'https://${host}'}]
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${schema}
`;

async function body(host: string, schema: string) {
  const t = prepareTarget((await ingest(spec(host, schema))).plan, Date.UTC(2026, 0, 1));
  const out = mock(t, { method: 'GET', path: '/things', query: [], headers: {} });
  if (!out.ok) throw new Error(JSON.stringify(out.problem));
  return JSON.parse(out.response.body!);
}

describe('values of AWS resource names', () => {
  it('are ARNs of the service the name or the API names, and names fit their patterns as words', async () => {
    const members = [
      'TopicArn: {type: string}',
      "ExecutionRoleArn: {type: string, minLength: 20, maxLength: 2048, pattern: '^arn:aws:iam::\\d{12}:role/.+$'}",
      'DBInstanceArn: {type: string}',
      "PolicyName: {type: string, minLength: 1, maxLength: 128, pattern: '^[\\w+=,.@-]+$'}",
    ];
    const schema = `{type: object, required: [TopicArn, ExecutionRoleArn, DBInstanceArn, PolicyName], properties: {${members.join(', ')}}}`;
    const b = await body('rds.us-east-1.amazonaws.com', schema);
    expect(b.TopicArn).toMatch(/^arn:aws:sns:us-east-1:\d{12}:topic\/[a-z]+(-[a-z]+)*$/);
    expect(b.ExecutionRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\/[a-z]+(-[a-z]+)*$/);
    expect(b.DBInstanceArn).toMatch(/^arn:aws:rds:us-east-1:\d{12}:dbinstance\/[a-z]+(-[a-z]+)*$/);
    // Words joined by hyphens, not the pattern's random characters.
    expect(b.PolicyName).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('outside AWS too, by what the name points to; never for names that only end in "arn"', async () => {
    const b = await body(
      'api.example.com',
      `{type: object, required: [role_arn, yarn], properties: {role_arn: {type: string}, yarn: {type: string, maxLength: 5}}}`,
    );
    expect(b.role_arn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(b.yarn).not.toMatch(/^arn:/);
  });
});
