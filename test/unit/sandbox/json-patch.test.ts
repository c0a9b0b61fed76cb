import { describe, expect, it } from 'vitest';
import { layerHarness } from '../../support/layer-harness';

/**
 * kubernetes.io.json: every PATCH body is its `Patch` object (`type: object`), sent as JSON Patch
 * (RFC 6902) by the official client, or as a merge patch. A sandbox applies either to the stored
 * item, a JSON Patch all or none.
 */
const spec = `openapi: 3.0.0
info: {title: pods, version: '1'}
paths:
  /pods:
    post:
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}
      responses:
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}}
  /pods/{name}:
    parameters: [{name: name, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}}
    patch:
      requestBody:
        content:
          application/json-patch+json: {schema: {$ref: '#/components/schemas/Patch'}}
          application/merge-patch+json: {schema: {$ref: '#/components/schemas/Patch'}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}}
        '422': {description: invalid, content: {application/json: {schema: {$ref: '#/components/schemas/Status'}}}}
components:
  schemas:
    Patch: {type: object}
    Status: {type: object, properties: {message: {type: string}, code: {type: integer}}}
    Pod:
      type: object
      required: [name]
      properties:
        name: {type: string}
        labels: {type: object, additionalProperties: {type: string}}
        image: {type: string}
`;

async function sandbox() {
  const { send } = await layerHarness(spec, { seed: 'pods' });
  return (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const sent = send(
      method,
      path,
      body,
      body === undefined ? {} : { body: { contentType, text: JSON.stringify(body) } },
    );
    // A refusal in the API's own shape is read by its status.
    return { status: sent.shaped?.status ?? sent.status, body: (sent.body ?? {}) as Record<string, unknown> };
  };
}

describe('a sandbox PATCH sent as JSON Patch (RFC 6902)', () => {
  it('applies the operations to the stored item, and reads back the result', async () => {
    const send = await sandbox();
    expect(
      (await send('POST', '/pods', { name: 'web', labels: { app: 'web' }, image: 'nginx' })).status,
    ).toBe(201);
    const patched = send(
      'PATCH',
      '/pods/web',
      [
        { op: 'replace', path: '/labels/app', value: 'web2' },
        { op: 'add', path: '/labels/tier', value: 'front' },
        { op: 'remove', path: '/image' },
      ],
      'application/json-patch+json',
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ name: 'web', labels: { app: 'web2', tier: 'front' } });
    expect(send('GET', '/pods/web').body).toEqual({ name: 'web', labels: { app: 'web2', tier: 'front' } });
  });

  it('applies none of them when one cannot apply, and answers 422', async () => {
    const send = await sandbox();
    send('POST', '/pods', { name: 'web', labels: { app: 'web' } });
    const before = send('GET', '/pods/web').body;
    expect(before.labels).toEqual({ app: 'web' });
    const failed = send(
      'PATCH',
      '/pods/web',
      [
        { op: 'replace', path: '/labels/app', value: 'changed' },
        { op: 'test', path: '/labels/app', value: 'web' },
      ],
      'application/json-patch+json',
    );
    expect(failed.status).toBe(422);
    expect(send('GET', '/pods/web').body).toEqual(before);
  });

  it('still merges a merge patch', async () => {
    const send = await sandbox();
    send('POST', '/pods', { name: 'web', labels: { app: 'web' }, image: 'nginx' });
    const merged = send(
      'PATCH',
      '/pods/web',
      { labels: { app: null, tier: 'front' } },
      'application/merge-patch+json',
    );
    expect(merged.body).toEqual({ name: 'web', labels: { tier: 'front' }, image: 'nginx' });
  });
});
