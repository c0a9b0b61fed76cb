import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { hookRequest } from '../../../worker/hooks/payload';
import { prepareTarget } from '../../../worker/mock/mock';
import { ingest } from '../../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../../support/independent-schemas';

/**
 * Issue 21: a callback's request is made from its description: the example first, else generated,
 * with the call's values where members match, and declared required headers. Bodies are checked
 * by Ajv over the ORIGINAL document (the corpus check's converter), never specmock's reading of it.
 */
const SPEC = `openapi: 3.0.3
info: {title: orders, version: '1'}
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {total: {type: integer}, hook: {type: string}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
      callbacks:
        orderPaid:
          '{$request.body#/hook}':
            post:
              parameters:
                - {name: X-Event-Id, in: header, required: true, schema: {type: string, format: uuid}}
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Event'}
              responses: {'200': {description: ok}}
        orderShipped:
          '{$request.body#/hook}/shipped':
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Order'}
                    example: {id: ord_1, total: 5, note: null}
              responses: {'200': {description: ok}}
components:
  schemas:
    Order:
      type: object
      required: [id, total]
      properties:
        id: {type: string}
        total: {type: integer, minimum: 0}
        note: {nullable: true}
    Event:
      type: object
      required: [type, order]
      properties:
        type: {type: string, enum: [order.paid]}
        order: {$ref: '#/components/schemas/Order'}
`;

const { document } = responseSchemas(SPEC);
const ajv = new Ajv({ strict: false });
addFormats(ajv);
ajv.addSchema(document, DOC_ID);
const bodyAt = (callback: string, expression: string) =>
  ajv.compile({
    $ref: `${DOC_ID}#/paths/~1orders/post/callbacks/${callback}/${encodeURIComponent(expression).replace(/%2F/g, '~1')}/post/requestBody/content/application~1json/schema`,
  });

async function hooks() {
  const target = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
  const byName = (name: string) => target.plan.hooks!.find((h) => h.name === name)!;
  return { target, byName };
}

describe('a callback’s request', () => {
  it('is generated valid from the schema, with the declared required header', async () => {
    const { target, byName } = await hooks();
    const made = hookRequest(target, byName('createOrder.orderPaid'), { seed: 's1' });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.request.method).toBe('POST');
    expect(made.request.headers['content-type']).toBe('application/json');
    expect(made.request.headers['x-event-id']).toMatch(/^[0-9a-f-]{36}$/);
    const validate = bodyAt('orderPaid', '{$request.body#/hook}');
    const body = JSON.parse(made.request.body!) as unknown;
    expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
    const again = hookRequest(target, byName('createOrder.orderPaid'), { seed: 's1' });
    expect(again.ok && again.request.body).toBe(made.request.body);
  });

  it('serves the example first, with the call’s values where members match', async () => {
    const { target, byName } = await hooks();
    const made = hookRequest(target, byName('createOrder.orderShipped'), {
      seed: 's1',
      values: { id: 'ord_9', total: 42, hook: 'https://r.test' },
    });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const body = JSON.parse(made.request.body!) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'ord_9', total: 42 });
    expect(body).not.toHaveProperty('hook');
    const validate = bodyAt('orderShipped', '{$request.body#/hook}/shipped');
    expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
  });
});
