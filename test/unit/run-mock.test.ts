import { describe, expect, it } from 'vitest';
import { prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { runMock } from '../../worker/mock-call/run-mock';

const SPEC = `openapi: 3.0.3
info: {title: s, version: '1'}
paths:
  /items/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [id], properties: {id: {type: integer}}}}}}
        '503': {description: down, content: {application/json: {example: {down: true}}}}
  /plain:
    get:
      responses:
        '200': {description: ok, content: {application/json: {examples: {a: {value: {n: 1}}, b: {value: {n: 2}}}}}}
`;

async function target() {
  const { plan } = await ingest(SPEC);
  return prepareTarget(plan, Date.UTC(2026, 0, 1));
}

const get = (path: string, headers: Record<string, string> = {}): MockRequest => ({
  method: 'GET',
  path,
  query: [],
  headers,
});

describe('runMock', () => {
  it('serves the spec’s response for an injected status it defines', async () => {
    const t = await target();
    const { outcome, label } = runMock(t, get('/items/1'), { errors: { rate: 1, status: 503 } });
    expect(outcome.ok && outcome.response.status).toBe(503);
    expect(outcome.ok && JSON.parse(outcome.response.body!)).toEqual({ down: true });
    expect(label).toBe('error=503');
  });

  it('answers an injected-error problem when the spec has no response for the status', async () => {
    const t = await target();
    const { outcome } = runMock(t, get('/plain'), { errors: { rate: 1, status: 429 } });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem).toMatchObject({ type: 'injected-error', status: 429 });
  });

  it('keeps the mock’s own refusal and lets the request’s Prefer win', async () => {
    const t = await target();
    const refused = runMock(t, get('/items/not-a-number'), { errors: { rate: 1, status: 503 } });
    expect(!refused.outcome.ok && refused.outcome.problem.type).toBe('invalid-request');
    expect(refused.operationId).toBe('GET /items/{id}');
    const own = runMock(t, get('/items/1', { prefer: 'code=200' }), { errors: { rate: 1, status: 503 } });
    expect(own.outcome.ok && own.outcome.response.status).toBe(200);
    expect(own.label).toBeNull();
  });

  it('forces an operation’s named example', async () => {
    const t = await target();
    const { outcome, label } = runMock(t, get('/plain'), {
      operations: { 'GET /plain': { example: 'b' } },
    });
    expect(outcome.ok && JSON.parse(outcome.response.body!)).toEqual({ n: 2 });
    expect(label).toBe('example="b"');
  });

  it('changes nothing without settings', async () => {
    const t = await target();
    const { outcome, label, decision } = runMock(t, get('/plain'), {});
    expect(outcome.ok && JSON.parse(outcome.response.body!)).toEqual({ n: 1 });
    expect(label).toBeNull();
    expect(decision.latencyMs).toBe(0);
  });

  // dockerode and gitea-js call through the server's base path (`/v1.33/...`, `/api/v1/...`): the
  // call was answered, but without its operation, so no log note, no kept answer and no
  // per-operation settings.
  it('names, keeps and steers a call made through the server base path like one without it', async () => {
    const { plan } = await ingest(SPEC.replace('paths:', 'servers: [{url: /api/v1}]\npaths:'));
    const t = prepareTarget(plan, Date.UTC(2026, 0, 1));
    const first = runMock(t, get('/api/v1/items/1'), {});
    expect(first.operationId).toBe('GET /items/{id}');
    expect(first.outcome.ok && first.outcome.response.status).toBe(200);
    const again = runMock(t, get('/api/v1/items/1'), {});
    expect(again.repeated).toBe(true);
    expect(again.outcome.ok && again.outcome.response.body).toBe(
      first.outcome.ok && first.outcome.response.body,
    );
    const forced = runMock(t, get('/api/v1/plain'), { operations: { 'GET /plain': { example: 'b' } } });
    expect(forced.outcome.ok && JSON.parse(forced.outcome.response.body!)).toEqual({ n: 2 });
    expect(forced.operationId).toBe('GET /plain');
  });
});
