import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../worker/mock/generate/index';
import type { Schema } from '../../../worker/mock/plan';
import { makeAjv, rootSchema } from '../../support/ajv-helper';

/**
 * Random schemas → generate → Ajv must accept. The arbitrary only builds satisfiable schemas
 * (oneOf branches of distinct types, compatible bounds), so any ok:false is a generator bug too.
 */

const ajv = makeAjv();

const FIXED_DEFS: Record<string, Schema> = {
  Tree: {
    type: 'object',
    required: ['name', 'children'],
    properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Tree' } } },
  },
  List: {
    type: 'object',
    required: ['value', 'next'],
    properties: { value: { type: 'integer' }, next: { oneOf: [{ $ref: '#/$defs/List' }, { type: 'null' }] } },
  },
  Expr: {
    oneOf: [
      { type: 'number' },
      {
        type: 'object',
        required: ['op', 'left', 'right'],
        properties: {
          op: { enum: ['+', '-'] },
          left: { $ref: '#/$defs/Expr' },
          right: { $ref: '#/$defs/Expr' },
        },
      },
    ],
  },
  Pet: {
    type: 'object',
    required: ['petType'],
    properties: { petType: { type: 'string' }, name: { type: 'string' } },
    discriminator: { propertyName: 'petType' },
  } as Schema,
  Cat: {
    allOf: [
      { $ref: '#/$defs/Pet' },
      { type: 'object', properties: { lives: { type: 'integer', minimum: 1, maximum: 9 } } },
    ],
  },
  Dog: { allOf: [{ $ref: '#/$defs/Pet' }, { type: 'object', properties: { bark: { type: 'boolean' } } }] },
  AnyPet: {
    oneOf: [{ $ref: '#/$defs/Cat' }, { $ref: '#/$defs/Dog' }],
    discriminator: { propertyName: 'petType', mapping: { cat: '#/$defs/Cat', dog: '#/$defs/Dog' } },
  } as Schema,
};

const KEYS = [
  'id',
  'name',
  'email',
  'createdAt',
  'updated_at',
  'price',
  'tags',
  'status',
  'url',
  'a',
  'b',
  'user_id',
  'first-name',
  'count',
  'description',
  'petId',
  'avatarUrl',
  'latitude',
];
const FORMATS = [
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
  'duration',
  'binary',
  'password',
  'x-custom',
];
const PATTERNS = [
  '^[a-z]+$',
  '^[A-Z]{2,4}-\\d{1,5}$',
  '^\\d{3}-\\d{4}$',
  '[a-f0-9]{8}',
  '^(foo|bar|baz)$',
  '^[a-zA-Z0-9_]{3,16}$',
  '^\\+?[1-9]\\d{1,14}$',
];
const NUM_STEPS = [0.01, 0.1, 0.25, 0.5, 1.5, 2];

const str = fc.oneof(
  fc.tuple(fc.nat(8), fc.nat(30)).map(([a, b]) => ({ type: 'string', minLength: a, maxLength: a + b })),
  fc.constantFrom(...FORMATS).map((format) => ({ type: 'string', format })),
  fc.constantFrom(...PATTERNS).map((pattern) => ({ type: 'string', pattern })),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.nat(10))
    .map(([a, b]) => ({ type: 'string', pattern: '^[a-z]+$', minLength: a, maxLength: a + b })),
  fc.constant({ type: 'string' }),
);

const int = fc
  .tuple(
    fc.integer({ min: -1000, max: 1000 }),
    fc.nat(1000),
    fc.constantFrom(undefined, 1, 2, 3, 5, 7, 10),
    fc.boolean(),
    fc.constantFrom(undefined, 'int32', 'int64'),
  )
  .map(([lo, span, m, exclusive, format]) => {
    const s: Record<string, unknown> = { type: 'integer' };
    const width = span + 2 * (m ?? 1) + 2;
    if (exclusive) Object.assign(s, { exclusiveMinimum: lo, exclusiveMaximum: lo + width });
    else Object.assign(s, { minimum: lo, maximum: lo + width });
    if (m) s.multipleOf = m;
    if (format) s.format = format;
    return s;
  });

const num = fc
  .tuple(
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    fc.nat(500),
    fc.constantFrom(undefined, ...NUM_STEPS),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([lo, span, m, exclusive, bounded]) => {
    const s: Record<string, unknown> = { type: 'number' };
    const low = Math.round(lo * 100) / 100;
    const width = span + 2 * (m ?? 1) + 1;
    if (bounded) {
      if (exclusive) Object.assign(s, { exclusiveMinimum: low, exclusiveMaximum: low + width });
      else Object.assign(s, { minimum: low, maximum: low + width });
    }
    if (m) s.multipleOf = m;
    return s;
  });

