import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Docker's Engine API creates at `{collection}/create` (`POST /volumes/create`), beside
 * `GET /volumes` and `GET|DELETE /volumes/{name}`. Unrecognised, volumes were a resource no call
 * creates: a created volume was never stored (GET answered a generated one, `Driver: "custom"`
 * where `local` was sent), and DELETE answered 404 where GET answered 200.
 */
const body = (name: string) =>
  `content: {application/json: {schema: {$ref: '#/components/schemas/${name}'}}}`;
const item = (path: string, name: string) => `  ${path}/{name}:
    parameters: [{name: name, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, ${body(name)}}, '404': {description: none}}
    delete:
      responses: {'204': {description: gone}, '404': {description: none}}`;
const SPEC = oas3(
  `  /volumes:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {Volumes: {type: array, items: {$ref: '#/components/schemas/Volume'}}}}}}}
  /volumes/create:
    post:
      requestBody: {${body('Volume')}}
      responses: {'201': {description: created, ${body('Volume')}}}
${item('/volumes', 'Volume')}
  /plugins:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Plugin'}}}}}
${item('/plugins', 'Plugin')}`,
  `    Volume: {type: object, required: [Name, Driver], properties: {Name: {type: string}, Driver: {type: string}}}
    Plugin: {type: object, required: [Name], properties: {Name: {type: string}}}`,
);

describe('a collection created at {collection}/create', () => {
  it('stores what POST …/create sent: read back, deleted, then 404', async () => {
    const { send } = await layerHarness(SPEC);
    expect(send('POST', '/volumes/create', { Name: 'vol1', Driver: 'local' }).status).toBe(201);
    expect(send('GET', '/volumes/vol1').body).toEqual({ Name: 'vol1', Driver: 'local' });
    expect(send('GET', '/volumes/nope').status).toBe('item-not-found');
    expect(send('DELETE', '/volumes/vol1').status).toBe(204);
    expect(send('GET', '/volumes/vol1').status).toBe('item-not-found');
  });

  it('answers a read and a delete of an item no call creates alike (statelessly)', async () => {
    const { send } = await layerHarness(SPEC);
    expect(send('GET', '/plugins/any').status).toBe(200);
    expect(send('DELETE', '/plugins/any').status).toBe(204);
  });
});

// azure.com with @azure/arm-resources: resource groups are created by `PUT /resourcegroups/{name}`
// (no POST); the collection was taken for one no call creates, so a deleted or never-created
// group read 200 with generated values.
describe('a collection whose items a PUT creates', () => {
  const spec = oas3(
    `  /resourcegroups:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {value: {type: array, items: {$ref: '#/components/schemas/Group'}}}}}}}
  /resourcegroups/{name}:
    parameters: [{name: name, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, ${body('Group')}}}
    put:
      requestBody: {${body('Group')}}
      responses: {'200': {description: ok, ${body('Group')}}, '201': {description: created, ${body('Group')}}}
    delete:
      responses: {'200': {description: gone}}`,
    `    Group: {type: object, required: [name, location], properties: {name: {type: string}, location: {type: string}}}`,
  );

  it('is created, read back, deleted, and unknown afterwards', async () => {
    const { send } = await layerHarness(spec);
    expect(send('PUT', '/resourcegroups/rg1', { name: 'rg1', location: 'westeurope' }).status).toBe(201);
    expect(send('GET', '/resourcegroups/rg1').body).toMatchObject({ location: 'westeurope' });
    expect(send('GET', '/resourcegroups/never').status).toBe('item-not-found');
    expect(send('DELETE', '/resourcegroups/rg1').status).toBe(200);
    expect(send('GET', '/resourcegroups/rg1').status).toBe('item-not-found');
  });
});
