import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * Issue 18: an SDK whose base URL is the mock's root (SendGrid's `https://api.sendgrid.com` + `/v3/…`)
 * sends the first server's base path before every operation path. The mock serves the spec's paths
 * as they are and also behind that prefix; a spec path that itself starts with it wins.
 */
const oas3 = (servers: string) => `openapi: 3.0.3
info: {title: mail, version: '1'}
servers: ${servers}
paths:
  /mail/send:
    post:
      responses: {'202': {description: queued}}
  /v3/own:
    get:
      responses: {'200': {description: own, content: {application/json: {schema: {type: object, required: [own], properties: {own: {type: boolean, enum: [true]}}}}}}}
  /own:
    get:
      responses: {'200': {description: other, content: {application/json: {schema: {type: object, required: [other], properties: {other: {type: boolean, enum: [true]}}}}}}}
`;

async function call(text: string, method: string, path: string) {
  const target = prepareTarget((await ingest(text)).plan, Date.UTC(2026, 0, 1));
  const outcome = mock(target, { method, path, query: [], headers: {} });
  return outcome.ok
    ? { status: outcome.response.status, body: outcome.response.body }
    : { status: outcome.problem.type };
}

describe("paths behind the first server's base path", () => {
  it('are served as the paths without it, and without it still work', async () => {
    const text = oas3("[{url: 'https://api.example.com/v3/'}]");
    expect(await call(text, 'POST', '/v3/mail/send')).toMatchObject({ status: 202 });
    expect(await call(text, 'POST', '/mail/send')).toMatchObject({ status: 202 });
    expect(await call(text, 'POST', '/v2/mail/send')).toMatchObject({ status: 'route-not-found' });
    expect(await call(text, 'POST', '/v3mail/send')).toMatchObject({ status: 'route-not-found' });
  });

  it('never hide a spec path that starts with the same segment', async () => {
    const text = oas3("[{url: 'https://api.example.com/v3'}]");
    expect(await call(text, 'GET', '/v3/own')).toEqual({ status: 200, body: '{"own":true}' });
  });

  it('take server variables at their defaults, relative server URLs, and Swagger 2.0 basePath', async () => {
    const variables = oas3(
      "[{url: 'https://{region}.example.com/{version}', variables: {region: {default: eu}, version: {default: v3}}}]",
    );
    expect(await call(variables, 'POST', '/v3/mail/send')).toMatchObject({ status: 202 });
    expect(await call(oas3("[{url: '/v3'}]"), 'POST', '/v3/mail/send')).toMatchObject({ status: 202 });
    const swagger = `swagger: '2.0'
info: {title: mail, version: '1'}
basePath: /api/v1
paths:
  /mail/send:
    post:
      responses: {'202': {description: queued}}
`;
    expect(await call(swagger, 'POST', '/api/v1/mail/send')).toMatchObject({ status: 202 });
    expect(await call(swagger, 'POST', '/api/mail/send')).toMatchObject({ status: 'route-not-found' });
  });
});

// microsoft.com/graph: the Graph client calls `/v1.0/users` and follows `@odata.nextLink`; the link
// the mock made dropped the `/v1.0` the client had sent, unlike Graph's own.
describe('links an answer makes through the base path', () => {
  it('keep the base path the client sent', async () => {
    const text = `openapi: 3.0.3
info: {title: g, version: '1'}
servers: [{url: 'https://graph.example.com/v1.0'}]
paths:
  /users:
    get:
      parameters: [{name: $skip, in: query, schema: {type: integer}}, {name: $top, in: query, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {value: {type: array, items: {type: object}}, '@odata.nextLink': {type: string}}}}}}
  /folders/{folderpath}:
    get:
      parameters: [{name: folderpath, in: path, required: true, schema: {type: string}}, {name: $skip, in: query, schema: {type: integer}}, {name: $top, in: query, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {value: {type: array, items: {type: object}}, '@odata.nextLink': {type: string}}}}}}
`;
    const target = prepareTarget((await ingest(text)).plan, Date.UTC(2026, 0, 1));
    const base = 'http://127.0.0.1:4010';
    for (const [path, link] of [
      ['/v1.0/users', `${base}/v1.0/users?$top=2&$skip=2`],
      ['/users', `${base}/users?$top=2&$skip=2`],
      // A folder path sent unencoded, through the base path too.
      ['/v1.0/folders/a/b', `${base}/v1.0/folders/a/b?$top=2&$skip=2`],
    ]) {
      const outcome = mock(target, {
        method: 'GET',
        path,
        baseUrl: base,
        query: [['$top', '2']],
        headers: {},
      });
      const body = outcome.ok ? (JSON.parse(outcome.response.body!) as Record<string, unknown>) : {};
      expect(decodeURIComponent(String(body['@odata.nextLink']))).toBe(link);
    }
  });
});
