import { describe, expect, it } from 'vitest';
import type { JsonValue, OperationPlan, Schema } from '../../worker/mock/plan';
import { validateValue } from '../../worker/mock/validate-schema';
import { measureRealism, sameShape } from '../../scripts/corpus/realism-metrics';

/** The corpus yardstick must be able to fail: hand-written bodies, good and bad. */

const op = (method: string, path: string): OperationPlan => ({
  id: `${method} ${path}`,
  method,
  path,
  tags: [],
  deprecated: false,
  parameters: [],
  responses: [],
  security: [],
});

const schema = {
  type: 'object',
  properties: {
    id: { type: 'string', example: 'cus_NffrFeUfNV2Hib' },
    state: { type: 'string', example: 'open' },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
    closed_at: { type: 'string' },
    messagesTotal: { type: 'integer' },
    messagesUnread: { type: 'integer' },
    code: { type: 'integer' },
  },
} as Schema;

function measure(
  body: JsonValue,
  extra: { status?: number; path?: string; params?: Record<string, string>; query?: [string, string][] } = {},
) {
  return measureRealism({
    operation: op('get', extra.path ?? '/v1/customers/{customer}'),
    schema,
    defs: {},
    status: extra.status ?? 200,
    pathParams: extra.params ?? { customer: 'cus_X1' },
    query: extra.query ?? [],
    body,
    isValid: (s, v) => validateValue(s, {}, v).length === 0,
  });
}

describe('realism metrics', () => {
  it('shapes: prefixes, separators, notations and magnitudes', () => {
    expect(sameShape('cus_NffrFeUfNV2Hib', 'cus_a8Dk2mQp9LzX0w')).toBe(true);
    expect(sameShape('cus_NffrFeUfNV2Hib', '4f1c2b7e-0d7e-4b7e-9c1a-2b7e0d7e4b7e')).toBe(false);
    expect(sameShape('octocat/Hello-World', 'lovely/Table-Chair')).toBe(true);
    expect(sameShape('octocat/Hello-World', 'Mrs. Mabelle Durgan')).toBe(false);
    expect(sameShape('2011-04-26T19:06:43Z', 'muscat')).toBe(false);
    expect(sameShape('open', 'closed')).toBe(true);
    expect(sameShape('open', 'Colorado')).toBe(false);
    expect(sameShape(1347, 2719)).toBe(true);
    expect(sameShape(1347, 3)).toBe(false);
    expect(sameShape(1, 1.5)).toBe(false);
  });

  it('counts a good body as good', () => {
    const c = measure({
      id: 'cus_X1',
      state: 'closed',
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-02-01T00:00:00Z',
      closed_at: '2025-03-01T00:00:00Z',
      messagesTotal: 10,
      messagesUnread: 3,
    });
    expect(c.itemEchoed).toBe(c.itemReads);
    expect(c.itemReads).toBe(1);
    expect(c.exampleShaped).toBe(c.exampleProps);
    expect(c.timeViolations + c.partViolations + c.statusMismatches).toBe(0);
    expect(c.timePairs).toBe(3);
    expect(c.partPairs).toBe(1);
  });

  it('counts what the issue reported as broken', () => {
    const c = measure(
      {
        id: '4f1c2b7e-0d7e-4b7e-9c1a-2b7e0d7e4b7e',
        state: 'Colorado',
        created_at: '2025-03-01T00:00:00Z',
        closed_at: '2025-01-01T00:00:00Z',
        messagesTotal: 348,
        messagesUnread: 867,
        code: 200,
      },
      { status: 500, path: '/v1/customers/{customer}' },
    );
    expect(c.statusMismatches).toBe(1);
    expect(c.timeViolations).toBe(1);
    expect(c.partViolations).toBe(1);
    expect(c.exampleShaped).toBe(0);
    expect(c.exampleProps).toBe(2);
  });

  it('misses an echo on an item read, and a list longer than the page', () => {
    const read = measure({ id: 'cus_other' });
    expect(read.itemReads).toBe(1);
    expect(read.itemEchoed).toBe(0);
    const page = measureRealism({
      operation: op('get', '/v1/customers'),
      schema: { type: 'object', properties: { data: { type: 'array' } } } as Schema,
      defs: {},
      status: 200,
      pathParams: {},
      query: [['limit', '2']],
      body: { data: [1, 2, 3] },
      isValid: () => true,
    });
    expect(page.pageChecks).toBe(1);
    expect(page.pageViolations).toBe(1);
  });
});
