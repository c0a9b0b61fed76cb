import { describe, expect, it } from 'vitest';
import { engineCall } from '../../support/engine-call';

/** FastAPI writes `schema: {}` for a handler without a return type (ElevenLabs' deletes and edits). */
function spec(type: string, schema: unknown): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/voices/{id}': {
        delete: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok', content: { [type]: { schema } } } },
        },
      },
    },
  });
}

async function bodies(type: string, schema: unknown): Promise<unknown[]> {
  const out: unknown[] = [];
  // Sixteen paths, sixteen seeds: a type picked at random would not land on objects every time.
  for (let i = 0; i < 16; i++) {
    const call = await engineCall(spec(type, schema), 'DELETE', `/voices/v${i}`);
    if (!call.ok) throw new Error(call.problem.detail);
    out.push(type.includes('json') ? JSON.parse(call.response.body!) : call.response.body);
  }
  return out;
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

describe('a JSON body whose schema constrains nothing', () => {
  it('is an object, as JSON APIs answer', async () => {
    for (const body of await bodies('application/json', {})) expect(isObject(body)).toBe(true);
    const titled = { title: 'Response Delete Voice' };
    for (const body of await bodies('application/json', titled)) expect(isObject(body)).toBe(true);
  });

  it('stays text under a text type, and below the root', async () => {
    for (const body of await bodies('text/plain', {})) expect(typeof body).toBe('string');
    const wrapped = { type: 'object', required: ['detail'], properties: { detail: {} } };
    const details = (await bodies('application/json', wrapped)).map((b) => (b as { detail: unknown }).detail);
    for (const detail of details) expect(typeof detail).toBe('string');
  });
});
