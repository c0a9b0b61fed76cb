import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Docker lists containers at `/containers/json`, creates at `/containers/create` and inspects one
 * at `/containers/{id}/json`, beside `DELETE /containers/{id}`: no GET at the collection or item
 * path. Unrecognised, containers were no resource: dockerode's created container was never stored
 * (inspect answered the example's), and inspecting an unknown one answered 200.
 */
const ref = (name: string) => `{$ref: '#/components/schemas/${name}'}`;
const SPEC = oas3(
  `  /containers/json:
    get:
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: ${ref('Summary')}}}}}}
  /containers/create:
    post:
      parameters: [{name: name, in: query, schema: {type: string}}]
      requestBody: {content: {application/json: {schema: {type: object, properties: {Image: {type: string}}}}}}
      responses:
        '201':
          description: created
          content: {application/json: {schema: {type: object, required: [Id, Warnings], properties: {Id: {type: string}, Warnings: {type: array, items: {type: string}}}}}}
  /containers/{id}/json:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, content: {application/json: {schema: ${ref('Inspect')}}}}, '404': {description: none}}
  /containers/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    delete:
      responses: {'204': {description: gone}, '404': {description: none}}`,
  `    Summary: {type: object, required: [Id], properties: {Id: {type: string}, Image: {type: string}}}
    Inspect: {type: object, required: [Id], properties: {Id: {type: string}, Image: {type: string}}}`,
);

describe('a collection listed and read at …/json views', () => {
  it('stores what …/create made: inspected, listed, deleted, then 404', async () => {
    const { send } = await layerHarness(SPEC);
    const created = send('POST', '/containers/create', { Image: 'nginx:latest' });
    expect(created.status).toBe(201);
    const { Id: id } = created.body as { Id: string };
    expect(send('GET', `/containers/${id}/json`).body).toMatchObject({ Id: id, Image: 'nginx:latest' });
    const listed = send('GET', '/containers/json').body as { Id: string }[];
    expect(listed.map((c) => c.Id)).toContain(id);
    expect(send('DELETE', `/containers/${id}`).status).toBe(204);
    expect(send('GET', `/containers/${id}/json`).status).toBe('item-not-found');
    expect(send('GET', '/containers/nosuchcontainer/json').status).toBe('item-not-found');
  });
});
