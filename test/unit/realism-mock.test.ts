import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import type { JsonValue, Plan } from '../../worker/mock/plan';
import { ingest } from '../../worker/ingest/ingest';
import { ajvValidate, makeAjv } from '../support/ajv-helper';

/**
 * Identity, list sizes and error codes need the request: these go through mock() on small specs,
 * with `Prefer: dynamic=true` so the generator speaks for itself, and every body is checked by Ajv
 * against the plan's schema of the response it answers.
 */

const ajv = makeAjv();

async function planOf(yaml: string): Promise<Plan> {
  return (await ingest(yaml)).plan;
}

function call(plan: Plan, method: string, url: string, prefer = 'dynamic=true'): Record<string, JsonValue> {
  const [path, q = ''] = url.split('?');
  const request: MockRequest = {
    method,
    path,
    query: [...new URLSearchParams(q)],
    headers: { prefer, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: { contentType: 'application/json', text: '{}' } } : {}),
  };
  const r = mock(prepareTarget(plan, Date.UTC(2026, 0, 1)), request);
  if (!r.ok) throw new Error(r.problem.detail);
  const body = JSON.parse(r.response.body ?? 'null') as Record<string, JsonValue>;
  const op = r.operation;
  const res = op.responses.find((x) => x.status === String(r.response.status)) ?? op.responses[0];
  const schema = res.content['application/json'].schema!;
  expect(ajvValidate(ajv, schema, plan.defs, body), JSON.stringify(body)).toBeNull();
  return body;
}

const spec = `openapi: 3.0.3
info: {title: realism, version: '1'}
paths:
  /v1/customers/{customer}:
    get:
      parameters: [{name: customer, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}}
  /v1/customers:
    get:
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [data]
                properties: {data: {type: array, items: {$ref: '#/components/schemas/Customer'}}}
  /repos/{owner}/{repo}/pulls/{pull_number}:
    get:
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: repo, in: path, required: true, schema: {type: string}}
        - {name: pull_number, in: path, required: true, schema: {type: integer}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pull'}}}}}
  /repos/{owner}/{repo}:
    get:
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: repo, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id, name, full_name]
                properties:
                  id: {type: integer}
                  name: {type: string, example: Hello-World}
                  full_name: {type: string, example: octocat/Hello-World}
  /users/{userId}/labels:
    post:
      parameters: [{name: userId, in: path, required: true, schema: {type: string}}]
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {type: object, required: [id, name], properties: {id: {type: string}, name: {type: string}}}
  /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json:
    get:
      parameters:
        - {name: AccountSid, in: path, required: true, schema: {type: string}}
        - {name: Sid, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [sid, account_sid, uri]
                properties: {sid: {type: string}, account_sid: {type: string}, uri: {type: string}}
  /pets:
    get:
      parameters: [{name: per_page, in: query, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, minItems: 3, items: {type: object, properties: {id: {type: integer}}}}}}
        '500':
          description: boom
          content:
            application/json:
              schema: {type: object, required: [code, message], properties: {code: {type: integer}, message: {type: string}}}
components:
  schemas:
    Customer:
      type: object
      required: [id, object, email]
      properties:
        id: {type: string, maxLength: 5000, example: cus_NffrFeUfNV2Hib}
        object: {type: string, enum: [customer]}
        email: {type: string, nullable: true}
    Pull:
      type: object
      required: [number, url, comments_url, html_url, state]
      properties:
        number: {type: integer, example: 42}
        url: {type: string, format: uri, example: 'https://api.github.com/repos/octocat/Hello-World/pulls/1347'}
        comments_url: {type: string, format: uri, example: 'https://api.github.com/repos/octocat/Hello-World/pulls/1347/comments'}
        html_url: {type: string, format: uri, example: 'https://github.com/octocat/Hello-World/pull/1347'}
        state: {type: string, example: open}
`;

describe('identity', () => {
  it('a Stripe customer read echoes its id; the list uses the same id style', async () => {
    const plan = await planOf(spec);
    expect(call(plan, 'GET', '/v1/customers/cus_Q1w2E3r4T5y6U7').id).toBe('cus_Q1w2E3r4T5y6U7');
    const list = call(plan, 'GET', '/v1/customers').data as Record<string, JsonValue>[];
    for (const c of list) expect(c.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
  });

  it('pulls/7 answers number 7 with its own url, and urls under it follow', async () => {
    const body = call(await planOf(spec), 'GET', '/repos/o/r/pulls/7');
    expect(body.number).toBe(7);
    expect(body.url).toBe('https://api.github.com/repos/o/r/pulls/7');
    expect(body.comments_url).toBe('https://api.github.com/repos/o/r/pulls/7/comments');
    expect(['open', 'closed']).toContain(body.state);
  });

  it('a repository read echoes its name and owner/name', async () => {
    const body = call(await planOf(spec), 'GET', '/repos/octocat/hello-world');
    expect(body.name).toBe('hello-world');
    expect(body.full_name).toBe('octocat/hello-world');
  });

  it("a child created under /users/me never takes the parent's value as its id", async () => {
    const plan = await planOf(spec);
    for (const seed of ['a', 'b', 'c']) {
      const body = call(plan, 'POST', '/users/me/labels', `dynamic=true, seed=${seed}`);
      expect(body.id).not.toBe('me');
    }
  });

  it('Twilio: account_sid echoes {AccountSid}, sid echoes {Sid}, uri is the resource path', async () => {
    const path = '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/SMabc.json';
    const body = call(await planOf(spec), 'GET', path);
    expect(body.account_sid).toBe('AC0123456789abcdef0123456789abcdef');
    expect(body.sid).toBe('SMabc');
    expect(body.uri).toBe(path);
  });
});

describe('list sizes and error codes', () => {
  it('a list is never longer than the page asked for', async () => {
    const plan = await planOf(spec);
    for (const seed of ['a', 'b', 'c', 'd', 'e'])
      expect(
        (call(plan, 'GET', '/v1/customers?limit=1', `dynamic=true, seed=${seed}`).data as []).length,
      ).toBe(1);
  });

  it("the schema's minItems wins over a smaller page size", async () => {
    const plan = await planOf(spec);
    expect((call(plan, 'GET', '/pets?per_page=2') as unknown as []).length).toBe(3);
  });

  // box.com.json: every error's message example is "Method Not Allowed", a 404's too.
  it("an error body's message that is another status's reason phrase names this one's", async () => {
    const box = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /folders/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '404': {description: missing, content: {application/json: {schema: {$ref: '#/components/schemas/ClientError'}}}}
components:
  schemas:
    ClientError:
      type: object
      properties:
        code: {type: string, example: not_found}
        message: {type: string, example: Method Not Allowed}
`;
    for (const prefer of ['code=404', 'code=404, dynamic=true'])
      expect(call(await planOf(box), 'GET', '/folders/7', prefer).message).toBe('Not Found');
  });

  it("an error body's integer code mirrors the HTTP status", async () => {
    const body = call(await planOf(spec), 'GET', '/pets', 'dynamic=true, code=500');
    expect(body.code).toBe(500);
  });
});
