import { describe, expect, it } from 'vitest';
import type { Schema } from '../../../worker/mock/plan';
import { resolveRef } from '../../../worker/mock/schema-refs';

describe('resolveRef', () => {
  const defs: Record<string, Schema> = {
    Pet: {
      type: 'object',
      properties: { name: { type: 'string' }, tags: { type: 'array', prefixItems: [{ type: 'integer' }] } },
    },
    'a/b': { type: 'integer' },
    'x~y': { type: 'boolean' },
    '50%': { type: 'number' },
  };

  it('follows #/$defs and #/definitions, then any deeper pointer, with escaped tokens', () => {
    expect(resolveRef('#/$defs/Pet', defs)).toBe(defs.Pet);
    expect(resolveRef('#/definitions/Pet', defs)).toBe(defs.Pet);
    expect(resolveRef('#/$defs/Pet/properties/name', defs)).toEqual({ type: 'string' });
    expect(resolveRef('#/$defs/Pet/properties/tags/prefixItems/0', defs)).toEqual({ type: 'integer' });
    expect(resolveRef('#/$defs/a~1b', defs)).toBe(defs['a/b']);
    expect(resolveRef('#/$defs/x~0y', defs)).toBe(defs['x~y']);
    expect(resolveRef('#/$defs/50%25', defs)).toBe(defs['50%']);
    expect(resolveRef('#/$defs/50%', defs)).toBe(defs['50%']);
  });

  it('resolves nothing outside the defs', () => {
    for (const ref of [
      '#/components/schemas/Pet',
      'other.yaml#/Pet',
      '#/$defs/Missing',
      '#/$defs/Pet/nope',
      '#/',
      'Pet',
    ])
      expect(resolveRef(ref, defs)).toBeUndefined();
    // Inherited members are not defs.
    expect(resolveRef('#/$defs/constructor', defs)).toBeUndefined();
  });

  it('reads the defs it is given on every call: a ref resolved once is not held to its old target', () => {
    const mutable: Record<string, Schema> = { Pet: { type: 'string' } };
    expect(resolveRef('#/$defs/Pet', mutable)).toEqual({ type: 'string' });
    mutable.Pet = { type: 'integer' };
    expect(resolveRef('#/$defs/Pet', mutable)).toEqual({ type: 'integer' });
    expect(resolveRef('#/$defs/Pet', { Pet: { type: 'null' } })).toEqual({ type: 'null' });
    delete mutable.Pet;
    expect(resolveRef('#/$defs/Pet', mutable)).toBeUndefined();
  });
});
