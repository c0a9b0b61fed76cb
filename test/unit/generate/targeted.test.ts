import { describe, expect, it } from 'vitest';
import { generate, type GenerateOptions } from '../../../worker/mock/generate/index';
import type { JsonValue, Schema } from '../../../worker/mock/plan';
import { ajvValidate, makeAjv } from '../../support/ajv-helper';

const ajv = makeAjv();

function gen(
  schema: Schema,
  defs: Record<string, Schema> = {},
  opts: Partial<GenerateOptions> = {},
): JsonValue {
  const r = generate(schema, { seed: 'test', defs, ...opts });
  if (!r.ok) throw new Error(`generate failed at ${r.pointer}: ${r.reason}`);
  return r.value;
}

/** Generates with many seeds and checks every value with Ajv. */
function valid(
  schema: Schema,
  defs: Record<string, Schema> = {},
  opts: Partial<GenerateOptions> = {},
  seeds = 25,
): JsonValue[] {
  const out: JsonValue[] = [];
  for (let i = 0; i < seeds; i++) {
    const v = gen(schema, defs, { seed: `seed-${i}`, ...opts });
    const err = ajvValidate(ajv, schema, defs, v, opts.direction ?? 'response');
    expect(err, `seed ${i}: ${JSON.stringify(v)}`).toBeNull();
    out.push(v);
  }
  return out;
}

describe('types and keywords', () => {
  it('handles 3.1 type arrays, null, nullable, enum, const, default', () => {
    valid({ type: ['string', 'null'] });
    valid({ type: 'null' });
    valid({ type: 'string', nullable: true, enum: ['a', 'b'] } as Schema);
    valid({ const: { a: 1 } });
    valid({ enum: [1, 'x', null], type: ['integer', 'null'] });
    expect(gen({ type: 'integer', default: 7 })).toBe(7);
  });

  it('produces every listed format', () => {
    for (const format of [
      'date-time',
      'date',
      'time',
      'email',
      'uri',
      'url',
      'hostname',
      'ipv4',
      'ipv6',
      'uuid',
      'byte',
      'binary',
      'password',
      'duration',
      'uri-reference',
      'json-pointer',
      'x-unknown-format',
    ]) {
      valid({ type: 'string', format }, {}, {}, 10);
    }
    for (const format of ['int32', 'int64', 'float', 'double']) valid({ type: 'number', format }, {}, {}, 10);
    valid({ type: 'integer', format: 'int32', minimum: 2147483000 });
  });

  it('honours numeric bounds and multipleOf, including fractional steps', () => {
    valid({ type: 'number', multipleOf: 0.01, minimum: 0.05, maximum: 0.2 });
    valid({ type: 'number', multipleOf: 0.1, exclusiveMinimum: 0, exclusiveMaximum: 1 });
    valid({ type: 'integer', multipleOf: 7, minimum: -20, maximum: 20 });
    valid({ type: 'integer', exclusiveMinimum: 4, exclusiveMaximum: 6 });
    valid({ type: 'number', minimum: -1e-9, maximum: 1e-9 });
    valid({ allOf: [{ type: 'integer', multipleOf: 4 }, { multipleOf: 6 }] });
    valid({ type: 'integer', multipleOf: 0.5 });
  });

  it('honours string length, pattern and format together', () => {
    valid({ type: 'string', minLength: 5, maxLength: 5 });
    valid({ type: 'string', pattern: '^[A-Z]{2}\\d{3}$' });
    valid({ type: 'string', pattern: '[a-f0-9]+', minLength: 20 });
    valid({ type: 'string', format: 'email', maxLength: 40 });
    valid({ type: 'string', pattern: '^\\+?[1-9]\\d{1,14}$' });
    valid({ type: 'string', minLength: 1000 }, {}, {}, 3);
    valid({ type: 'string', pattern: '^\\p{Lu}{3}$' });
  });

  it('arrays: bounds, uniqueness, plausible lengths', () => {
    const lens = valid({ type: 'array', items: { type: 'string' } }, {}, {}, 40).map(
      (v) => (v as unknown[]).length,
    );
    expect(new Set(lens).size).toBeGreaterThan(2);
    expect(Math.min(...lens)).toBeGreaterThanOrEqual(1);
    valid({
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: 6 },
      minItems: 6,
      uniqueItems: true,
    });
    valid({ type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 3, maxItems: 3, uniqueItems: true });
    valid({
      type: 'array',
      prefixItems: [{ type: 'integer' }, { type: 'string' }],
      items: false,
      minItems: 2,
    });
    valid({ type: 'array', contains: { type: 'integer', minimum: 100 }, items: { type: 'integer' } });
  });

  it('objects: required, additionalProperties, patternProperties, min/maxProperties', () => {
    valid({
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
      required: ['a'],
    });
    valid({ type: 'object', additionalProperties: { type: 'integer' }, minProperties: 2 });
    valid({
      type: 'object',
      patternProperties: { '^x-[a-z]+$': { type: 'string' } },
      additionalProperties: false,
      minProperties: 1,
    });
    valid({ type: 'object', properties: { a: {}, b: {}, c: {} }, maxProperties: 2 });
    valid({ type: 'object', required: ['undeclared'] });
  });

  it('allOf merges, anyOf, not', () => {
    valid({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'integer' } }, required: ['b'] },
      ],
    });
    valid({ anyOf: [{ type: 'string', maxLength: 3 }, { type: 'integer' }] });
    valid({ type: 'string', not: { enum: ['a'] }, enum: ['a', 'b'] });
    valid({ type: ['string', 'null'], not: { type: 'null' } });
    valid({ type: 'integer', minimum: 0, maximum: 3, not: { enum: [0, 1, 2] } });
  });
});

