import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import type { MediaPlan } from '../../worker/mock/plan';
import { ingest } from '../../worker/ingest/ingest';
import { independentValidator, parseOriginal } from '../../scripts/corpus/independent-validator';
import { LENIENT_REASONS } from '../../worker/mock/lenient-reason';
import { mockPaths } from '../../worker/openapi/mock-paths';
import { readFileSync } from 'node:fs';

/**
 * Every reason `x-specmock-lenient` can carry, on its smallest schema: no value satisfies the schema
 * under the strict reading (argued in each case, and every candidate value the argument names is
 * shown to fail the independent validator: openapi-schema-to-json-schema + Ajv on the original
 * document), the publish records exactly the keyword it relaxes, and every body is valid once the
 * validator excuses that keyword and nothing else.
 */

type Json = Record<string, unknown>;
const AT = '/paths/~1x/get/responses/200/content/application~1json/schema';

function doc(schema: unknown, schemas: Json = {}, version = '3.0.3'): string {
  return JSON.stringify({
    openapi: version,
    info: { title: 't', version: '1' },
    paths: {
      '/x': {
        get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } },
      },
    },
    components: { schemas },
  });
}

async function publish(text: string) {
  const { plan, warnings } = await ingest(text);
  const media: MediaPlan = plan.operations[0].responses[0].content['application/json'];
  const validator = await independentValidator(parseOriginal(text));
  /** The independent verdict, with the keywords at `relaxed` read the relaxed way for `reason`. */
  const judge = (body: unknown, relaxed: readonly string[] = [], reason = media.lenient ?? '') =>
    validator.check(
      '/x',
      'get',
      200,
      'application/json',
      JSON.stringify(body),
      relaxed.map((pointer) => ({ reason, pointer })),
    );
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const bodies = (n = 12) =>
    Array.from({ length: n }, (_, i) => {
      const prefer = `${i % 2 ? 'dynamic=true, ' : ''}seed=${i}`;
      const out = mock(target, { method: 'GET', path: '/x', query: [], headers: { prefer } });
      if (!out.ok) throw new Error(`${out.problem.type}: ${out.problem.detail}`);
      return { header: out.response.headers['x-specmock-lenient'], body: JSON.parse(out.response.body!) };
    });
  const warning = warnings.find((w) => w.pointer === AT && w.message.includes('x-specmock-lenient'));
  return { media, judge, bodies, warning: warning?.message };
}

const A = { type: 'object', required: ['x'], properties: { x: { type: 'string' } } };

interface Case {
  reason: string;
  text: string;
  /** Where the relaxed keyword is written. */
  relaxed: string;
  /** Values the proof covers: each fails the strict reading. */
  candidates: unknown[];
}

