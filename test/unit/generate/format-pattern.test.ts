import { describe, expect, it } from 'vitest';
import { generate } from '../../../worker/mock/generate/index';
import type { JsonValue, Schema } from '../../../worker/mock/plan';
import { ajvValidate, makeAjv } from '../../support/ajv-helper';

/**
 * A `format` and a `pattern` on one string: the value satisfies both, checked by Ajv + ajv-formats
 * (never by the generator's own checks), the spec's example first.
 */

const ajv = makeAjv();

function values(schema: Schema, seeds = 25): JsonValue[] {
  const out: JsonValue[] = [];
  for (let i = 0; i < seeds; i++)
    for (const dynamic of [false, true]) {
      const r = generate(schema, { seed: `s${i}`, defs: {}, dynamic });
      if (!r.ok) throw new Error(`seed ${i}: ${r.pointer} ${r.reason}`);
      expect(ajvValidate(ajv, schema, {}, r.value), `seed ${i}: ${JSON.stringify(r.value)}`).toBeNull();
      out.push(r.value);
    }
  return out;
}

const DATE = '\\d{4}-\\d{2}-\\d{2}';

describe('format and pattern together', () => {
  it.each([
    // shipengine.com: the pattern's random digits gave "0883-91-43T70:88:01Z"
    ['date-time', `^${DATE}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[-+]\\d{2}:\\d{2})$`, {}],
    ['date-time', `^${DATE}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[-+]\\d{2}:\\d{2}))?$`, {}],
    // milliseconds required: a format value needs another spelling
    ['date-time', `^${DATE}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$`, {}],
    ['date-time', `^${DATE}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$`, {}],
    ['date', `^${DATE}$`, {}],
    ['time', '^\\d{2}:\\d{2}:\\d{2}\\.\\d{2}Z$', {}],
    ['uuid', '^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$', {}],
    ['email', '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', {}],
    ['uri', '^https://', {}],
  ])('%s with %s', (format, pattern, extra) => {
    values({ type: 'string', format, pattern, ...extra });
  });

  // unicourt.com: date-times of exactly 25 characters answered unsatisfiable-schema
  it('a format within exact length bounds', () => {
    values({ type: 'string', format: 'date-time', minLength: 25, maxLength: 25 });
    values({ type: 'string', format: 'date-time', minLength: 24, maxLength: 24 });
  });

  it('serves the example first when it satisfies both', () => {
    const schema: Schema = {
      type: 'string',
      format: 'date-time',
      pattern: `^${DATE}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$`,
      example: '2018-09-23T15:00:00.000Z',
    };
    const r = generate(schema, { seed: 'x', defs: {} });
    expect(r.ok && r.value).toBe('2018-09-23T15:00:00.000Z');
    values(schema);
  });
});

// peertube.json: `username: {pattern: "/^[a-z0-9._]+$/"}`. Validation reads a request's regex
// literal between its slashes (lenient-request.ts); a generated request reads it the same way, so
// it has the required username (it was left out, and every generated call was refused).
describe('a pattern written as a regex literal', () => {
  const schema = {
    type: 'object',
    required: ['username'],
    properties: { username: { type: 'string', pattern: '/^[a-z0-9._]+$/' } },
  } as Schema;
  it('is read between its slashes in a request', () => {
    for (const seed of ['a', 'b', 'c']) {
      const r = generate(schema, { seed, defs: {}, direction: 'request', refDate: 0 });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect((r.value as { username: string }).username).toMatch(/^[a-z0-9._]+$/);
    }
  });
});