const enums = fc.oneof(
  fc
    .uniqueArray(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean()), {
      minLength: 1,
      maxLength: 4,
    })
    .map((e) => ({ enum: e })),
  fc.oneof(fc.string({ maxLength: 6 }), fc.integer()).map((c) => ({ const: c })),
  fc.constant({ type: 'string', enum: ['available', 'pending', 'sold'] }),
);

const leaf = fc.oneof(
  str,
  int,
  num,
  enums,
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc.constant({ type: ['string', 'null'] }),
  fc.constant({ type: ['integer', 'string'], minimum: 0, maxLength: 5 }),
  fc.constant({}),
);

const refs = fc
  .constantFrom(
    '#/$defs/Tree',
    '#/$defs/List',
    '#/$defs/Expr',
    '#/$defs/AnyPet',
    '#/$defs/Cat',
    '#/$defs/Gen',
  )
  .map(($ref) => ({ $ref }));

function open(o: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const props = Object.fromEntries(
    Object.entries(o.properties as Record<string, unknown>).map(([k, v]) => [prefix + k, v]),
  );
  return { type: 'object', properties: props, required: (o.required as string[]).map((k) => prefix + k) };
}

type Arbs = {
  schema: Record<string, unknown>;
  object: Record<string, unknown>;
  array: Record<string, unknown>;
  oneOf: Record<string, unknown>;
};

const { schema } = fc.letrec<Arbs>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    leaf,
    tie('object'),
    tie('array'),
    tie('oneOf'),
    refs,
    // Two open objects with disjoint names: their merge is always satisfiable.
    fc.tuple(tie('object'), tie('object')).map(([a, b]) => ({ allOf: [open(a), open(b, 'x_')] })),
    fc.tuple(int, fc.integer({ min: 2000, max: 3000 })).map(([a, max]) => ({ allOf: [a, { maximum: max }] })),
    fc.tuple(tie('schema'), tie('schema')).map(([a, b]) => ({ anyOf: [a, b] })),
    tie('schema').map((s) => ({ anyOf: [s, { type: 'null' }] })),
    str.map((s) => ({ ...s, not: { const: 'zzz' } })),
  ),
  object: fc
    .tuple(
      fc.dictionary(fc.constantFrom(...KEYS), tie('schema'), { maxKeys: 5 }),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      fc.constantFrom(undefined, true, false, { type: 'integer' }),
    )
    .map(([props, req, additional]) => {
      const keys = Object.keys(props);
      const s: Record<string, unknown> = {
        type: 'object',
        properties: props,
        required: keys.filter((_, i) => req[i]),
      };
      if (additional !== undefined) s.additionalProperties = additional;
      if (additional === false) s.minProperties = Math.min(keys.length, 1);
      return s;
    }),
  array: fc
    .tuple(tie('schema'), fc.nat(3), fc.nat(4))
    .map(([items, a, b]) => ({ type: 'array', items, minItems: a, maxItems: a + b })),
  oneOf: fc
    .tuple(
      fc.shuffledSubarray(['string', 'integer', 'boolean', 'null', 'array', 'object'] as const, {
        minLength: 2,
        maxLength: 4,
      }),
      str,
      int,
      tie('array'),
      tie('object'),
    )
    .map(([types, s, i, a, o]) => ({
      oneOf: types.map((t) =>
        t === 'string' ? s : t === 'integer' ? i : t === 'array' ? a : t === 'object' ? o : { type: t },
      ),
    })),
}));

describe('property: generated values satisfy random schemas (checked by Ajv)', () => {
  it('valid for every seed', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        schema,
        schema.filter((s) => !JSON.stringify(s).includes('#/$defs/Gen')),
        fc.string({ maxLength: 8 }),
        (main, extra, seed) => {
          const defs = { ...FIXED_DEFS, Gen: extra as Schema };
          const validate = ajv.compile(rootSchema(main as Schema, defs));
          for (const dynamic of [false, true]) {
            const r = generate(main as Schema, { seed, defs, dynamic, pathParams: { petId: '7' } });
            if (!r.ok) throw new Error(`ok:false at ${r.pointer}: ${r.reason}\n${JSON.stringify(main)}`);
            if (!validate(r.value)) {
              throw new Error(
                `invalid: ${ajv.errorsText(validate.errors)}\nvalue: ${JSON.stringify(r.value)}\nschema: ${JSON.stringify(main)}`,
              );
            }
            const again = generate(main as Schema, { seed, defs, dynamic, pathParams: { petId: '7' } });
            expect(JSON.stringify(again)).toBe(JSON.stringify(r));
            checked++;
          }
        },
      ),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 400),
        seed:
          process.env.PROPERTY_SEED === 'random' ? undefined : Number(process.env.PROPERTY_SEED ?? 20261121),
      },
    );
    expect(checked).toBeGreaterThan(0);
  });
});
