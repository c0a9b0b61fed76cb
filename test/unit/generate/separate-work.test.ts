import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../worker/mock/generate/index';
import type { Schema } from '../../../worker/mock/plan';

/**
 * nexmo.com/reports (0.1 MB, 6 operations) took 1.2 s to publish: its responses are a oneOf of
 * nine open report types over shared fields, and keeping a body to one branch tried each sibling's
 * names with each poison, checking every candidate against the whole schema. The same candidate
 * came back once per sibling that declares its name, and each whole check walked the branches in
 * order. The work limit is the generator's own measure of that search (a count of checks), so it is
 * what these tests read, not a clock.
 */
const opts = { defs: {}, direction: 'response' as const, refDate: 0 };

/** `branches` open objects, each with `own` fields of its own and `shared` fields all declare. */
function reportTypes(branches: number, own: number, shared: number): Schema {
  const common = Object.fromEntries(Array.from({ length: shared }, (_, i) => [`s${i}`, { type: 'string' }]));
  return {
    oneOf: Array.from({ length: branches }, (_, k) => ({
      type: 'object',
      properties: {
        ...common,
        ...Object.fromEntries(Array.from({ length: own }, (_, i) => [`b${k}_${i}`, { type: 'string' }])),
      },
    })),
  };
}

describe('keeping a value to one oneOf branch', () => {
  it('finds nine open report types overlapping within the work limit', () => {
    // Before: "too complex to check within the work limit" (the search ran out of checks).
    for (const seed of ['a', 'b', 'c']) {
      const r = generate(reportTypes(9, 10, 10), { ...opts, seed });
      expect(r.ok, seed).toBe(false);
      expect(!r.ok && r.reason, seed).toBe('every generated value matched more than one oneOf branch');
    }
  });

  it('still sets a name two siblings share to a value both reject', () => {
    const only = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
    const withS = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, s: { type: 'string' } },
    };
    const schema: Schema = { oneOf: [only, withS, structuredClone(withS)] };
    const validate = new Ajv({ strict: false }).compile(schema as object);
    let separated = 0;
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const r = generate(schema, { ...opts, seed });
      expect(r.ok, seed).toBe(true);
      if (!r.ok) continue;
      expect(validate(r.value), JSON.stringify(r.value)).toBe(true);
      // Only the first branch can hold a value alone, and only with `s` set to what a string is not.
      const value = r.value as Record<string, unknown>;
      expect('s' in value && typeof value.s !== 'string', JSON.stringify(value)).toBe(true);
      separated++;
    }
    expect(separated).toBe(6);
  });
});
