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
  it('finds open report types overlapping within the work limit', () => {
    // Before: "too complex to check within the work limit" (the search ran out of checks), for nine
    // types of ten own fields until each candidate was tried once and siblings were asked first,
    // for twenty of forty until names an open sibling leaves undeclared were passed over, for forty
    // of forty until the search stopped as soon as the open siblings met left no such name.
    for (const [branches, own, shared] of [
      [9, 10, 10],
      [20, 40, 40],
      [40, 40, 40],
    ])
      for (const seed of ['a', 'b', 'c']) {
        const r = generate(reportTypes(branches, own, shared), { ...opts, seed });
        expect(r.ok, seed).toBe(false);
        expect(!r.ok && r.reason, `${branches} ${seed}`).toBe(
          'every generated value matched more than one oneOf branch',
        );
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

  it('passes over a name only where a sibling holding the value reads nothing under it', () => {
    // Every value is held by A. A's own `{id}` is held by B and C too, and only a value under `n`
    // that is neither an integer (B) nor a string (C's rule for names it does not declare, by
    // additionalProperties or patternProperties) sets it apart: C is no open sibling.
    const A = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
    const B = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, n: { type: 'integer' } },
    };
    for (const C of [
      { ...A, additionalProperties: { type: 'string' } },
      { ...A, patternProperties: { '^n$': { type: 'string' } } },
    ]) {
      const schema: Schema = { oneOf: [A, B, C] };
      const validate = new Ajv({ strict: false }).compile(schema as object);
      for (const seed of ['a', 'b', 'c', 'd']) {
        const r = generate(schema, { ...opts, seed });
        expect(r.ok, seed).toBe(true);
        if (!r.ok) continue;
        expect(validate(r.value), `${seed} ${JSON.stringify(r.value)}`).toBe(true);
        expect(r.value, seed).toEqual({ id: expect.any(String), n: null });
      }
    }
  });
});

describe('the names a sibling offers', () => {
  // B's `token` is readOnly: a response may set it apart from A, a request never sends it. The
  // names are kept per sibling between calls, and must be kept per direction too.
  const A = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
  const B = {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string' }, token: { type: 'string', readOnly: true } },
  };
  const schema: Schema = { oneOf: [A, B] };

  it('are read for the direction of the body', () => {
    for (const seed of ['a', 'b', 'c']) {
      const response = generate(schema, { ...opts, seed });
      expect(response.ok, seed).toBe(true);
      const request = generate(schema, { ...opts, seed, direction: 'request' });
      if (request.ok) expect(request.value, seed).not.toHaveProperty('token');
      else expect(request.reason, seed).toBe('every generated value matched more than one oneOf branch');
    }
  });
});
