import { describe, expect, it } from 'vitest';
import { answerCacheStats } from '../../worker/mock-call/answer-cache';
import { runMock } from '../../worker/mock-call/run-mock';
import { prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * Issue 22: stateless answers are cached per isolate by everything the engine reads, and by nothing
 * else. Each covered input, changed alone, misses; a header the engine does not read hits.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
    bearer: {type: http, scheme: bearer}
paths:
  /pets/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: fields, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: object, properties: {id: {type: integer}, name: {type: string}}}}
            application/xml: {schema: {type: object, properties: {id: {type: integer}}}}
    post:
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {'201': {description: ok, content: {application/json: {schema: {type: object}}}}}
  /private:
    get:
      security: [{key: []}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}}
  /bearer:
    get:
      security: [{bearer: []}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}}
  /session:
    get:
      parameters: [{name: sid, in: cookie, schema: {type: string, enum: [a, b]}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}}
`;

async function target() {
  return prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
}

const base: MockRequest = {
  method: 'GET',
  path: '/pets/1',
  baseUrl: 'https://h.test/mock/pets/1',
  query: [],
  headers: { accept: 'application/json', 'user-agent': 'a' },
};

function counting(t: Awaited<ReturnType<typeof target>>) {
  return (request: MockRequest) => {
    const before = answerCacheStats();
    const { outcome } = runMock(t, request, {});
    const after = answerCacheStats();
    return { outcome, hit: after.hits > before.hits, missed: after.misses > before.misses };
  };
}

describe('the answer cache', () => {
  it('answers a repeated call from the cache, with a copy its caller may change', async () => {
    const send = counting(await target());
    const first = send(base);
    expect(first.missed).toBe(true);
    if (!first.outcome.ok) throw new Error('refused');
    first.outcome.response.headers['x-added'] = 'by a caller';
    const second = send({ ...base, headers: { ...base.headers, 'user-agent': 'another' } });
    expect(second.hit).toBe(true);
    if (!second.outcome.ok) throw new Error('refused');
    expect(second.outcome.response.body).toBe(first.outcome.response.body);
    expect(second.outcome.response.headers).not.toHaveProperty('x-added');
  });

  it('misses when any input the engine reads differs', async () => {
    const t = await target();
    const send = counting(t);
    send(base);
    const variants: [string, MockRequest][] = [
      ['method', { ...base, method: 'HEAD' }],
      ['path', { ...base, path: '/pets/2' }],
      ['query', { ...base, query: [['fields', 'name']] }],
      ['base URL', { ...base, baseUrl: 'https://pets.mock.test' }],
      ['Accept', { ...base, headers: { ...base.headers, accept: 'application/xml' } }],
      ['Prefer', { ...base, headers: { ...base.headers, prefer: 'dynamic=true' } }],
      ['a header parameter', { ...base, headers: { ...base.headers, 'x-trace': '1' } }],
    ];
    for (const [what, request] of variants) expect(send(request).hit, what).toBe(false);
    // A decoded value may hold the characters that separate pairs: `?fields=b%26c%3Dd` is not `?fields=b&c=d`.
    send({ ...base, query: [['fields', 'b&c=d']] });
    expect(
      send({
        ...base,
        query: [
          ['fields', 'b'],
          ['c', 'd'],
        ],
      }).hit,
    ).toBe(false);
    // Another version of the same API is another target.
    expect(counting(await target())(base).hit).toBe(false);
  });

  it('answers a repeated call without routing it again, the same as routed', async () => {
    const t = await target();
    const send = counting(t);
    const first = send(base);
    const again = send(base);
    expect(again.hit).toBe(true);
    expect(again.outcome).toEqual(first.outcome);
    // The remembered route is per method and path: another method is routed (and refused) anew.
    const put = send({ ...base, method: 'PUT' });
    expect(put.hit).toBe(false);
    expect(put.outcome.ok).toBe(false);
  });

  it('keys a credential header by value, and keeps no refusal', async () => {
    const send = counting(await target());
    const call = (key?: string): MockRequest => ({
      ...base,
      path: '/private',
      headers: key ? { 'x-api-key': key } : {},
    });
    send(call('k1'));
    expect(send(call('k1')).hit).toBe(true);
    expect(send(call('k2')).hit).toBe(false);
    expect(send(call()).outcome.ok).toBe(false);
    expect(send(call()).hit).toBe(false);
  });

  it('keys Authorization and Cookie only where the operation reads them', async () => {
    const t = await target();
    const send = counting(t);
    // No security, no cookie parameter: the engine answers the same whatever these hold.
    send(base);
    const withCredentials = {
      ...base,
      headers: { ...base.headers, authorization: 'Bearer t', cookie: 'sid=x' },
    };
    const kept = send(withCredentials);
    expect(kept.hit).toBe(true);
    const fresh = runMock(await target(), withCredentials, {}).outcome;
    expect(kept.outcome.ok && fresh.ok && kept.outcome.response).toEqual(fresh.ok && fresh.response);
    // Bearer security reads Authorization: refused without it, and keyed by its value.
    const bearer = (authorization?: string): MockRequest => ({
      ...base,
      path: '/bearer',
      headers: authorization ? { authorization } : {},
    });
    send(bearer('Bearer a'));
    expect(send(bearer('Bearer a')).hit).toBe(true);
    expect(send(bearer('Bearer b')).hit).toBe(false);
    expect(send(bearer()).outcome.ok).toBe(false);
    // A cookie parameter reads Cookie: an invalid value is refused, not served from the cache.
    const session = (cookie: string): MockRequest => ({ ...base, path: '/session', headers: { cookie } });
    send(session('sid=a'));
    expect(send(session('sid=a')).hit).toBe(true);
    expect(send(session('sid=zz')).outcome.ok).toBe(false);
  });

  it('never serves a call with a body from it', async () => {
    const send = counting(await target());
    const post: MockRequest = {
      ...base,
      method: 'POST',
      path: '/pets/1',
      headers: { 'content-type': 'application/json' },
      body: { contentType: 'application/json', text: '{}' },
    };
    send(post);
    const again = send(post);
    expect(again.hit || again.missed).toBe(false);
  });
});
