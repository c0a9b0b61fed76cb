import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * ShipEngine's warehouse is `additionalProperties: false` beside an `allOf` that requires its
 * members: no object satisfies it as written, so its bodies are lenient (the keyword relaxed). A
 * sandbox judged what it stored by the strict reading: a created warehouse was never stored (GET
 * 404, absent from the list), and a list of stored ones could answer 500 unrepresentable-state.
 * Stored items are now judged and generated the way the media's own bodies are.
 */
const ref = (name: string) => `content: {application/json: {schema: {$ref: '#/components/schemas/${name}'}}}`;
const SPEC = oas3(
  `  /warehouses:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: object, properties: {warehouses: {type: array, items: {$ref: '#/components/schemas/Warehouse'}}}}}}
    post:
      requestBody: {${ref('Warehouse')}}
      responses: {'200': {description: ok, ${ref('Warehouse')}}}
  /warehouses/{warehouse_id}:
    parameters: [{name: warehouse_id, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, ${ref('Warehouse')}}, '404': {description: none}}
    put:
      requestBody: {${ref('Warehouse')}}
      responses: {'200': {description: ok, ${ref('Warehouse')}}, '404': {description: none}}`,
  `    Warehouse:
      type: object
      additionalProperties: false
      allOf:
        - type: object
          required: [warehouse_id, name]
          properties:
            warehouse_id: {type: string, readOnly: true}
            name: {type: string}`,
);

type Warehouse = { warehouse_id: string; name: string };

describe('items of a lenient schema in a sandbox', () => {
  it('are stored when created, read back, listed and replaced', async () => {
    const { send } = await layerHarness(SPEC);
    const created = send('POST', '/warehouses', { name: 'Main' });
    expect(created.status).toBe(200);
    expect(created.headers['x-specmock-lenient']).toBe('additional-properties-vs-allof');
    const { warehouse_id: id, name } = created.body as Warehouse;
    expect(name).toBe('Main');

    const read = send('GET', `/warehouses/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ warehouse_id: id, name: 'Main' });

    const list = send('GET', '/warehouses');
    expect(list.status).toBe(200);
    const listed = (list.body as { warehouses: Warehouse[] }).warehouses;
    expect(listed.map((w) => w.warehouse_id)).toContain(id);

    expect(send('PUT', `/warehouses/${id}`, { name: 'Annex' }).status).toBe(200);
    expect(send('GET', `/warehouses/${id}`).body).toMatchObject({ warehouse_id: id, name: 'Annex' });
  });
});

/** A `oneOf` whose branches overlap is read as `anyOf`, the generator's relaxed reading of it. */
const OVERLAP = oas3(
  `  /notes:
    post:
      requestBody: {${ref('Note')}}
      responses: {'201': {description: ok, ${ref('Note')}}}
  /notes/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, ${ref('Note')}}, '404': {description: none}}`,
  `    Note:
      oneOf: [{$ref: '#/components/schemas/Base'}, {$ref: '#/components/schemas/Base'}]
    Base:
      type: object
      required: [id, text]
      properties:
        id: {type: string, readOnly: true}
        text: {type: string}`,
);

describe('items of an overlapping oneOf in a sandbox', () => {
  it('are stored and read back', async () => {
    const { send } = await layerHarness(OVERLAP);
    const created = send('POST', '/notes', { text: 'hello' });
    expect(created.status).toBe(201);
    expect(created.headers['x-specmock-lenient']).toBe('oneof-overlap');
    const { id } = created.body as { id: string };
    const read = send('GET', `/notes/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, text: 'hello' });
  });
});
