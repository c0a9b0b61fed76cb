import { describe, expect, it } from 'vitest';
import { ingest } from '../../worker/ingest/ingest';
import { prepareTarget } from '../../worker/mock/mock';
import type { OperationPlan } from '../../worker/mock/plan';
import { realismPass, subSchemaValidator } from '../../scripts/corpus/realism-pass';

/**
 * The corpus's realism pass judges a dynamic body against the operation the mock answered with.
 * googleapis.com/pubsublite has `/v1/admin/{name}/topics` (names) and `/v1/admin/{parent}/topics`
 * (objects): one path, so a call meant for either is answered by the first; the pass counted
 * those answers invalid against the operation it meant to call.
 */
describe('corpus realism pass', () => {
  it('judges the body against the operation that answered', async () => {
    const list = (items: unknown) => ({
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { topics: { type: 'array', items } } },
              },
            },
          },
        },
      },
    });
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/admin/{name}/topics': list({ type: 'string' }),
        '/admin/{parent}/topics': list({ type: 'object', properties: { id: { type: 'integer' } } }),
      },
    });
    const { plan } = await ingest(text);
    const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
    const meant = plan.operations.find((o) => o.path === '/admin/{parent}/topics')!;
    const judged: OperationPlan[] = [];
    const tally = realismPass(plan, target, meant, subSchemaValidator(plan), (op) => {
      judged.push(op);
      return true;
    });
    expect(tally.bodies).toBe(1);
    expect(judged.map((o) => o.path)).toEqual(['/admin/{name}/topics']);
  });
});
