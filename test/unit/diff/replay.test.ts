import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../worker/diff/report';
import type { Plan } from '../../../worker/mock/plan';
import type { LoggedCall } from '../../../worker/request-log/record';
import { ingest } from '../../../worker/ingest/ingest';

/**
 * Replay on hand-made log records: what the log's redaction and truncation leave must never be read
 * as a refusal, and a redacted credential is present.
 */

async function plan(security: object[], schemes: object, body: object): Promise<Plan> {
  const doc = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    components: { securitySchemes: schemes },
    security,
    paths: {
      '/things': {
        post: {
          requestBody: { required: true, content: { 'application/json': { schema: body } } },
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
                },
              },
            },
          },
        },
      },
    },
  };
  return (await ingest(JSON.stringify(doc))).plan;
}

function logged(headers: Record<string, string>, body: string, more: Partial<LoggedCall> = {}): LoggedCall {
  return {
    at: '2026-11-20T10:00:00.000Z',
    version: '1',
    method: 'POST',
    path: '/things',
    query: '',
    status: 200,
    durationMs: 1,
    operation: 'POST /things',
    problems: [],
    request: { headers: { 'content-type': 'application/json', ...headers }, body },
    response: { headers: { 'content-type': 'application/json' }, body: '{"id":1}' },
    ...more,
  };
}

const bearer = { bearer: { type: 'http', scheme: 'bearer' } };
const basic = { basic: { type: 'http', scheme: 'basic' } };
const header = { key: { type: 'apiKey', in: 'header', name: 'X-Key' } };
const thing = { type: 'object', properties: { name: { type: 'string', maxLength: 3 } } };
const names = { api: 't', from: '1', to: '2' };

describe('replay', () => {
  it('counts a redacted Authorization header as present, whatever scheme now reads it', async () => {
    const from = await plan([{ bearer: [] }], bearer, thing);
    const to = await plan([{ basic: [] }], basic, thing);
    const report = compareVersions(names, from, to, [
      logged({ authorization: '[redacted]' }, '{"name":"ab"}'),
    ]);
    expect(report.traffic).toMatchObject({ replayed: 1, wouldFail: 0 });
  });

  it('refuses a call without the credential a new requirement needs, and blames the security change', async () => {
    const from = await plan([], {}, thing);
    const to = await plan([{ key: [] }], header, thing);
    const report = compareVersions(names, from, to, [
      logged({}, '{"name":"ab"}'),
      logged({ 'x-key': '[redacted]' }, '{"name":"ab"}'),
    ]);
    expect(report.traffic).toMatchObject({ replayed: 2, wouldFail: 1, unattributed: 0 });
    const security = report.changes.find((c) => c.rule === 'api-security-added');
    expect(security?.affectedCalls).toBe(1);
  });

  it('never refuses for what a truncated body may hold', async () => {
    const from = await plan([], {}, { type: 'object', properties: { name: { type: 'string' } } });
    const to = await plan([], {}, thing);
    const cut = logged({}, '{"name":"a very long na', {
      request: {
        headers: { 'content-type': 'application/json' },
        body: '{"name":"a very long na',
        truncated: true,
      },
    });
    const whole = logged({}, '{"name":"a very long name"}');
    const report = compareVersions(names, from, to, [cut, whole]);
    expect(report.traffic.wouldFail).toBe(1);
    expect(
      report.changes.find((c) => c.rule === 'request-property-max-length-decreased')?.affectedCalls,
    ).toBe(1);
  });

  it('blames a new optional property for refusing what callers already sent under its name', async () => {
    const from = await plan([], {}, { type: 'object' });
    const to = await plan([], {}, thing);
    const report = compareVersions(names, from, to, [logged({}, '{"name":"too long"}')]);
    expect(report.traffic).toMatchObject({ wouldFail: 1, unattributed: 0 });
    expect(report.changes.map((c) => [c.rule, c.affectedCalls])).toEqual([
      ['request-property-added-optional', 1],
    ]);
  });

  it('does not count calls the old version refused, nor bodies it never answered', async () => {
    const from = await plan([], {}, thing);
    const to = await plan([], {}, { ...thing, required: ['name'] });
    const report = compareVersions(names, from, to, [logged({}, '{}', { status: 422 })]);
    expect(report.traffic).toMatchObject({ replayed: 1, wouldFail: 0, since: '2026-11-20T10:00:00.000Z' });
  });
});
