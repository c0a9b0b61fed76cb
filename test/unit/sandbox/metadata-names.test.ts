import { describe, expect, it } from 'vitest';
import { inferResources } from '../../../worker/sandbox/infer-resources';
import { ingest } from '../../../worker/ingest/ingest';
import { layerHarness } from '../../support/layer-harness';

/**
 * kubernetes.io.json: an object is named by `metadata.name` (`/namespaces/{namespace}/pods/{name}`),
 * and a Pod has no member of its own that the parameter names, so pods stayed stateless.
 */
const spec = `openapi: 3.0.0
info: {title: pods, version: '1'}
paths:
  /namespaces/{namespace}/pods:
    parameters: [{name: namespace, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/PodList'}}}}
    post:
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}
      responses:
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}}
  /namespaces/{namespace}/pods/{name}:
    parameters:
      - {name: namespace, in: path, required: true, schema: {type: string}}
      - {name: name, in: path, required: true, schema: {type: string}}
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}}
    delete:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}}
components:
  schemas:
    ObjectMeta:
      type: object
      properties:
        name: {type: string}
        uid: {type: string, readOnly: true}
        labels: {type: object, additionalProperties: {type: string}}
    Pod:
      type: object
      properties:
        kind: {type: string}
        metadata: {$ref: '#/components/schemas/ObjectMeta'}
        spec: {type: object, properties: {image: {type: string}}}
    PodList:
      type: object
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Pod'}}
`;

describe('an identifier one level down, in metadata', () => {
  it('is inferred as the member of metadata the path parameter names', async () => {
    const plan = inferResources((await ingest(spec)).plan);
    expect(plan.resources[0]).toMatchObject({ idField: 'name', idIn: 'metadata' });
  });

  it('keeps a created object under its name: read, listed, deleted', async () => {
    const { send } = await layerHarness(spec, { seed: 'pods' });
    const pod = { kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { image: 'nginx' } };
    const created = send('POST', '/namespaces/default/pods', pod);
    expect(created.status).toBe(201);
    expect((created.body as { metadata: object }).metadata).toMatchObject({
      name: 'web',
      labels: { app: 'web' },
    });
    expect(send('GET', '/namespaces/default/pods/web').body).toMatchObject(pod);
    const listed = (
      send('GET', '/namespaces/default/pods').body as { items: { metadata: { name: string } }[] }
    ).items;
    expect(listed.map((p) => p.metadata.name)).toContain('web');
    expect(send('DELETE', '/namespaces/default/pods/web').status).toBe(200);
    expect(send('GET', '/namespaces/default/pods/web').status).toBe('item-not-found');
  });
});
