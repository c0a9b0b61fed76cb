import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * A sandbox list paged by an item id (Stripe's `starting_after`), as the SDK's auto-pagination
 * does: each page starts after the last item of the one before, and the list ends.
 */
const SPEC = oas3(
  `  /customers:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: starting_after, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [object, data, has_more]
                properties:
                  object: {type: string, enum: [list]}
                  data: {type: array, items: {$ref: '#/components/schemas/Customer'}}
                  has_more: {type: boolean}
    post:
      requestBody: {content: {application/json: {schema: {type: object, properties: {email: {type: string}}}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
  /customers/{customer}:
    parameters: [{name: customer, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}`,
  `    Customer: {type: object, required: [id], properties: {id: {type: string}, email: {type: string}}}`,
);

describe('a sandbox list paged by item id', () => {
  it('starts each page after the named item and ends with has_more false', async () => {
    const { send } = await layerHarness(SPEC);
    for (let i = 0; i < 5; i++) send('POST', '/customers', { email: `c${i}@example.com` });
    const total = (send('GET', '/customers').body as { data: unknown[] }).data.length;
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const query: [string, string][] = [
        ['limit', '2'],
        ...(after ? [['starting_after', after] as [string, string]] : []),
      ];
      const body = send('GET', '/customers', undefined, { query }).body as {
        data: { id: string }[];
        has_more: boolean;
      };
      for (const { id } of body.data) {
        expect(seen).not.toContain(id);
        seen.push(id);
      }
      if (!body.has_more) break;
      after = body.data[body.data.length - 1].id;
    }
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThanOrEqual(5);
  });
});
