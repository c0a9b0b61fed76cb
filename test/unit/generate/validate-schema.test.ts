import { describe, expect, it } from 'vitest';
import { generate } from '../../../worker/mock/generate/index';
import type { Schema } from '../../../worker/mock/plan';
import { validateValue } from '../../../worker/mock/validate-schema';

const defs: Record<string, Schema> = {
  Pet: {
    type: 'object',
    required: ['id', 'name', 'secret'],
    properties: {
      id: { type: 'integer', readOnly: true },
      name: { type: 'string', pattern: '^[a-z]+$' },
      secret: { type: 'string', writeOnly: true },
      tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
      nick: { type: 'string', nullable: true } as Schema,
      evil: { type: 'string', pattern: '^(a+)+$', 'x-specmock-unsafe-pattern': true } as Schema,
      legacy: { type: 'string', pattern: '^\\-[a-z]$' },
    },
  },
};
const pet: Schema = { $ref: '#/$defs/Pet' };

describe('validateValue (@cfworker/json-schema)', () => {
  it('accepts valid values; writeOnly required is not required in responses, readOnly not in requests', () => {
    expect(validateValue(pet, defs, { id: 1, name: 'rex', nick: null })).toEqual([]);
    expect(validateValue(pet, defs, { name: 'rex', secret: 's' }, { direction: 'request' })).toEqual([]);
    const missing = validateValue(pet, defs, { name: 'rex' }, { direction: 'request' });
    expect(missing.map((v) => v.message).join()).toMatch(/secret/);
  });

  it('reports instance pointers of leaf errors', () => {
    const errs = validateValue(pet, defs, { id: 'x', name: 'AB', tags: ['abcd', 'ok'] });
    expect(errs.map((e) => e.pointer).sort()).toEqual(['/id', '/name', '/tags/0']);
  });

  it('never runs flagged patterns and tolerates patterns that need non-unicode mode', () => {
    const t = performance.now();
    expect(validateValue(pet, defs, { id: 1, name: 'a', evil: 'a'.repeat(40) + '!' })).toEqual([]);
    expect(performance.now() - t).toBeLessThan(500);
    expect(validateValue(pet, defs, { id: 1, name: 'a', legacy: 'zz' })).toEqual([]);
  });

  it('handles boolean schemas and never throws', () => {
    expect(validateValue(true, defs, 1)).toEqual([]);
    expect(validateValue(false, defs, 1)).toHaveLength(1);
    // One line naming the ref, not @cfworker's list of every schema it knows.
    expect(validateValue({ $ref: '#/$defs/Missing' }, defs, 1)).toEqual([
      {
        pointer: '',
        message: expect.stringMatching(
          /^schema could not be evaluated: Unresolved \$ref "[^"\n]*Missing"\.$/,
        ),
      },
    ]);
  });

  it('follows refs through defs compiled for other schemas, into a def, and around recursion', () => {
    const more: Record<string, Schema> = {
      ...defs,
      Owner: { type: 'object', required: ['pet'], properties: { pet: pet, next: { $ref: '#/$defs/Owner' } } },
    };
    // Pet reached first on its own, then again through Owner: the second compile adds only Owner.
    expect(validateValue(pet, more, { id: 1, name: 'rex' })).toEqual([]);
    const owner: Schema = { $ref: '#/$defs/Owner' };
    expect(
      validateValue(owner, more, { pet: { id: 1, name: 'rex' }, next: { pet: { id: 2, name: 'a' } } }),
    ).toEqual([]);
    const deep = validateValue(owner, more, {
      pet: { id: 1, name: 'rex' },
      next: { pet: { id: 2, name: 'B' } },
    });
    expect(deep.map((e) => e.pointer)).toEqual(['/next/pet/name']);
    // Owner first in a fresh document: Pet is reached only through Owner.
    const fresh = { ...more };
    expect(validateValue(owner, fresh, { pet: { id: 1, name: 'B' } }).map((e) => e.pointer)).toEqual([
      '/pet/name',
    ]);
    const name: Schema = { $ref: '#/$defs/Pet/properties/name' };
    expect(validateValue(name, more, 'rex')).toEqual([]);
    expect(validateValue(name, more, 'Rex')).toHaveLength(1);
  });

  it('agrees with the generator on generated bodies', () => {
    for (let i = 0; i < 20; i++) {
      const r = generate(pet, { seed: String(i), defs });
      expect(r.ok).toBe(true);
      if (r.ok) expect(validateValue(pet, defs, r.value)).toEqual([]);
    }
  });

  it('caches validators per schema object (second call is cheap)', () => {
    const schema: Schema = { type: 'array', items: pet };
    validateValue(schema, defs, []);
    const t = performance.now();
    for (let i = 0; i < 1000; i++) validateValue(schema, defs, [{ id: 1, name: 'a' }]);
    expect(performance.now() - t).toBeLessThan(1000);
  });
  it('firstOnly stops at the first error: the same verdict, and the same first violation', () => {
    // An example array with an error in each item (pandascore.co's, 0.6 MB: publishing spent most of
    // its time collecting every error of examples only the first of which is reported).
    const list: Schema = { type: 'array', items: pet };
    const bad = [1, 2, 3].map((n) => ({ id: `x${n}`, name: 'AB', tags: ['abcd'] }));
    const all = validateValue(list, defs, bad);
    const first = validateValue(list, defs, bad, { firstOnly: true });
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect(first).toHaveLength(1);
    expect(first[0]).toEqual(all[0]);
    const good = [{ id: 1, name: 'rex' }];
    expect(validateValue(list, defs, good, { firstOnly: true })).toEqual([]);
    // A oneOf whose failing branch fails on every member: the verdict does not change.
    const either: Schema = { oneOf: [pet, { type: 'array', items: { type: 'integer' } }] };
    for (const value of [[1, 2], ['a', 'b'], { id: 1, name: 'rex' }, { id: 'x', name: 'AB' }])
      expect(validateValue(either, defs, value, { firstOnly: true }).length === 0).toBe(
        validateValue(either, defs, value).length === 0,
      );
  });
});
