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
