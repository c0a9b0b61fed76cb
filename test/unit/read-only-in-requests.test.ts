import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * Asana's description marks `workspace` readOnly (an object) while its SDK sends it as a gid string
 * on create: a readOnly member in a request is ignored by the server, not judged. Writable members
 * are still validated.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /projects:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                data:
                  type: object
                  properties:
                    name: {type: string}
                    workspace: {type: object, readOnly: true, properties: {gid: {type: string}}}
      responses:
        '201': {description: created}
`;

async function post(data: unknown) {
  const target = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
  const text = JSON.stringify({ data });
  return mock(target, {
    method: 'POST',
    path: '/projects',
    query: [],
    headers: { 'content-type': 'application/json' },
    body: { contentType: 'application/json', text },
  });
}

describe('readOnly members in a request', () => {
  it('accepts a readOnly member of another type (the server ignores it)', async () => {
    const outcome = await post({ name: 'Launch', workspace: '1331' });
    expect(outcome.ok && outcome.response.status).toBe(201);
  });

  it('still refuses a writable member of the wrong type', async () => {
    const outcome = await post({ name: 42, workspace: '1331' });
    expect(outcome.ok ? outcome.response.status : outcome.problem.type).toBe('invalid-request');
  });
});