describe('oneOf and discriminator', () => {
  const defs: Record<string, Schema> = {
    Pet: {
      type: 'object',
      required: ['petType'],
      properties: { petType: { type: 'string' }, name: { type: 'string' } },
      discriminator: { propertyName: 'petType', mapping: { cat: '#/$defs/Cat', dog: '#/$defs/Dog' } },
    } as Schema,
    Cat: {
      allOf: [
        { $ref: '#/$defs/Pet' },
        { type: 'object', properties: { lives: { type: 'integer', minimum: 1, maximum: 9 } } },
      ],
    },
    Dog: { allOf: [{ $ref: '#/$defs/Pet' }, { type: 'object', properties: { bark: { type: 'boolean' } } }] },
  };

  it('sets the discriminator to the mapping key and stays valid', () => {
    const schema = {
      oneOf: [{ $ref: '#/$defs/Cat' }, { $ref: '#/$defs/Dog' }],
      discriminator: { propertyName: 'petType', mapping: { cat: '#/$defs/Cat', dog: '#/$defs/Dog' } },
    } as Schema;
    const values = valid(schema, defs, {}, 30) as Record<string, JsonValue>[];
    const kinds = new Set(values.map((v) => v.petType));
    expect(kinds).toEqual(new Set(['cat', 'dog']));
    for (const v of values) {
      // Cat and Dog overlap (both accept any extra property): the only way to match exactly one
      // branch is a property the other branch rejects, e.g. a cat's `bark` that is not a boolean.
      if (v.petType === 'cat' && 'bark' in v) expect(typeof v.bark).not.toBe('boolean');
    }
  });

  it('uses the implicit mapping (def name) and the child def name on direct generation', () => {
    const schema = {
      oneOf: [{ $ref: '#/$defs/Cat' }, { $ref: '#/$defs/Dog' }],
      discriminator: { propertyName: 'petType' },
    } as Schema;
    const values = valid(schema, defs, {}, 10) as Record<string, JsonValue>[];
    for (const v of values) expect(['Cat', 'Dog']).toContain(v.petType);
    expect((gen({ $ref: '#/$defs/Cat' }, defs) as Record<string, JsonValue>).petType).toBe('cat');
  });

  it('keeps exactly one branch matching when branches overlap', () => {
    valid({ oneOf: [{ type: 'integer' }, { type: 'number' }] }, {}, {}, 30);
    valid(
      {
        oneOf: [
          { type: 'object', properties: { a: { type: 'string' } } },
          { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] },
        ],
      },
      {},
      {},
      30,
    );
    valid({ oneOf: [{ type: 'string' }, { type: 'string', maxLength: 4 }] }, {}, {}, 30);
    valid({
      oneOf: [
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time' },
        { type: 'string', pattern: '^[0-9]+$' },
      ],
    });
  });

  it('reports an impossible oneOf', () => {
    const r = generate({ oneOf: [{ type: 'string' }, { type: 'string' }] }, { seed: 's', defs: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.pointer).toBe('/oneOf');
  });
});

