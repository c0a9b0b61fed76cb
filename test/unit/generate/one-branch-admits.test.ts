import { describe, expect, it } from 'vitest';
import { matches, type CheckOptions } from '../../../worker/mock/generate/check';
import { flatFor } from '../../../worker/mock/generate/merge';
import { admitsAt } from '../../../worker/mock/generate/one-branch';
import type { JsonValue, Schema } from '../../../worker/mock/plan';

/**
 * `separate()` drops a poison before the whole check when the branch's merged view rejects it
 * (`admitsAt` false). That is only safe if the whole check would reject it too: otherwise the
 * generator would miss a value that keeps a body to one oneOf branch.
 */
const POISONS: JsonValue[] = [null, 'n/a', false, 0, '', -1, {}, []];
const defs: Record<string, Schema> = {
  Common: {
    type: 'object',
    properties: {
      account_id: { type: 'string', minLength: 3 },
      date: { type: 'string', format: 'date-time' },
    },
  },
  Sms: {
    type: 'object',
    properties: {
      product: { type: 'string', enum: ['SMS'] },
      direction: { type: 'string', enum: ['inbound', 'outbound'] },
    },
  },
};
const opts: CheckOptions = { defs, direction: 'response', strictAccess: false };
const base = { account_id: 'abcd', date: '2025-01-01T00:00:00Z' };

const branches: Schema[] = [
  // Members' property schemas merge: the view of `account_id` is both members' together.
  {
    allOf: [
      { $ref: '#/$defs/Common' },
      { $ref: '#/$defs/Sms' },
      { properties: { account_id: { maxLength: 4 } } },
    ],
  },
  // An undeclared name meets additionalProperties, as a schema or false.
  { type: 'object', properties: { product: { type: 'string' } }, additionalProperties: { type: 'integer' } },
  { type: 'object', properties: { product: { type: 'string' } }, additionalProperties: false },
  // One member forbids what another declares.
  {
    allOf: [
      { properties: { a: {} }, additionalProperties: false },
      { properties: { b: { type: 'string' } } },
    ],
  },
  // patternProperties: only the whole check can tell.
  { type: 'object', patternProperties: { '^x': { type: 'integer' } }, additionalProperties: false },
];
const names = ['account_id', 'date', 'product', 'direction', 'a', 'b', 'x1', 'other'];

describe('admitsAt: the pre-check of separate()', () => {
  it('refuses only what the whole branch refuses', () => {
    let refused = 0;
    for (const raw of branches) {
      const bf = flatFor(raw, null, defs);
      for (const name of names)
        for (const p of POISONS) {
          if (admitsAt(bf, name, p, opts) !== false) continue;
          refused++;
          expect(
            matches(raw, { ...base, [name]: p }, opts),
            `${JSON.stringify(raw)} ${name}=${JSON.stringify(p)}`,
          ).toBe(false);
        }
    }
    // The pre-check does refuse: most poisons break a declared property or additionalProperties.
    expect(refused).toBeGreaterThan(40);
  });

  it('reads the merged view of a declared name and additionalProperties of an undeclared one', () => {
    const [merged, extra, closed, split, patterned] = branches.map((raw) => flatFor(raw, null, defs));
    expect(admitsAt(merged, 'account_id', '', opts)).toBe(false); // Common's minLength 3
    expect(admitsAt(merged, 'account_id', 'n/a', opts)).toBe(true); // 3 ≤ length ≤ 4
    expect(admitsAt(merged, 'product', 'n/a', opts)).toBe(false); // Sms' enum
    expect(admitsAt(merged, 'date', 'n/a', opts)).toBe(false); // a date-time
    expect(admitsAt(extra, 'other', 0, opts)).toBe(true);
    expect(admitsAt(extra, 'other', 'n/a', opts)).toBe(false);
    expect(admitsAt(extra, 'product', 0, opts)).toBe(false);
    expect(admitsAt(closed, 'other', null, opts)).toBe(false);
    expect(admitsAt(closed, 'product', '', opts)).toBe(true);
    // One member forbids what another declares: the merged view knows it, as the whole check does.
    expect(admitsAt(split, 'b', '', opts)).toBe(false);
    expect(matches(branches[3], { b: '' }, opts)).toBe(false);
    expect(admitsAt(patterned, 'x1', 'n/a', opts)).toBeUndefined();
  });
});
