import { describe, expect, it } from 'vitest';
import { generate, type GenerateOptions } from '../../../worker/mock/generate/index';
import type { JsonValue, Schema } from '../../../worker/mock/plan';
import { ajvValidate, makeAjv } from '../../support/ajv-helper';

/**
 * Realism never breaks a schema: every value below is generated with many seeds and checked by Ajv
 * before its realism is asserted.
 */

const ajv = makeAjv();
const REF = Date.UTC(2026, 0, 1);

function many(schema: Schema, opts: Partial<GenerateOptions> = {}, seeds = 20): JsonValue[] {
  const out: JsonValue[] = [];
  for (let i = 0; i < seeds; i++) {
    const r = generate(schema, { seed: `s${i}`, defs: {}, dynamic: true, refDate: REF, ...opts });
    if (!r.ok) throw new Error(`generate failed at ${r.pointer}: ${r.reason}`);
    expect(ajvValidate(ajv, schema, opts.defs ?? {}, r.value), JSON.stringify(r.value)).toBeNull();
    out.push(r.value);
  }
  return out;
}

const prop = (name: string, schema: Schema, extra: Record<string, unknown> = {}): Schema =>
  ({ type: 'object', properties: { [name]: schema }, required: [name], ...extra }) as Schema;
const values = (name: string, schema: Schema, extra: Record<string, unknown> = {}) =>
  many(prop(name, schema, extra)).map((o) => (o as Record<string, JsonValue>)[name]);

