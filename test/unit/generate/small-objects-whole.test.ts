import { describe, expect, it } from 'vitest';
import { generate } from '../../../worker/mock/generate/index';
import type { Schema } from '../../../worker/mock/plan';

/**
 * Deep in a body optional members are given by chance (real APIs rarely fill every one), and small
 * structures came out in pieces: EC2's tag sets as `[{"Value": "MyVPC"}]`, its CIDR associations as
 * `[{}, {}]`. A structure of at most three members is whole wherever it is.
 */
const Tag: Schema = { type: 'object', properties: { Key: { type: 'string' }, Value: { type: 'string' } } };
const Big: Schema = {
  type: 'object',
  properties: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [n, { type: 'string' }])),
};
const schema: Schema = {
  type: 'object',
  required: ['Vpcs'],
  properties: {
    Vpcs: {
      type: 'array',
      minItems: 2,
      items: {
        type: 'object',
        required: ['Detail'],
        properties: {
          Detail: {
            type: 'object',
            required: ['Tags', 'More'],
            properties: { Tags: { type: 'array', minItems: 2, items: Tag }, More: Big },
          },
        },
      },
    },
  },
};

describe('small structures deep in a body', () => {
  it('are whole, while larger ones still leave optional members out', () => {
    let bigMembers = 0;
    let bigObjects = 0;
    for (let seed = 0; seed < 20; seed++) {
      const out = generate(schema, { seed: `s${seed}`, defs: {} });
      expect(out.ok).toBe(true);
      if (!out.ok) continue;
      for (const vpc of (out.value as { Vpcs: { Detail: { Tags: object[]; More: object } }[] }).Vpcs) {
        for (const tag of vpc.Detail.Tags) expect(Object.keys(tag).sort()).toEqual(['Key', 'Value']);
        bigMembers += Object.keys(vpc.Detail.More).length;
        bigObjects++;
      }
    }
    // Six optional members at this depth are not all given every time.
    expect(bigMembers).toBeLessThan(6 * bigObjects);
  });
});