describe('patterns too risky to run', () => {
  // amazonaws.com/migrationhubstrategy's MacAddress: the second alternative needs a character after
  // its end (`$”$`, a typo), so it never matches; the pattern is flagged unsafe, so no check runs it.
  it('never draws an alternative that cannot match', () => {
    const schema = {
      type: 'string',
      maxLength: 17,
      pattern:
        '^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})|([0-9a-fA-F]{4}\\\\.[0-9a-fA-F]{4}\\\\.[0-9a-fA-F]{4})$”$',
      'x-specmock-unsafe-pattern': true,
    } as unknown as Schema;
    const values = valid(schema, {}, {}, 40) as string[];
    for (const v of values) expect(v).toMatch(/^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/);
  });
});

describe('recursion', () => {
  it('terminates with required self-reference through a nullable/anyOf escape', () => {
    const defs: Record<string, Schema> = {
      Node: {
        type: 'object',
        required: ['value', 'next'],
        properties: {
          value: { type: 'integer' },
          next: { anyOf: [{ $ref: '#/$defs/Node' }, { type: 'null' }] },
        },
      },
      Tree: {
        type: 'object',
        required: ['children'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/$defs/Tree' } },
        },
      },
      Expr: {
        oneOf: [
          {
            type: 'object',
            required: ['op', 'args'],
            properties: {
              op: { const: 'add' },
              args: { type: 'array', minItems: 2, maxItems: 2, items: { $ref: '#/$defs/Expr' } },
            },
          },
          { type: 'number' },
        ],
      },
      Mutual: { type: 'object', required: ['b'], properties: { b: { $ref: '#/$defs/MutualB' } } },
      MutualB: { type: ['object', 'null'], required: ['a'], properties: { a: { $ref: '#/$defs/Mutual' } } },
    };
    for (const name of Object.keys(defs)) valid({ $ref: `#/$defs/${name}` }, defs, {}, 10);
  });

  it('returns ok:false for recursion that can never end', () => {
    const defs: Record<string, Schema> = {
      Inf: { type: 'object', required: ['self'], properties: { self: { $ref: '#/$defs/Inf' } } },
    };
    const t = performance.now();
    const r = generate({ $ref: '#/$defs/Inf' }, { seed: 's', defs });
    expect(r.ok).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('hostile and unsatisfiable schemas fail fast with a pointer', () => {
  const cases: [Schema, string][] = [
    [{ type: 'array', minItems: 1e9 }, ''],
    [
      { type: 'object', properties: { s: { type: 'string', minLength: 1e9 } }, required: ['s'] },
      '/properties/s',
    ],
    [{ type: 'integer', minimum: 10, maximum: 1 }, ''],
    [{ type: 'string', enum: [1, 2] }, ''],
    [{ not: {} }, '/not'],
    [false, ''],
    [{ type: 'object', properties: { a: false }, required: ['a'] }, '/properties/a'],
    [{ type: 'string', pattern: 'a{100000000}' }, ''],
    [
      {
        type: 'array',
        items: { type: 'array', minItems: 10000, items: { type: 'string', minLength: 10000 } },
        minItems: 1,
      },
      '',
    ],
  ];
  it.each(cases.map((c, i) => [i, ...c] as const))('case %i', (_i, schema, pointer) => {
    const t = performance.now();
    const r = generate(schema, { seed: 's', defs: {} });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.pointer.startsWith(pointer)).toBe(true);
      expect(r.reason.length).toBeGreaterThan(5);
    }
  });

  it('does not run flagged unsafe patterns', () => {
    const r = generate({ type: 'string', pattern: '^(a+)+$', 'x-specmock-unsafe-pattern': true } as Schema, {
      seed: 's',
      defs: {},
    });
    expect(r.ok).toBe(true);
    const bad = generate({ type: 'string', pattern: '(?<=x' } as Schema, { seed: 's', defs: {} });
    expect(typeof bad.ok).toBe('boolean');
  });
});

describe('determinism', () => {
  const defs: Record<string, Schema> = {
    User: {
      type: 'object',
      required: ['id', 'email'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        email: { type: 'string', format: 'email' },
        firstName: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    },
  };
  it('same inputs give byte-identical output; other seeds differ', () => {
    const a = JSON.stringify(gen({ $ref: '#/$defs/User' }, defs, { seed: 'x', refDate: 1_700_000_000_000 }));
    gen({ type: 'array', items: { $ref: '#/$defs/User' } }, defs, { seed: 'other' });
    const b = JSON.stringify(gen({ $ref: '#/$defs/User' }, defs, { seed: 'x', refDate: 1_700_000_000_000 }));
    expect(b).toBe(a);
    const c = JSON.stringify(gen({ $ref: '#/$defs/User' }, defs, { seed: 'y', refDate: 1_700_000_000_000 }));
    expect(c).not.toBe(a);
  });
  it('dates are recent relative to refDate', () => {
    const refDate = Date.UTC(2030, 0, 1);
    const v = gen({ $ref: '#/$defs/User' }, defs, { refDate }) as Record<string, string>;
    const t = Date.parse(v.createdAt);
    expect(t).toBeLessThanOrEqual(refDate);
    expect(t).toBeGreaterThan(refDate - 400 * 86_400_000);
  });
});

describe('path parameter echo', () => {
  const defs: Record<string, Schema> = {
    Pet: {
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: { type: 'integer', format: 'int64' },
        name: { type: 'string' },
        ownerId: { type: 'string' },
      },
    },
  };
  it('echoes petId as id (coerced), same pet each call, different pet for another id', () => {
    const a = gen({ $ref: '#/$defs/Pet' }, defs, {
      seed: 'GET /pets/42',
      pathParams: { petId: '42' },
    }) as Record<string, JsonValue>;
    expect(a.id).toBe(42);
    const again = gen({ $ref: '#/$defs/Pet' }, defs, { seed: 'GET /pets/42', pathParams: { petId: '42' } });
    expect(again).toEqual(a);
    const b = gen({ $ref: '#/$defs/Pet' }, defs, {
      seed: 'GET /pets/43',
      pathParams: { petId: '43' },
    }) as Record<string, JsonValue>;
    expect(b.id).toBe(43);
    expect(b.name).not.toBe(a.name);
    const c = gen({ $ref: '#/$defs/Pet' }, defs, {
      seed: 's',
      pathParams: { ownerId: 'abc', petId: 'x' },
    }) as Record<string, JsonValue>;
    expect(c.ownerId).toBe('abc');
    expect(typeof c.id).toBe('number');
  });
});

describe('realism', () => {
  it('name heuristics across camel/snake/kebab case', () => {
    const v = gen(
      {
        type: 'object',
        properties: {
          email: { type: 'string' },
          first_name: { type: 'string' },
          'last-name': { type: 'string' },
          createdAt: { type: 'string' },
          updated_at: { type: 'string' },
          avatarUrl: { type: 'string' },
          price: { type: 'number' },
          currency: { type: 'string' },
          latitude: { type: 'number' },
          age: { type: 'integer' },
        },
      },
      {},
      { dynamic: true },
    ) as Record<string, JsonValue>;
    expect(v.email).toMatch(/@/);
    expect(v.first_name).toMatch(/^[A-Z]/);
    expect(v['last-name']).toMatch(/^[A-Z]/);
    expect(Date.parse(v.updated_at as string)).toBeGreaterThanOrEqual(Date.parse(v.createdAt as string));
    expect(v.avatarUrl).toMatch(/^https:\/\//);
    expect(v.currency).toMatch(/^[A-Z]{3}$/);
    expect(Math.abs(v.latitude as number)).toBeLessThanOrEqual(90);
    expect(v.age).toBeGreaterThanOrEqual(18);
  });

  it('heuristics never break the schema', () => {
    valid({
      type: 'object',
      properties: {
        email: { type: 'string', maxLength: 8 },
        firstName: { type: 'string', pattern: '^[0-9]{4}$' },
        age: { type: 'integer', minimum: 200 },
        createdAt: { type: 'string', format: 'date' },
        id: { type: 'integer', maximum: -5 },
      },
      required: ['email', 'firstName', 'age', 'createdAt', 'id'],
    });
  });

  it('uses examples unless dynamic', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string', example: 'doggie' } },
      required: ['name'],
    } as Schema;
    expect(gen(schema)).toEqual({ name: 'doggie' });
    // Dynamic bodies vary the example within its shape (one lower-case word) instead of repeating it.
    const names = ['a', 'b', 'c', 'd'].map(
      (seed) => (gen(schema, {}, { dynamic: true, seed }) as Record<string, JsonValue>).name,
    );
    for (const n of names) expect(n).toMatch(/^[a-z]+$/);
    expect(new Set(names).size).toBeGreaterThan(1);
    const invalidExample = { type: 'string', maxLength: 3, example: 'too long' } as Schema;
    expect(gen(invalidExample)).not.toBe('too long');
  });

  it('supports x-faker with args and legacy names; ignores unknown methods', () => {
    expect(gen({ type: 'string', 'x-faker': 'internet.email' } as Schema)).toMatch(/@/);
    expect(gen({ type: 'string', 'x-faker': { 'string.alpha': [5] } } as Schema)).toMatch(/^[a-zA-Z]{5}$/);
    const n = gen({
      type: 'integer',
      'x-faker': { 'datatype.number': { min: 100, max: 200 } },
    } as Schema) as number;
    expect(n).toBeGreaterThanOrEqual(100);
    expect(n).toBeLessThanOrEqual(200);
    expect(gen({ type: 'string', 'x-faker': 'name.firstName' } as Schema)).toMatch(/^[A-Z]/);
    valid({ type: 'string', maxLength: 3, 'x-faker': 'no.such' } as Schema);
    valid({ type: 'string', maxLength: 3, 'x-faker': { 'string.alpha': [1e9] } } as Schema, {}, {}, 2);
  });
});

describe('readOnly / writeOnly', () => {
  const defs: Record<string, Schema> = {
    Account: {
      type: 'object',
      required: ['id', 'password', 'email'],
      properties: {
        id: { type: 'integer', readOnly: true },
        password: { type: 'string', writeOnly: true },
        email: { type: 'string', format: 'email' },
      },
    },
  };
  it('responses never carry writeOnly; requests never carry readOnly', () => {
    for (const v of valid({ $ref: '#/$defs/Account' }, defs, {}, 10))
      expect(v).not.toHaveProperty('password');
    for (const v of valid({ $ref: '#/$defs/Account' }, defs, { direction: 'request' }, 10))
      expect(v).not.toHaveProperty('id');
  });

  it("a property's own readOnly wins over a writeOnly on the schema it refers to", () => {
    // Jira: a gadget's `position` is readOnly and required; DashboardGadgetPosition is writeOnly.
    const gadgetDefs: Record<string, Schema> = {
      Position: {
        type: 'object',
        writeOnly: true,
        required: ['row'],
        properties: { row: { type: 'integer' } },
      },
    };
    const gadget: Schema = {
      type: 'object',
      required: ['position'],
      properties: { position: { allOf: [{ $ref: '#/$defs/Position' }], readOnly: true } },
    };
    for (const v of valid(gadget, gadgetDefs, {}, 10)) expect(v).toHaveProperty('position.row');
  });
});

describe('regressions found by the property test', () => {
  it('meets minProperties from optional declared properties when extra keys are forbidden, even deep in a body', () => {
    const inner: Schema = {
      type: 'object',
      properties: { id: { type: 'object' } },
      additionalProperties: false,
      minProperties: 1,
    };
    const deep: Schema = {
      type: 'object',
      required: ['a'],
      properties: {
        a: {
          type: 'object',
          required: ['b'],
          properties: { b: { type: 'object', required: ['c'], properties: { c: inner } } },
        },
      },
    };
    valid(inner, {}, {}, 40);
    valid(deep, {}, {}, 40);
  });
});

describe('path parameter echo by suffix', () => {
  it('echoes the last path parameter into the root property it names by suffix', () => {
    const schema: Schema = {
      type: 'object',
      required: ['number', 'title'],
      properties: { number: { type: 'integer' }, title: { type: 'string' } },
    };
    const [value] = valid(schema, {}, { pathParams: { owner: 'o', issue_number: '7' } }, 1);
    expect(value).toMatchObject({ number: 7 });
    const [user] = valid(
      { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      {},
      { pathParams: { userName: 'ada' } },
      1,
    );
    expect(user).toEqual({ name: 'ada' });
  });
});