describe('examples as templates (dynamic bodies)', () => {
  it('keeps an id prefix, length and character classes: cus_ + 14 alphanumerics', () => {
    const ids = values('id', { type: 'string', maxLength: 5000, example: 'cus_NffrFeUfNV2Hib' } as Schema);
    for (const id of ids) expect(id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(new Set(ids).size).toBeGreaterThan(15);
  });

  // rumble.run: `newest_mac_age` (int64, example 1304035200000000000) came out as 9.4e18, past
  // the int64 maximum a converter writes as `maximum`.
  it('keeps an int64 shaped like its 19-digit example inside int64', () => {
    for (const v of values('newest_mac_age', {
      type: 'integer',
      format: 'int64',
      example: 1304035200000000000,
    } as Schema)) {
      expect(v as number).toBeLessThanOrEqual(2 ** 63);
      expect(v as number).toBeGreaterThanOrEqual(-(2 ** 63));
    }
  });

  it('keeps a Twilio SID prefix with 32 hex digits', () => {
    const sids = values('sid', { type: 'string', example: 'SM1f0e8ae6ade43cb3c0ce4525424e404f' } as Schema);
    for (const s of sids) expect(s).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('varies a word within its vocabulary: state "open" stays open or closed', () => {
    const states = values('state', { type: 'string', example: 'open' } as Schema);
    for (const s of states) expect(['open', 'closed']).toContain(s);
    expect(new Set(states).size).toBe(2);
  });

  // train-travel's stations: a second station's timezone was "Orderly/Venom".
  it('varies a time zone among time zones', () => {
    const zones = values('timezone', { type: 'string', example: 'Europe/Berlin' } as Schema);
    for (const z of zones) expect(z).toMatch(/^(Europe|America|Asia|Australia)\/[A-Z][A-Za-z_]+$/);
    expect(new Set(zones).size).toBeGreaterThan(2);
    expect(zones.some((z) => /Venom|Orderly/.test(String(z)))).toBe(false);
  });

  it('keeps a slug shape: owner/Repo-Name', () => {
    const names = values('full_name', { type: 'string', example: 'octocat/Hello-World' } as Schema);
    for (const n of names) expect(n).toMatch(/^[a-z]+\/[A-Z][a-z]+-[A-Z][a-z]+$/);
  });

  it('keeps a lone domain word as written, and the prose of a title', () => {
    for (const v of values('os', { type: 'string', example: 'solaris' } as Schema)) expect(v).toBe('solaris');
    const title = 'Found a bug in the parser';
    for (const v of values('title', { type: 'string', example: title } as Schema)) expect(v).toBe(title);
  });

  it('keeps digit count for numbers and the notation of dates', () => {
    for (const n of values('number', { type: 'integer', example: 1347 } as Schema))
      expect(String(n)).toMatch(/^[1-9]\d{3}$/);
    const rfc = values('date', { type: 'string', example: 'Tue, 01 Dec 2026 10:00:00 +0000' } as Schema);
    for (const d of rfc) expect(d).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000$/);
  });

  it('never uses a template value the schema rejects, nor an invalid example', () => {
    // maxLength 6 admits the example's shape only as the example itself is 7 long: none fits.
    const tight = values('code', { type: 'string', maxLength: 6, example: 'ab_1234' } as Schema);
    for (const v of tight) expect(String(v).length).toBeLessThanOrEqual(6);
    const pattern = values('ref', { type: 'string', pattern: '^[0-9]+$', example: 'cus_abc' } as Schema);
    for (const v of pattern) expect(v).toMatch(/^[0-9]+$/);
  });

  it('lets the enclosing example guide properties that have none', () => {
    const schema = {
      type: 'object',
      properties: { owner: { type: 'string' }, node_id: { type: 'string' } },
      required: ['owner', 'node_id'],
      // Invalid as a whole (not an integer), so it is never returned as is.
      example: { owner: 'octocat', node_id: 'MDQ6VXNlcjE=', extra: 1 },
      additionalProperties: false,
    } as Schema;
    for (const v of many(schema) as Record<string, string>[]) {
      expect(v.owner).toMatch(/^[a-z]+$/);
      expect(v.node_id).toMatch(/^[A-Za-z0-9]{11}=$/);
    }
  });

  it('gives `to` the shape of its sibling `from`', () => {
    const schema = {
      type: 'object',
      properties: { from: { type: 'string', example: '+14155550123' }, to: { type: 'string' } },
      required: ['from', 'to'],
    } as Schema;
    for (const v of many(schema) as Record<string, string>[]) expect(v.to).toMatch(/^\+\d{11}$/);
  });
});

// sendgrid.com.json: a template's schema has an example; every template of a list carried its id.
describe('the items of a list in a static body (examples as written)', () => {
  const thing = {
    type: 'object',
    required: ['id', 'name', 'count'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      count: { type: 'integer' },
    },
    example: { id: '733ba07f-ead1-41fc-933a-3976baa23716', name: 'Welcome', count: 3 },
  };
  const list = { type: 'array', minItems: 3, maxItems: 5, items: { $ref: '#/$defs/thing' } } as Schema;

  it('shows the example as the first item and gives every other item an id of its own', () => {
    for (const items of many(list, { dynamic: false, defs: { thing } as Record<string, Schema> }, 10)) {
      const rows = items as Record<string, JsonValue>[];
      expect(rows[0]).toEqual(thing.example);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    }
  });

  it('also where the example is invalid as a whole and guides each member', () => {
    const broken = { ...thing, example: { ...thing.example, count: 'three' } };
    for (const items of many(
      list,
      { dynamic: false, defs: { thing: broken } as Record<string, Schema> },
      10,
    )) {
      const rows = items as Record<string, JsonValue>[];
      expect(rows[0].id).toBe(thing.example.id);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    }
  });
});

// sendgrid.com.json: `updated_at ` has only `pattern: ^(\d{4}-\d{2}-\d{2}) ((\d{2}):(\d{2}):(\d{2}))$`,
// whose random digits made month 25 and hour 49.
describe('a date or time spelled by a pattern without a format', () => {
  const realInstant = (s: string) => !Number.isNaN(Date.parse(s.replace(' ', 'T') + 'Z'));
  it("is a recent real instant in the pattern's notation", () => {
    const spaced = values('updated_at', {
      type: 'string',
      pattern: '^(\\d{4}-\\d{2}-\\d{2}) ((\\d{2}):(\\d{2}):(\\d{2}))$',
    } as Schema);
    for (const v of spaced as string[]) {
      expect(realInstant(v)).toBe(true);
      expect(Date.parse(v.replace(' ', 'T') + 'Z')).toBeGreaterThan(REF - 366 * 86_400_000);
    }
    for (const v of values('day', { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as Schema))
      expect(realInstant(`${v as string} 00:00:00`)).toBe(true);
    for (const v of values('opens', { type: 'string', pattern: '^\\d\\d:\\d\\d$' } as Schema)) {
      const [h, m] = (v as string).split(':').map(Number);
      expect(h).toBeLessThan(24);
      expect(m).toBeLessThan(60);
    }
  });
});

// netlify.com.json: every site was named like a person ("Bonnie McLaughlin"), and so was petstore's pet.
// box.com.json: a folder's `created_by` (User--Base: only `type` required) came without its id,
// which Box's SDK refuses ("Expecting id of type UserMini to be defined").
describe('an object deep in a body', () => {
  it('always carries its own id', () => {
    const user = {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['user'] }, id: { type: 'string' }, name: { type: 'string' } },
    };
    const schema = {
      type: 'object',
      required: ['folder'],
      properties: {
        folder: {
          type: 'object',
          required: ['owner'],
          properties: {
            owner: { type: 'object', required: ['created_by'], properties: { created_by: user } },
          },
        },
      },
    } as Schema;
    for (const v of many(schema, {}, 30) as Record<
      string,
      Record<string, Record<string, Record<string, JsonValue>>>
    >[])
      expect(typeof v.folder.owner.created_by.id).toBe('string');
  });
});

describe('the name of a thing says what the thing is', () => {
  const named = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
  const nameOf = (def: string) =>
    many({ $ref: `#/$defs/${def}` } as Schema, { defs: { [def]: named } as Record<string, Schema> }).map(
      (v) => (v as { name: string }).name,
    );
  it('a site or a repository is a slug, a pet has a pet name, a customer a person name', () => {
    for (const n of [...nameOf('site'), ...nameOf('Repository')]) expect(n).toMatch(/^[a-z]+-[a-z]+$/);
    for (const n of nameOf('Pet')) expect(n).toMatch(/^[A-Z][a-z]+$/);
    for (const n of nameOf('Customer')) expect(n).toMatch(/^[A-Z][a-zA-Z'-]+ [A-Z][a-zA-Z'-]+/);
  });
});

describe('formats and field names real specs use', () => {
  const cases: [string, Schema, RegExp][] = [
    ['from', { type: 'string', format: 'phone-number' } as Schema, /^\+1[2-9]\d{2}[2-9]\d{6}$/],
    ['price_unit', { type: 'string', format: 'currency' } as Schema, /^[A-Z]{3}$/],
    ['country', { type: 'string', format: 'iso-country-code' } as Schema, /^[A-Z]{2}$/],
    ['lang', { type: 'string', format: 'language' } as Schema, /^[a-z]{2}$/],
    [
      'date_created',
      { type: 'string', format: 'date-time-rfc-2822' } as Schema,
      /^\w{3}, \d\d \w{3} \d{4} [\d:]{8} \+0000$/,
    ],
    [
      'updated',
      { type: 'string', format: 'date-time-rfc1123' } as Schema,
      /^\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT$/,
    ],
    ['mime', { type: 'string', format: 'mime-type' } as Schema, /^[a-z]+\/[a-z.+-]+$/],
    ['device', { type: 'string', format: 'mac-address' } as Schema, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/],
    ['release', { type: 'string', format: 'semver' } as Schema, /^\d+\.\d+\.\d+$/],
    ['background', { type: 'string', format: 'color' } as Schema, /^#[0-9a-f]{6}$/],
    ['client', { type: 'string', format: 'ip' } as Schema, /^\d+\.\d+\.\d+\.\d+$/],
    ['timeout', { type: 'string', format: 'google-duration' } as Schema, /^\d+s$/],
    ['account_sid', { type: 'string' } as Schema, /^AC[0-9a-f]{32}$/],
    ['num_media', { type: 'string' } as Schema, /^\d+$/],
    ['repos_url', { type: 'string', format: 'uri' } as Schema, /^https:\/\/[^/]+\/repos\/\d+$/],
    // netlify.com.json's site (no examples): these were word salad ("hopeful standard pillow").
    ['custom_domain', { type: 'string' } as Schema, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/],
    ['account_slug', { type: 'string' } as Schema, /^[a-z]+(-[a-z]+)+$/],
    [
      'repo_branch',
      { type: 'string' } as Schema,
      /^(main|develop|staging|release|(feature|fix|chore)\/[a-z]+-[a-z]+)$/,
    ],
    ['cmd', { type: 'string' } as Schema, /^[a-z]+ [a-z./-]+( [a-z./-]+)?$/],
    ['commit_ref', { type: 'string' } as Schema, /^[0-9a-f]{40}$/],
    ['deploy_hook', { type: 'string' } as Schema, /^https:\/\/\S+$/],
    // squareup.com.json's customer: group_ids were words, a birthday fell in the last year.
    ['group_ids', { type: 'string' } as Schema, /^[0-9a-f-]{36}$/],
    ['birthday', { type: 'string', format: 'date' } as Schema, /^(19[4-9]\d|200[0-8])-\d\d-\d\d$/],
    // atlassian.com/jira.json: a created issue's and every user's `self` were words.
    ['self', { type: 'string' } as Schema, /^https?:\/\/\S+$/],
  ];
  for (const [name, schema, re] of cases)
    it(`${name} (${(schema as { format?: string }).format ?? 'by name'})`, () => {
      for (const v of values(name, schema)) expect(v).toMatch(re);
    });

  it('an int64 string named internalDate is epoch milliseconds of the past year', () => {
    for (const v of values('internalDate', { type: 'string', format: 'int64' } as Schema)) {
      const ms = Number(v);
      expect(v).toMatch(/^\d{13}$/);
      expect(ms).toBeLessThanOrEqual(REF);
      expect(ms).toBeGreaterThan(REF - 366 * 86_400_000);
    }
  });

  it('integers by name: exp_month is a month, percent_off at most 100', () => {
    for (const v of values('exp_month', { type: 'integer' } as Schema)) expect(v).toBeGreaterThanOrEqual(1);
    for (const v of values('exp_month', { type: 'integer' } as Schema)) expect(v).toBeLessThanOrEqual(12);
    for (const v of values('percent_off', { type: 'number' } as Schema)) expect(v).toBeLessThanOrEqual(100);
  });
});

describe('identity without a template (direct callers)', () => {
  it('the root url embeds the request path', () => {
    const schema = prop('url', { type: 'string', format: 'uri' } as Schema);
    const opts = { pathParams: { thingId: '7' }, realism: { requestPath: '/things/7' } };
    for (const v of many(schema, opts) as Record<string, JsonValue>[])
      expect(v.url).toMatch(/^https:\/\/[^/]+\/things\/7$/);
  });
});

describe('values from outside the schema', () => {
  it('never echoes a path value into a string whose pattern is too risky to run', () => {
    // Star height 2: ingest flags it, so the generator cannot check an outside value against it.
    const name = { type: 'string', pattern: '^([A-Za-z]_?)+$', 'x-specmock-unsafe-pattern': true } as Schema;
    for (const v of many(prop('name', name), { pathParams: { name: 'two words' } }))
      expect((v as Record<string, string>).name).not.toBe('two words');
  });

  it('never reflects a sent member into a string whose pattern is too risky to run', () => {
    // sagemaker's EntityName (star height 2) under an allOf, answering a Describe… that sent an ARN.
    const name = {
      type: 'string',
      pattern: '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$',
      'x-specmock-unsafe-pattern': true,
      minLength: 1,
      maxLength: 63,
    } as Schema;
    const sent = { ModelPackageGroupName: 'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/g' };
    const schema = prop('ModelPackageGroupName', { allOf: [name, {}] } as Schema);
    for (const v of many(schema, { realism: { method: 'POST', status: 200, sent } }))
      expect((v as Record<string, string>).ModelPackageGroupName).not.toBe(sent.ModelPackageGroupName);
  });
});

describe('consistency inside a body', () => {
  const choice = {
    type: 'object',
    properties: {
      text: { type: 'string' },
      index: { type: 'integer' },
      finish_reason: { type: 'string' },
      logprobs: { type: 'object', properties: { tokens: { type: 'array', items: { type: 'string' } } } },
      model: { type: 'string' },
      created: { type: 'integer' },
    },
  };
  const choices = { type: 'array', minItems: 5, maxItems: 5, items: choice };

  // openai.com: the choices of one completion came out as {finish_reason}, {text}, {index, text}.
  it('gives the items of an array deep in a body the same optional members', () => {
    const schema = prop('result', prop('choices', choices));
    const shapes = new Set<string>();
    for (const body of many(schema, {}, 30) as { result: { choices: object[] } }[]) {
      const keys = body.result.choices.map((c) => Object.keys(c).sort().join());
      expect(new Set(keys).size, JSON.stringify(body.result.choices)).toBe(1);
      shapes.add(keys[0]);
    }
    // Which optional members a body has still varies from body to body.
    expect(shapes.size).toBeGreaterThan(1);
  });

  // openai.com again: with one shape per completion, some completions had no choice with a `text`,
  // which every client of completions reads. No member of a choice is required by the spec.
  it('gives the items of a list the root holds every optional member, as the root has', () => {
    for (const body of many(prop('choices', choices), {}, 30) as { choices: Record<string, unknown>[] }[])
      for (const c of body.choices)
        expect(Object.keys(c).sort()).toEqual(Object.keys(choice.properties).sort());
  });

  const t = { type: 'string', format: 'date-time' };
  it('orders lifecycle times even when the schema lists them out of order', () => {
    const schema = {
      type: 'object',
      properties: { closed_at: t, updated_at: t, created_at: t, merged_at: t },
      required: ['closed_at', 'updated_at', 'created_at', 'merged_at'],
    } as Schema;
    for (const v of many(schema, {}, 40) as Record<string, string>[]) {
      expect(Date.parse(v.created_at)).toBeLessThanOrEqual(Date.parse(v.updated_at));
      expect(Date.parse(v.updated_at)).toBeLessThanOrEqual(Date.parse(v.closed_at));
      expect(Date.parse(v.updated_at)).toBeLessThanOrEqual(Date.parse(v.merged_at));
    }
  });

  it('orders epoch and RFC 2822 times too', () => {
    const schema = {
      type: 'object',
      properties: {
        date_updated: { type: 'string', format: 'date-time-rfc-2822' },
        date_created: { type: 'string', format: 'date-time-rfc-2822' },
        endTime: { type: 'integer', format: 'unix-time' },
        startTime: { type: 'integer', format: 'unix-time' },
      },
      required: ['date_updated', 'date_created', 'endTime', 'startTime'],
    } as Schema;
    for (const v of many(schema, {}, 40) as Record<string, string & number>[]) {
      expect(Date.parse(v.date_created)).toBeLessThanOrEqual(Date.parse(v.date_updated));
      expect(v.startTime).toBeLessThanOrEqual(v.endTime);
    }
  });

  it('an open item has no end times (closed_at, merged_at null) but keeps its due date', () => {
    const when = { type: 'string', format: 'date-time', nullable: true };
    const schema = {
      type: 'object',
      properties: {
        state: { type: 'string', enum: ['open', 'closed'] },
        closed_at: { ...when, type: ['string', 'null'] },
        merged_at: { ...when, type: ['string', 'null'] },
        due_on: { type: ['string', 'null'], format: 'date-time' },
        created_at: { type: 'string', format: 'date-time' },
      },
      required: ['state', 'closed_at', 'merged_at', 'due_on', 'created_at'],
    } as Schema;
    const bodies = many(schema, {}, 40) as Record<string, string | null>[];
    for (const v of bodies.filter((b) => b.state === 'open')) {
      expect(v.closed_at).toBeNull();
      expect(v.merged_at).toBeNull();
    }
    expect(bodies.some((b) => b.state === 'open' && b.due_on !== null)).toBe(true);
    expect(bodies.some((b) => b.state === 'closed' && b.closed_at !== null)).toBe(true);
  });

  it('keeps a charge’s refunded and captured amounts within its amount', () => {
    const n = { type: 'integer', minimum: 0 };
    const schema = {
      type: 'object',
      properties: { amount: n, amount_refunded: n, amount_captured: n },
      required: ['amount', 'amount_refunded', 'amount_captured'],
    } as Schema;
    for (const v of many(schema, {}, 40) as Record<string, number>[]) {
      expect(v.amount_refunded).toBeLessThanOrEqual(v.amount);
      expect(v.amount_captured).toBeLessThanOrEqual(v.amount);
    }
  });

  it('keeps parts within their totals', () => {
    const n = { type: 'integer', minimum: 0 };
    const schema = {
      type: 'object',
      properties: {
        messagesUnread: n,
        messagesTotal: n,
        remaining: n,
        limit: n,
        used: n,
        quotaRemaining: n,
        quotaTotal: n,
      },
      required: [
        'messagesUnread',
        'messagesTotal',
        'remaining',
        'limit',
        'used',
        'quotaRemaining',
        'quotaTotal',
      ],
    } as Schema;
    for (const v of many(schema, {}, 40) as Record<string, number>[]) {
      expect(v.messagesUnread).toBeLessThanOrEqual(v.messagesTotal);
      expect(v.remaining).toBeLessThanOrEqual(v.limit);
      expect(v.used).toBeLessThanOrEqual(v.limit);
      expect(v.quotaRemaining).toBeLessThanOrEqual(v.quotaTotal);
    }
  });

  it('leaves a pair alone when the schema cannot hold the consistent values', () => {
    const schema = {
      type: 'object',
      properties: {
        messagesUnread: { type: 'integer', minimum: 50, maximum: 60 },
        messagesTotal: { type: 'integer', minimum: 1, maximum: 10 },
      },
      required: ['messagesUnread', 'messagesTotal'],
    } as Schema;
    many(schema); // valid for every seed, which is all that can be asked
  });

  it('mirrors the HTTP status of an error response in status/code, when the schema admits it', () => {
    const schema = {
      type: 'object',
      properties: {
        code: { type: 'integer' },
        error: { type: 'object', properties: { status: { type: 'integer' } }, required: ['status'] },
        status: { type: 'string' },
      },
      required: ['code', 'error', 'status'],
    } as Schema;
    for (const v of many(schema, { realism: { status: 503 } }) as Record<string, JsonValue>[]) {
      expect(v.code).toBe(503);
      expect(v.status).toBe('503');
      expect((v.error as Record<string, JsonValue>).status).toBe(503);
    }
    const closed = prop('code', { type: 'integer', enum: [400, 401] } as Schema);
    for (const v of many(closed, { realism: { status: 503 } }) as Record<string, number>[])
      expect([400, 401]).toContain(v.code);
  });
});
