import { describe, expect, it } from 'vitest';
import { engineCall } from '../support/engine-call';

/**
 * kubernetes.io.json: every object's `kind` and `apiVersion` are plain strings, and the def names
 * them in `x-kubernetes-group-version-kind`. The official client was answered Pods of kind
 * "ecstatic" and apiVersion "0.17.25".
 */
const object = (group: string, version: string, kind: string) => ({
  type: 'object',
  'x-kubernetes-group-version-kind': [{ group, version, kind }],
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
});
const SPEC = JSON.stringify({
  openapi: '3.0.0',
  info: { title: 'k', version: '1' },
  paths: Object.fromEntries(
    ['Pod', 'Deployment', 'Plain'].map((name) => [
      `/${name.toLowerCase()}`,
      {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
            },
          },
        },
      },
    ]),
  ),
  components: {
    schemas: {
      Pod: object('', 'v1', 'Pod'),
      Deployment: object('apps', 'v1', 'Deployment'),
      Plain: { ...object('', 'v1', 'Plain'), 'x-kubernetes-group-version-kind': undefined },
    },
  },
});

async function read(path: string): Promise<Record<string, unknown>> {
  const outcome = await engineCall(SPEC, 'GET', path);
  if (!outcome.ok) throw new Error(outcome.problem.detail);
  return JSON.parse(outcome.response.body!) as Record<string, unknown>;
}

describe('an object that names its group, version and kind', () => {
  it('answers its own kind and apiVersion (the core group has no prefix)', async () => {
    expect(await read('/pod')).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
    expect(await read('/deployment')).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1' });
  });

  it('leaves an object without the extension to the generator', async () => {
    expect((await read('/plain')).kind).not.toBe('Plain');
  });
});
