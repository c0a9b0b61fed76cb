import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Stripe's SDK creates a customer, then lists `limit=3` and expects it on the first page: created
 * items come newest first, before the seeded start, which keeps its own order.
 */
const item = `{content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}`;
const SPEC = oas3(
  `  /notes:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Note'}}}}}
    post:
      requestBody: {content: {application/json: {schema: {type: object, properties: {text: {type: string}}}}}}
      responses:
        '201': {description: ok, ${item.slice(1, -1)}}
  /notes/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, ${item.slice(1, -1)}}`,
  `    Note: {type: object, required: [id], properties: {id: {type: string}, text: {type: string}}}`,
);

describe('a sandbox list', () => {
  it('shows created items newest first, then the seeded start in its order', async () => {
    const { send } = await layerHarness(SPEC);
    const seeded = send('GET', '/notes').body as { id: string }[];
    const a = send('POST', '/notes', { text: 'first' }).body as { id: string };
    const b = send('POST', '/notes', { text: 'second' }).body as { id: string };
    const listed = (send('GET', '/notes').body as { id: string }[]).map((n) => n.id);
    expect(listed).toEqual([b.id, a.id, ...seeded.map((n) => n.id)]);
  });
});