const cases: Case[] = [
  {
    // Both branches are the same schema: a value matches both or neither, never exactly one.
    reason: 'oneof-overlap',
    text: doc({ oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/A' }] }, { A }),
    relaxed: `${AT}/oneOf`,
    candidates: [{}, { x: 'a' }, 'a', null, 1],
  },
  {
    // The allOf requires `x`; `additionalProperties: false` beside no `properties` forbids every name.
    reason: 'additional-properties-vs-allof',
    text: doc(
      { type: 'object', additionalProperties: false, allOf: [{ $ref: '#/components/schemas/A' }] },
      { A },
    ),
    relaxed: `${AT}/additionalProperties`,
    candidates: [{}, { x: 'a' }],
  },
  {
    // `type: null` admits only null; the oneOf's only branch only strings.
    reason: 'type-null-beside-oneof',
    text: doc({ type: 'null', oneOf: [{ type: 'string' }] }),
    relaxed: `${AT}/type`,
    candidates: [null, 'a'],
  },
  {
    // An L needs an L under `next`, and 3.0.3 adds no null beside a bare allOf: a finite value
    // would need a deepest L, which has no `next`.
    reason: 'recursion-cut',
    text: doc(
      { $ref: '#/components/schemas/L' },
      {
        L: {
          type: 'object',
          required: ['next'],
          properties: { next: { nullable: true, allOf: [{ $ref: '#/components/schemas/L' }] } },
        },
      },
    ),
    relaxed: '/components/schemas/L/type',
    candidates: [null, {}, { next: null }, nest(8, null), nest(8, {})],
  },
  {
    // Every string the pattern matches contains a 36-character match; maxLength is 32.
    reason: 'pattern-vs-length',
    text: doc({
      type: 'string',
      pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      maxLength: 32,
    }),
    relaxed: `${AT}/maxLength`,
    candidates: ['0123abcd-0123-0123-0123-0123456789ab', '0123abcd-0123-0123-0123-01234567', ''],
  },
  {
    // shipengine.com: `created_at` is a date-time and, through its allOf, `^se(-[a-z0-9]+)+$`.
    // Every date-time starts with a digit, every match of the pattern with `s`.
    reason: 'pattern-vs-format',
    text: doc(
      { allOf: [{ $ref: '#/components/schemas/se_id' }], type: 'string', format: 'date-time' },
      { se_id: { type: 'string', pattern: '^se(-[a-z0-9]+)+$', maxLength: 25, example: 'se-28529731' } },
    ),
    relaxed: '/components/schemas/se_id/pattern',
    candidates: ['2025-10-15T13:51:09Z', 'se-28529731', 'se-2025-10-15T13:51:09Z', 's2025-10-15T13:51:09Z'],
  },
  {
    // The enum admits two strings, `type: object` no string: the candidates are the whole enum.
    reason: 'enum-contradicts-schema',
    text: doc({
      type: 'object',
      enum: ['PKW', 'VAN'],
      required: ['name'],
      properties: { name: { type: 'string' } },
    }),
    relaxed: `${AT}/type`,
    candidates: ['PKW', 'VAN'],
  },
  {
    // xero.com: a Quote's `Contact: {$ref: Contact, type: string}`. 3.0 ignores the `type`, a JSON
    // Schema validator applies it beside Contact's `type: object`: no value is both.
    reason: 'type-beside-ref',
    text: doc(
      { $ref: '#/components/schemas/Q' },
      {
        Q: {
          type: 'object',
          required: ['contact'],
          properties: { contact: { $ref: '#/components/schemas/C', type: 'string' } },
        },
        C: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      },
    ),
    relaxed: '/components/schemas/Q/properties/contact/type',
    candidates: [{ contact: 'a' }, { contact: { name: 'a' } }, { contact: {} }, {}],
  },
];

function nest(depth: number, last: unknown): unknown {
  return depth === 0 ? last : { next: nest(depth - 1, last) };
}

describe('every lenient reason: no valid value exists, and only its keyword is relaxed', () => {
  it.each(cases)('$reason', async ({ reason, text, relaxed, candidates }) => {
    const api = await publish(text);
    for (const c of candidates) expect(api.judge(c), JSON.stringify(c)).toMatchObject({ valid: false });
    expect(api.media.lenient).toBe(reason);
    expect(api.media.relaxed).toEqual([{ reason, pointer: relaxed }]);
    expect(api.warning).toContain(`relaxing ${relaxed} (${reason}), with x-specmock-lenient: ${reason}`);
    for (const { header, body } of api.bodies()) {
      expect(header).toBe(reason);
      expect(api.judge(body, [relaxed]), JSON.stringify(body)).toEqual({ valid: true, excused: true });
    }
  });

  // `multipleOf: 0`: n / 0 is never an integer (Infinity or NaN). The yardstick drops the keyword
  // (Ajv refuses it as a schema), so the candidates are checked by Ajv's own rule here.
  it('multipleof-zero', async () => {
    const api = await publish(doc({ type: 'number', minimum: 0, multipleOf: 0 }));
    for (const n of [0, 1, 2.5, 1e9]) expect(Number.isInteger(n / 0)).toBe(false);
    expect(api.media.relaxed).toEqual([{ reason: 'multipleof-zero', pointer: `${AT}/multipleOf` }]);
    for (const { header, body } of api.bodies()) {
      expect(header).toBe('multipleof-zero');
      expect(api.judge(body)).toEqual({ valid: true });
    }
  });
});

describe('every reason the generator can give', () => {
  // A reason added without its proof here, or without a word in the docs, fails this.
  it('has its proof above and is named in the README and the service OpenAPI document', () => {
    const proved = new Set([...cases.map((c) => c.reason), 'multipleof-zero']);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const header =
      mockPaths['/mock/{api}/{version}/{path}'].get.responses['200'].headers['x-specmock-lenient'];
    for (const reason of LENIENT_REASONS) {
      expect(proved, reason).toContain(reason);
      expect(readme, reason).toContain(`\`${reason}\``);
      expect(header.description, reason).toContain(reason);
    }
  });
});

describe('real shapes of the lenient reasons', () => {
  // vercel.com: an edge-config item's `value` is `type: "null"` beside a oneOf of every other type
  // (3.0 has no null type; the author meant "any JSON value, or null"), recursive through arrays.
  it('type-null-beside-oneof through a recursive array branch', async () => {
    const Value = {
      type: 'null',
      oneOf: [
        { type: 'string' },
        { type: 'number' },
        { type: 'boolean' },
        { type: 'object' },
        { type: 'array', items: { $ref: '#/components/schemas/Value' } },
      ],
    };
    const Item = {
      type: 'object',
      required: ['key', 'value'],
      properties: { key: { type: 'string' }, value: { $ref: '#/components/schemas/Value' } },
    };
    const api = await publish(doc({ $ref: '#/components/schemas/Item' }, { Item, Value }));
    for (const c of [null, 'a', 1, true, {}, []])
      expect(api.judge({ key: 'k', value: c }), JSON.stringify(c)).toMatchObject({ valid: false });
    const relaxed = ['/components/schemas/Value/type'];
    expect(api.media.relaxed).toEqual([{ reason: 'type-null-beside-oneof', pointer: relaxed[0] }]);
    for (const { body } of api.bodies(24))
      expect(api.judge(body, relaxed), JSON.stringify(body)).toEqual({ valid: true, excused: true });
  });
});

describe('type-beside-ref: only the media that reach it', () => {
  // microcks.local: a labels map's `additionalProperties: {$ref: StringArray, type: object}`,
  // reached here through a second def.
  const schemas = {
    Page: { type: 'object', properties: { labels: { $ref: '#/components/schemas/Labels' } } },
    Labels: {
      type: 'object',
      additionalProperties: { $ref: '#/components/schemas/StringArray', type: 'object' },
    },
    StringArray: { type: 'array', items: { type: 'string' } },
    Narrowed: { $ref: '#/components/schemas/Maybe', type: 'string' },
    Maybe: { type: ['string', 'integer'] },
  };

  it('through another def, every body valid with that one `type` excused', async () => {
    const api = await publish(doc({ $ref: '#/components/schemas/Page' }, schemas));
    const relaxed = '/components/schemas/Labels/additionalProperties/type';
    expect(api.media.relaxed).toEqual([{ reason: 'type-beside-ref', pointer: relaxed }]);
    expect(api.judge({ labels: { a: ['x'] } })).toMatchObject({ valid: false });
    expect(api.judge({ labels: { a: {} } })).toMatchObject({ valid: false });
    for (const { header, body } of api.bodies(24)) {
      expect(header).toBe('type-beside-ref');
      expect(api.judge(body, [relaxed]), JSON.stringify(body)).toEqual({ valid: true, excused: true });
    }
    // The excuse is that keyword alone: a wrong item under it is still refused.
    expect(api.judge({ labels: { a: [1] } }, [relaxed])).toMatchObject({ valid: false });
  });

  it('a media that cannot reach it, or a sibling `type` that narrows, is not lenient', async () => {
    for (const root of [
      { $ref: '#/components/schemas/StringArray' },
      { $ref: '#/components/schemas/Narrowed' },
    ]) {
      const api = await publish(doc(root, schemas));
      expect(api.media.lenient).toBeUndefined();
      expect(api.media.relaxed).toBeUndefined();
      for (const { header, body } of api.bodies(6)) {
        expect(header).toBeUndefined();
        expect(api.judge(body)).toEqual({ valid: true });
      }
    }
  });
});

describe('the mark never hides another defect', () => {
  it('a lenient body with an unrelated violation is still invalid', async () => {
    const api = await publish(cases[1].text);
    const [{ body }] = api.bodies(1);
    expect(api.judge(body, [cases[1].relaxed])).toEqual({ valid: true, excused: true });
    const broken = { ...(body as Json), x: 5 };
    expect(api.judge(broken, [cases[1].relaxed])).toMatchObject({
      valid: false,
      kind: 'type:string<-number',
    });
  });

  it('a keyword relaxed elsewhere in the document excuses nothing here', async () => {
    const api = await publish(cases[1].text);
    const [{ body }] = api.bodies(1);
    expect(api.judge(body, ['/components/schemas/A/additionalProperties'])).toMatchObject({ valid: false });
  });

  // shipengine.com: a batch marked lenient for additionalProperties carried
  // "created_at": "0883-91-43T70:88:01Z"; the date-time under the allOf is held to its format.
  it('the rest of a lenient body follows the strict reading (format and pattern)', async () => {
    const date = {
      type: 'string',
      format: 'date-time',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[-+]\\d{2}:\\d{2})$',
    };
    const B = { type: 'object', required: ['created_at'], properties: { created_at: date } };
    const text = doc(
      { type: 'object', additionalProperties: false, allOf: [{ $ref: '#/components/schemas/B' }] },
      { B },
    );
    const api = await publish(text);
    expect(api.media.relaxed).toEqual([
      { reason: 'additional-properties-vs-allof', pointer: `${AT}/additionalProperties` },
    ]);
    for (const { body } of api.bodies(24))
      expect(api.judge(body, [`${AT}/additionalProperties`]), JSON.stringify(body)).toEqual({
        valid: true,
        excused: true,
      });
  });
});
