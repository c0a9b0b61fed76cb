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
    '/fifth': { post: body({ $ref: '#/components/schemas/Estimate' }) },
    // The same branches in an open object: only carrier_ids: [] (or a carrier_id that is not a
    // string) would keep a value to one branch, and no client sends that.
    '/sixth': {
      post: body({
        type: 'object',
        oneOf: [{ $ref: '#/components/schemas/ById' }, { $ref: '#/components/schemas/ByIds' }],
      }),
    },
  },
  components: {
    schemas: {
      Shared: { type: 'object', properties: { v: { $ref: '#/components/schemas/Deep' } } },
      Deep: overlapping,
      ById: { type: 'object', properties: { carrier_id: { type: 'string' } } },
      ByIds: {
        type: 'object',
        properties: { carrier_ids: { type: 'array', minItems: 1, items: { type: 'string' } } },
      },
      // ShipEngine's rate estimate: the branches differ only by members neither requires, so any
      // request matches both; only a value one branch rejects (carrier_ids: []) would match one.
      Estimate: {
        type: 'object',
        additionalProperties: false,
        required: ['weight'],
        allOf: [{ properties: { weight: { type: 'number' } } }],
        oneOf: [
          { type: 'object', properties: { carrier_id: { type: 'string' } } },
          {
            type: 'object',
            properties: { carrier_ids: { type: 'array', minItems: 1, items: { type: 'string' } } },
          },
        ],
      },
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
      '/paths/~1fifth/post/requestBody/content/application~1json',
      '/paths/~1sixth/post/requestBody/content/application~1json',
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
      ['/fifth', { weight: 1, carrier_ids: ['se-1'] }],
      ['/fifth', { weight: 1, carrier_id: 'se-1' }],
      ['/sixth', { carrier_ids: ['se-1'] }],
    ] as const) {
      const outcome = post(path, json);
      expect(outcome.ok && outcome.response.status, path).toBe(204);
    }
    // 1 is an integer and a number: exactly one branch must match, so a real oneOf refuses it.
    const refused = post('/fourth', { n: 1 });
    expect(refused.ok ? refused.response.status : refused.problem.type).toBe('invalid-request');
  });
});
