import { describe, expect, it } from 'vitest';
import { ingest } from '../../worker/ingest/ingest';
import { mock, prepareTarget } from '../../worker/mock/mock';

/** Every string matches both branches: no request value matches exactly one. */
const overlapping = { oneOf: [{ type: 'string' }, { type: 'string', maxLength: 1000 }] };

const body = (schema: unknown) => ({
  requestBody: { content: { 'application/json': { schema } } },
  responses: { '204': { description: 'done' } },
});

const text = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/first': { post: body({ $ref: '#/components/schemas/Shared' }) },
    '/second': { post: body({ $ref: '#/components/schemas/Shared' }) },
    '/third': { post: body({ type: 'object', properties: { w: overlapping } }) },
    '/fourth': {
      post: body({ type: 'object', properties: { n: { oneOf: [{ type: 'integer' }, { type: 'number' }] } } }),
    },
  },
  components: {
    schemas: {
      Shared: { type: 'object', properties: { v: { $ref: '#/components/schemas/Deep' } } },
      Deep: overlapping,
    },
  },
});

describe('request oneOfs whose branches overlap', () => {
  it('are each reported once, at the first operation that reaches them', async () => {
    const { warnings } = await ingest(text);
    const overlaps = warnings.filter((w) => w.message.includes('overlapping branches'));
    expect(overlaps.map((w) => w.pointer)).toEqual([
      '/paths/~1first/post/requestBody/content/application~1json',
      '/paths/~1third/post/requestBody/content/application~1json',
    ]);
  });

  it('are read as anyOf by request validation, wherever they are reached from; others stay oneOf', async () => {
    const target = prepareTarget((await ingest(text)).plan, 0);
    const post = (path: string, json: unknown) =>
      mock(target, {
        method: 'POST',
        path,
        query: [],
        headers: { 'content-type': 'application/json' },
        body: { contentType: 'application/json', text: JSON.stringify(json) },
      });
    for (const [path, json] of [
      ['/first', { v: 'x' }],
      ['/second', { v: 'x' }],
      ['/third', { w: 'x' }],
      ['/fourth', { n: 1.5 }],
    ] as const) {
      const outcome = post(path, json);
      expect(outcome.ok && outcome.response.status, path).toBe(204);
    }
    // 1 is an integer and a number: exactly one branch must match, so a real oneOf refuses it.
    const refused = post('/fourth', { n: 1 });
    expect(refused.ok ? refused.response.status : refused.problem.type).toBe('invalid-request');
  });
});
