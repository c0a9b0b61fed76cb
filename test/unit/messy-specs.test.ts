import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import type { Plan } from '../../worker/mock/plan';
import { ingest } from '../../worker/ingest/ingest';
import { ajvValidate, makeAjv } from '../support/ajv-helper';

const dir = new URL('../fixtures/messy/', import.meta.url);
const files = readdirSync(dir);
const ajv = makeAjv();

/** A path for an operation, with each template parameter filled by a plausible value. */
function concretePath(template: string): string {
  return template.replace(/\{[^}]+\}/g, '7');
}

// Hand-written specs as they appear in the wild: loose versions, `type: int`, string bounds,
// `required: true` on properties, examples that contradict their schema, a BOM, Swagger's basePath.
describe.each(files)('messy spec %s', (file) => {
  const text = readFileSync(new URL(file, dir), 'utf8');

  it('publishes, with warnings that point at what was repaired', async () => {
    const { plan, warnings } = await ingest(text);
    expect(plan.operations.length).toBeGreaterThan(0);
    for (const w of warnings) expect(typeof w.pointer).toBe('string');
  });

  it('answers every GET with a body that Ajv finds valid against the schema', async () => {
    const { plan } = await ingest(text);
    const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
    for (const op of plan.operations.filter((o) => o.method === 'get')) {
      const headers: Record<string, string> = { authorization: 'Bearer t', api_key: 'k' };
      const query: [string, string][] = op.parameters
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => [p.name, p.name === 'status' ? 'available' : 'x']);
      for (const dynamic of ['true', 'false', undefined]) {
        const res = mock(target, {
          method: 'GET',
          path: concretePath(op.path),
          query,
          headers: { ...headers, ...(dynamic ? { prefer: `dynamic=${dynamic}` } : {}) },
        });
        expect(res.ok, `${op.id}: ${JSON.stringify(!res.ok && res.problem)}`).toBe(true);
        if (!res.ok) continue;
        const spec = op.responses.find((r) => r.status === String(res.response.status))!;
        const media = Object.entries(spec.content).find(
          ([type]) => type === res.response.headers['content-type'],
        );
        if (!media?.[1].schema || !res.response.body) continue;
        if (!/json/.test(media[0])) continue;
        expect(
          ajvValidate(ajv, media[1].schema, (plan as Plan).defs, JSON.parse(res.response.body), 'response'),
          `${op.id} ${res.response.body}`,
        ).toBeNull();
      }
    }
  });
});

describe('repairs', () => {
  it('reads sloppy keywords as their authors meant', async () => {
    const { plan, warnings } = await ingest(readFileSync(new URL('sloppy-types.oas3.yaml', dir), 'utf8'));
    expect(plan.dialect).toBe('openapi-3.0');
    expect(plan.defs.Order).toMatchObject({
      required: ['id'],
      properties: {
        id: { type: 'integer', format: 'int64' },
        placed: { type: 'string', format: 'date' },
        note: { maxLength: 40 },
        lines: { type: 'array' },
      },
    });
    const order = plan.defs.Order as { properties: Record<string, Record<string, unknown>> };
    expect(order.properties.total).not.toHaveProperty('multipleOf');
    expect(order.properties.status).not.toHaveProperty('enum');
    expect(order.properties.meta).not.toHaveProperty('type');
    const list = plan.operations.find((o) => o.path === '/orders')!;
    expect(list.parameters[0].schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(list.responses[0].content['application/json'].examples).toEqual([]);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/operationId "getOrder" is also used/);
  });

  it('serves Swagger 2.0 relative to the mock URL, ignoring basePath', async () => {
    const { plan } = await ingest(readFileSync(new URL('swagger2-classic.yaml', dir), 'utf8'));
    const res = mock(prepareTarget(plan, 0), {
      method: 'GET',
      path: '/pet/7',
      query: [],
      headers: { api_key: 'k', accept: 'application/json' },
    });
    expect(res).toMatchObject({
      ok: true,
      response: { status: 200, headers: { 'content-type': 'application/json' } },
    });
  });
});
