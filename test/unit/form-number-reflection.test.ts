import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * Slack's `chat.delete` declares its form field `ts` a number and answers it as a string
 * (`^\d{10}\.\d{6}$`). A `ts` with a leading or trailing zero (`0408472801.030393`,
 * `1503435956.000240`) lost it when read as a number, no longer fit the answer's pattern, and the
 * answer named another message (the example's `1401383885.000061`).
 */
const SPEC = `openapi: 3.0.0
info: {title: slack, version: '1'}
paths:
  /chat.delete:
    post:
      requestBody:
        content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {channel: {type: string}, ts: {type: number}}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, required: [ok, ts], properties: {ok: {type: boolean}, ts: {type: string, pattern: '^\\d{10}\\.\\d{6}$'}}}
              examples: {response: {value: {ok: true, ts: '1401383885.000061'}}}
`;

describe('a form value read as a number', () => {
  it('is answered as it was sent where the answer takes text', async () => {
    const t = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
    const cases = ['0408472801.030393', '1503435956.000240', '1503435956.123456'].flatMap((ts) => [
      { ts, prefer: undefined },
      // Generated, not the example: the generator reflects the same way.
      { ts, prefer: 'dynamic=true' },
    ]);
    for (const { ts, prefer } of cases) {
      const form = `channel=C1&ts=${ts}`;
      const out = mock(t, {
        method: 'POST',
        path: '/chat.delete',
        query: [],
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(prefer ? { prefer } : {}) },
        body: { contentType: 'application/x-www-form-urlencoded', text: form },
      });
      expect(out.ok && JSON.parse(out.response.body!).ts).toBe(ts);
    }
  });
});
