import { describe, expect, it } from 'vitest';
import { ingest } from '../../worker/ingest/ingest';
import { mock, prepareTarget } from '../../worker/mock/mock';

/**
 * Slack's shape, smallest: the success fixes `ok` to true, `default` fixes it to false. Its SDK
 * raises its own error only for `ok: false` in a 200; any other status is a transport failure.
 */
function rpcSpec({ fixedOk = true } = {}): string {
  const ok = (value: boolean) => (fixedOk ? { type: 'boolean', enum: [value] } : { type: 'boolean' });
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'rpc', version: '1' },
    paths: {
      '/chat.postMessage': {
        post: {
          requestBody: {
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['channel'],
                  properties: { channel: { type: 'string' }, text: { type: 'string' } },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['ok', 'ts'],
                    properties: { ok: { $ref: '#/components/schemas/ok_true' }, ts: { type: 'string' } },
                  },
                },
              },
            },
            default: {
              description: 'error',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['ok', 'error'],
                    properties: {
                      ok: ok(false),
                      error: { type: 'string', enum: ['channel_not_found', 'no_text'] },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    components: { schemas: { ok_true: ok(true) } },
  });
}

/** `chat.postMessage` without its required channel, as the SDK posts it. */
async function refused(spec: string) {
  const target = prepareTarget((await ingest(spec)).plan, Date.UTC(2026, 0, 1));
  const contentType = 'application/x-www-form-urlencoded';
  return mock(target, {
    method: 'POST',
    path: '/chat.postMessage',
    query: [],
    headers: { 'content-type': contentType },
    body: { contentType, text: 'text=nowhere' },
  });
}

describe('an API that reports its errors inside a 200', () => {
  it('answers a refused call with 200 and the default body, the diagnosis in its headers', async () => {
    const out = await refused(rpcSpec());
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problem.type).toBe('invalid-request');
    expect(out.response?.status).toBe(200);
    const body = JSON.parse(out.response!.body!) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    expect(['channel_not_found', 'no_text']).toContain(body.error);
    expect(out.response!.headers['x-specmock-problem']).toBe('invalid-request');
  });

  it('keeps the refusal status when `ok` is not fixed to true and false', async () => {
    const out = await refused(rpcSpec({ fixedOk: false }));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.response?.status).toBe(422);
  });
});
