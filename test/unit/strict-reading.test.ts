import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { matches } from '../../worker/mock/generate/check';
import { independentValidator, parseOriginal } from '../../scripts/corpus/independent-validator';

/**
 * One smallest description per failure class the real-world corpus (npm run corpus) revealed. Each
 * body is judged by the corpus's independent validator (openapi-schema-to-json-schema + Ajv on the
 * ORIGINAL document), never by specmock's own normaliser.
 */

type Json = Record<string, unknown>;

function doc(version: string, paths: Json, schemas: Json = {}): string {
  return JSON.stringify({
    openapi: version,
    info: { title: 't', version: '1' },
    paths,
    components: { schemas },
  });
}

/** `GET /e` answering 200 with this schema and these named examples. */
function withExamples(schema: unknown, examples: Json): Json {
  const media = { 'application/json': { schema, examples } };
  return { '/e': { get: { responses: { '200': { description: 'ok', content: media } } } } };
}

function get(schema: unknown, status = '200'): Json {
  return {
    get: { responses: { [status]: { description: 'ok', content: { 'application/json': { schema } } } } },
  };
}

async function publish(text: string) {
  const { plan, warnings } = await ingest(text);
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const validator = await independentValidator(parseOriginal(text));
  const call = (request: Partial<MockRequest> & { path: string }) =>
    mock(target, { method: 'GET', query: [], headers: {}, ...request });
  /** Calls with several seeds; every body must pass the independent validator. */
  const strictBodies = (path: string, seeds = 12) => {
    const verdicts = [];
    for (let i = 0; i < seeds; i++) {
      const out = call({ path, headers: { prefer: `seed=${i}` } });
      if (!out.ok) throw new Error(`${out.problem.type}: ${out.problem.detail}`);
      const r = out.response;
      verdicts.push({
        body: r.body,
        lenient: r.headers['x-specmock-lenient'],
        verdict: validator.check(path, 'get', r.status, r.headers['content-type'] ?? '', r.body ?? ''),
      });
    }
    return verdicts;
  };
  return { plan, warnings, call, strictBodies };
}

describe('OpenAPI 3.0.3 nullable rule: null only beside a type', () => {
  // GitHub, asana.com, box.com: `nullable: true` beside allOf/$ref answered null.
  it('never answers null for nullable beside allOf or $ref without type', async () => {
    const A = { type: 'object', properties: { x: { type: 'string' } } };
    const B = {
      type: 'object',
      required: ['a', 'b'],
      properties: {
        a: { nullable: true, allOf: [{ $ref: '#/components/schemas/A' }] },
        b: { nullable: true, oneOf: [{ type: 'string' }, { type: 'integer' }] },
      },
    };
    const api = await publish(doc('3.0.3', { '/b': get({ $ref: '#/components/schemas/B' }) }, { A, B }));
    for (const { verdict, body } of api.strictBodies('/b')) expect(verdict, body!).toEqual({ valid: true });
  });

  // GitHub's issue suggestions: a response example with null there was served as is.
  it('drops a response example that uses the typeless null', async () => {
    const schema = {
      type: 'object',
      required: ['v'],
      properties: { v: { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }] } },
      example: { v: null },
    };
    const api = await publish(doc('3.0.3', { '/e': get(schema) }));
    for (const { verdict } of api.strictBodies('/e', 3)) expect(verdict).toEqual({ valid: true });
  });

  // codat.io (3.1): `nullable` is no 3.1 keyword.
  it('reads nullable in a 3.1 document as an annotation', async () => {
    const schema = { type: 'object', required: ['n'], properties: { n: { type: 'string', nullable: true } } };
    const api = await publish(doc('3.1.0', { '/n': get(schema) }));
    for (const { verdict } of api.strictBodies('/n')) expect(verdict).toEqual({ valid: true });
  });

  it('still accepts the null in a request (the author’s intent)', async () => {
    const body = { type: 'object', properties: { a: { nullable: true, allOf: [{ type: 'string' }] } } };
    const paths = {
      '/r': {
        post: {
          requestBody: { content: { 'application/json': { schema: body } } },
          responses: { '204': { description: 'ok' } },
        },
      },
    };
    const api = await publish(doc('3.0.3', paths));
    const out = api.call({
      method: 'POST',
      path: '/r',
      body: { contentType: 'application/json', text: '{"a":null}' },
    });
    expect(out.ok && out.response.status).toBe(204);
  });
});

describe('writeOnly through a $ref', () => {
  // shipengine.com: `pickup_window` is required, and its $ref target is writeOnly: OpenAPI requires
  // it in requests only. The mock leaves it out of responses, and the yardstick agrees.
  it('a required property whose $ref target is writeOnly is left out of responses', async () => {
    const W = { type: 'object', writeOnly: true, properties: { at: { type: 'string' } } };
    const B = {
      type: 'object',
      properties: { w: { $ref: '#/components/schemas/W' }, id: { type: 'integer' } },
    };
    // The required list beside an allOf that declares the properties, as shipengine writes it.
    const R = { type: 'object', required: ['w', 'id'], allOf: [{ $ref: '#/components/schemas/B' }] };
    const api = await publish(doc('3.0.3', { '/r': get({ $ref: '#/components/schemas/R' }) }, { W, B, R }));
    for (const { verdict, body } of api.strictBodies('/r')) {
      expect(JSON.parse(body!)).not.toHaveProperty('w');
      expect(verdict, body!).toEqual({ valid: true });
    }
    // Still required where it is not writeOnly: a body without `id` is invalid.
    const v = await independentValidator(
      parseOriginal(doc('3.0.3', { '/r': get({ $ref: '#/components/schemas/R' }) }, { W, B, R })),
    );
    expect(v.check('/r', 'get', 200, 'application/json', '{}')).toMatchObject({
      valid: false,
      kind: 'required',
    });
  });
});

describe('required names a schema does not declare', () => {
  // maif.local/otoroshi: a oneOf of settings objects; one branch requires `publicKey` without
  // declaring it. JSON Schema requires it all the same, so an HS value matches HS alone. The
  // converter behind the yardstick drops undeclared required names; the yardstick puts them back.
  const HS = {
    type: 'object',
    required: ['type', 'secret'],
    properties: { type: { type: 'string' }, secret: { type: 'string' } },
  };
  const JWKS = {
    type: 'object',
    required: ['type', 'publicKey'],
    properties: { type: { type: 'string' }, url: { type: 'string' } },
  };
  const text = doc(
    '3.0.3',
    { '/s': get({ oneOf: [{ $ref: '#/components/schemas/HS' }, { $ref: '#/components/schemas/JWKS' }] }) },
    { HS, JWKS },
  );

  it('the yardstick requires an undeclared required name', async () => {
    const v = await independentValidator(parseOriginal(text));
    expect(v.check('/s', 'get', 200, 'application/json', '{"type":"t","url":"u"}')).toMatchObject({
      valid: false,
    });
    expect(v.check('/s', 'get', 200, 'application/json', '{"type":"t","secret":"s"}')).toEqual({
      valid: true,
    });
  });

  it('every body matches exactly one branch', async () => {
    const api = await publish(text);
    for (const { verdict, body } of api.strictBodies('/s', 24))
      expect(verdict, body!).toEqual({ valid: true });
  });
});

describe('an enum beside a 3.0 $ref', () => {
  // ideal-postcodes: `dataset: {$ref: Dataset, enum: [paf]}`. OpenAPI 3.0 ignores the sibling; the
  // yardstick's Ajv applies it. Where it picks values of the target's own enum, bodies keep to it.
  const Dataset = { type: 'string', enum: ['paf', 'usps', 'mr'], example: 'mr' };
  const Address = (values: string[]) => ({
    type: 'object',
    required: ['dataset'],
    properties: { dataset: { $ref: '#/components/schemas/Dataset', enum: values } },
  });
  const text = doc(
    '3.0.3',
    {
      '/usa': {
        ...get({ $ref: '#/components/schemas/Usa' }),
        post: {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Usa' } } },
          },
          responses: { '204': { description: 'ok' } },
        },
      },
      '/other': get({ $ref: '#/components/schemas/Other' }),
    },
    { Dataset, Usa: Address(['usps']), Other: Address(['xyz']) },
  );

  it('answers only the narrowed values, with or without dynamic, and the yardstick agrees', async () => {
    const api = await publish(text);
    for (let i = 0; i < 24; i++) {
      const out = api.call({
        path: '/usa',
        headers: { prefer: `${i % 2 ? 'dynamic=true, ' : ''}seed=${i}` },
      });
      if (!out.ok) throw new Error(out.problem.detail);
      expect(JSON.parse(out.response.body!)).toEqual({ dataset: 'usps' });
    }
    for (const { verdict, body } of api.strictBodies('/usa')) expect(verdict, body!).toEqual({ valid: true });
  });

  it('validates requests as 3.0 reads them: the sibling ignored', async () => {
    const api = await publish(text);
    const out = api.call({
      method: 'POST',
      path: '/usa',
      headers: { 'content-type': 'application/json' },
      body: { contentType: 'application/json', text: '{"dataset":"paf"}' },
    });
    expect(out.ok && out.response.status).toBe(204);
  });

  it('ignores a sibling enum that names values the target does not have', async () => {
    const api = await publish(text);
    const values = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const out = api.call({ path: '/other', headers: { prefer: `dynamic=true, seed=${i}` } });
      if (!out.ok) throw new Error(out.problem.detail);
      values.add((JSON.parse(out.response.body!) as { dataset: string }).dataset);
    }
    expect([...values].every((v) => Dataset.enum.includes(v))).toBe(true);
    expect(values.size).toBeGreaterThan(1);
  });
});

describe('a type beside a 3.0 $ref', () => {
  // just-eat.co.uk: `restaurantResponse: {$ref: OrderClaimRestaurantResponse, type: object}`, the
  // target nullable and the example null. OpenAPI 3.0 ignores the sibling, the yardstick's Ajv
  // applies it: bodies keep to the types both readings allow.
  const Response = { type: 'object', nullable: true, properties: { decision: { type: 'string' } } };
  const Claim = {
    type: 'object',
    required: ['restaurantResponse'],
    properties: { restaurantResponse: { $ref: '#/components/schemas/Response', type: 'object' } },
    example: { restaurantResponse: null },
  };
  const text = doc(
    '3.0.3',
    {
      '/claim': {
        ...get({ $ref: '#/components/schemas/Claim' }),
        post: {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Claim' } } },
          },
          responses: { '204': { description: 'ok' } },
        },
      },
    },
    { Response, Claim },
  );

  it('never answers null there, with or without dynamic, and the yardstick agrees', async () => {
    const api = await publish(text);
    for (let i = 0; i < 24; i++) {
      const out = api.call({
        path: '/claim',
        headers: { prefer: `${i % 2 ? 'dynamic=true, ' : ''}seed=${i}` },
      });
      if (!out.ok) throw new Error(out.problem.detail);
      expect(typeof JSON.parse(out.response.body!).restaurantResponse).toBe('object');
      expect(JSON.parse(out.response.body!).restaurantResponse).not.toBeNull();
    }
    for (const { verdict, body } of api.strictBodies('/claim'))
      expect(verdict, body!).toEqual({ valid: true });
  });

  it('validates requests as 3.0 reads them: null admitted', async () => {
    const api = await publish(text);
    const out = api.call({
      method: 'POST',
      path: '/claim',
      headers: { 'content-type': 'application/json' },
      body: { contentType: 'application/json', text: '{"restaurantResponse":null}' },
    });
    expect(out.ok && out.response.status).toBe(204);
  });
});

// Each lenient reason's smallest schema, with the proof that no value satisfies it: lenient-reasons.test.ts.

describe('dangling refs, interim and missing responses', () => {
  // digitalocean.com: one dangling ref in one request body refused a 290-operation API.
  it('a dangling $ref breaks only the operation that uses it', async () => {
    const paths = {
      '/ok': get({ type: 'string' }),
      '/broken': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } } },
          responses: { '204': { description: 'ok' } },
        },
      },
    };
    const api = await publish(doc('3.0.3', paths));
    expect(api.warnings.some((w) => w.message.includes('#/components/schemas/Gone'))).toBe(true);
    expect(api.call({ path: '/ok' }).ok).toBe(true);
    const broken = api.call({ method: 'POST', path: '/broken' });
    expect(broken.ok === false && broken.problem).toMatchObject({
      type: 'unresolved-ref',
      extensions: {
        ref: '#/components/schemas/Gone',
        pointer: expect.stringContaining('/paths/~1broken/post'),
      },
    });
  });

  it('skips 1xx responses with a warning and answers the final one', async () => {
    const paths = {
      '/ws': { get: { responses: { '101': { description: 'switching' }, '200': { description: 'ok' } } } },
      '/only': { get: { responses: { '100': { description: 'continue' } } } },
    };
    const api = await publish(doc('3.0.3', paths));
    expect(api.warnings.filter((w) => w.message.includes('interim (1xx)'))).toHaveLength(2);
    expect(api.call({ path: '/ws' })).toMatchObject({ ok: true, response: { status: 200 } });
    expect(api.call({ path: '/only' })).toMatchObject({ ok: true, response: { status: 200, body: null } });
  });

  it('answers 200 with no body for a 3.1 operation without responses', async () => {
    const api = await publish(doc('3.1.0', { '/n': { get: {} } }));
    expect(api.warnings.some((w) => w.pointer === '/paths/~1n/get/responses')).toBe(true);
    expect(api.call({ path: '/n' })).toMatchObject({ ok: true, response: { status: 200, body: null } });
  });
});

describe('warnings and dropped examples', () => {
  it('never cuts warnings silently: past the cap, counts the rest by kind', async () => {
    const paths: Json = {};
    for (let i = 0; i < 300; i++)
      paths[`/p${i}`] = { get: { responses: { '101': { description: 'x' }, '204': { description: 'ok' } } } };
    const { warnings } = await ingest(doc('3.0.3', paths));
    expect(warnings.length).toBeLessThanOrEqual(200);
    const summary = warnings.find((w) => /^\d+ more warning\(s\) like/.test(w.message));
    const shown = warnings.filter((w) => w.message.includes('interim (1xx)')).length;
    expect(Number(summary?.message.split(' ')[0]) + shown).toBe(300);
  });

  // An example the generator's check admits is not validated again, unless its schema reaches a
  // keyword that check does not read (check-examples.ts): these must still be refused.
  it.each([
    [
      'unevaluatedProperties',
      { type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
      { a: 'x', b: 1 },
      { a: 'x' },
    ],
    [
      'dependentSchemas',
      { type: 'object', dependentSchemas: { a: { required: ['b'] } } },
      { a: 1 },
      { a: 1, b: 2 },
    ],
    [
      'a keyword in a def the schema reaches',
      { $ref: '#/components/schemas/Closed' },
      { a: 'x', b: 1 },
      { a: 'x' },
    ],
  ])('drops an example that breaks %s', async (_, schema, value, valid) => {
    const closed = { type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false };
    const paths = withExamples(schema, { bad: { value }, good: { value: valid } });
    const { plan, warnings } = await ingest(doc('3.1.0', paths, { Closed: closed }));
    const media = plan.operations[0].responses[0].content['application/json'];
    expect(media.examples.map((e) => e.name)).toEqual(['good']);
    expect(warnings.map((w) => w.pointer)).toContain(
      '/paths/~1e/get/responses/200/content/application~1json/examples/bad/value',
    );
  });

  it('Prefer: example names an example dropped at publish, and says why', async () => {
    const api = await publish(doc('3.0.3', withExamples({ type: 'integer' }, { bad: { value: 'text' } })));
    const out = api.call({ path: '/e', headers: { prefer: 'example=bad' } });
    expect(out.ok === false && out.problem.detail).toMatch(
      /"bad" was dropped at publish: it does not match its schema/,
    );
  });
});

describe('formats in examples, as JSON Schema validators check them', () => {
  // zoom.us: a media example's `support_email: "abb123@123"` passed @cfworker's email check (a
  // dotless domain) and was served; ajv-formats, like the yardstick, refuses it.
  it('drops an example whose email has no dotted domain, and serves a valid body instead', async () => {
    const schema = {
      type: 'object',
      required: ['support_email'],
      properties: { support_email: { type: 'string', format: 'email' } },
    };
    const paths = {
      '/room': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema,
                  examples: { response: { value: { support_email: 'abb123@123' } } },
                },
              },
            },
          },
        },
      },
    };
    const api = await publish(doc('3.0.3', paths));
    expect(api.warnings.some((w) => w.pointer.endsWith('/examples/response/value'))).toBe(true);
    for (const { verdict, body } of api.strictBodies('/room'))
      expect(verdict, body!).toEqual({ valid: true });
  });
});

describe('requests the caller cannot fix', () => {
  // A request oneOf whose branches overlap made every request 422.
  it('reads an overlapping request oneOf as anyOf, with a warning', async () => {
    const A = { type: 'object', properties: { name: { type: 'string' } } };
    const paths = {
      '/o': {
        post: {
          requestBody: {
            content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/A' }, A] } } },
          },
          responses: { '204': { description: 'ok' } },
        },
      },
    };
    const api = await publish(doc('3.0.3', paths, { A }));
    expect(api.warnings.some((w) => w.message.includes('treats it as anyOf'))).toBe(true);
    const out = api.call({
      method: 'POST',
      path: '/o',
      body: { contentType: 'application/json', text: '{"name":"x"}' },
    });
    expect(out.ok && out.response.status).toBe(204);
  });

  // amazonaws.com/autoscaling, amazonaws.com/email: objects inside form-style query parameters.
  it('reads JSON objects inside a form-style array and allOf properties of a query object', async () => {
    const item = { type: 'object', properties: { n: { type: 'integer' } } };
    const dest = { allOf: [{ $ref: '#/components/schemas/D' }] };
    const paths = {
      '/q': {
        get: {
          parameters: [
            { name: 'list', in: 'query', required: true, schema: { type: 'array', items: item } },
            { name: 'dest', in: 'query', required: true, schema: dest },
          ],
          responses: { '204': { description: 'ok' } },
        },
      },
    };
    const D = { type: 'object', properties: { enabled: { type: 'boolean' } } };
    const api = await publish(doc('3.0.3', paths, { D }));
    const query: [string, string][] = [
      ['list', '{"n":1}'],
      ['list', '{"n":2}'],
      ['enabled', 'true'],
    ];
    expect(api.call({ path: '/q', query })).toMatchObject({ ok: true, response: { status: 204 } });
  });

  // azure.com/containerregistry: basic AND oauth2 in one requirement, one Authorization header.
  it('accepts one Authorization credential where a requirement ANDs two schemes that both need it', async () => {
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/s': { get: { responses: { '204': { description: 'ok' } } } },
        '/k': { get: { security: [{ basic: [], token: [] }], responses: { '204': { description: 'ok' } } } },
      },
      security: [{ basic: [], oauth: [] }],
      // The real azure.com/containerregistry: basic AND an apiKey named Authorization (on /k).
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic' },
          oauth: {
            type: 'oauth2',
            flows: { implicit: { authorizationUrl: 'https://x.test/a', scopes: {} } },
          },
          token: { type: 'apiKey', in: 'header', name: 'Authorization' },
        },
      },
    });
    const api = await publish(text);
    expect(api.call({ path: '/s', headers: { authorization: 'Bearer t' } })).toMatchObject({ ok: true });
    expect(api.call({ path: '/s' })).toMatchObject({ ok: false, problem: { type: 'security-required' } });
    expect(api.call({ path: '/k', headers: { authorization: 'k' } })).toMatchObject({ ok: true });
  });

  // amazonaws.com/docdb: an XML body with an object schema cannot be parsed by a mock.
  it('does not 422 an XML request body it cannot parse', async () => {
    const paths = {
      '/x': {
        post: {
          requestBody: { content: { 'text/xml': { schema: { type: 'object', required: ['a'] } } } },
          responses: { '204': { description: 'ok' } },
        },
      },
    };
    const api = await publish(doc('3.0.3', paths));
    const out = api.call({ method: 'POST', path: '/x', body: { contentType: 'text/xml', text: '<a>1</a>' } });
    expect(out.ok && out.response.status).toBe(204);
  });
});

describe('discriminators', () => {
  // exavault.com: the implicit mapping value "Account" broke the branch's own `enum: [account]`.
  it('never puts a discriminator value the branch schema rejects', async () => {
    // Recursion makes the generator prune to required properties, and then add the discriminator.
    const Account = {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['account'] },
        more: { $ref: '#/components/schemas/List' },
      },
    };
    const Resource = { type: 'object', properties: { type: { type: 'string', enum: ['resource'] } } };
    const List = {
      type: 'array',
      minItems: 2,
      items: {
        anyOf: [{ $ref: '#/components/schemas/Account' }, { $ref: '#/components/schemas/Resource' }],
        discriminator: { propertyName: 'type' },
      },
    };
    const api = await publish(
      doc('3.0.3', { '/l': get({ $ref: '#/components/schemas/List' }) }, { Account, Resource, List }),
    );
    for (const { verdict, body } of api.strictBodies('/l', 30))
      expect(verdict, body!).toEqual({ valid: true });
  });
});

describe('patterns the generator cannot run', () => {
  it.each([
    // amazonaws.com/acm: lookaheads flagged unsafe were never checked
    ['^(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$', {}],
    // amazonaws.com/shield: long random repetitions nearly always broke the lookaheads
    [
      '^([a-z]|(\\d(?!\\d{0,2}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})))([a-z\\d]|(\\.(?!(\\.|-)))|(-(?!\\.))){1,61}[a-z\\d]$',
      { minLength: 3, maxLength: 63 },
    ],
    // amazonaws.com/wisdom: lazy `+?` read as "optional" by the pattern generator, under a flagged pattern
    ['^arn:[a-z-]+?:[a-z-]+?:[a-z0-9-]*?:([0-9]{12})?:[a-zA-Z0-9-:/]+$', { minLength: 1, maxLength: 2048 }],
    // amazonaws.com/appstream: a lookbehind the tokenizer does not know fell back to filler text
    ['^[0-9a-z\\.\\-]*(?<!\\.)$', { minLength: 3, maxLength: 63 }],
    // amazonaws.com/inspector2: anchored inside its groups, the pattern was read as unanchored and
    // a short match padded with words to reach minLength (`i-\\primary`), unverified under the flag
    ['(^i-([a-z0-9]{8}|\\\\*)$)|(^arn:(?:[a-z0-9]+\\/)*[a-z0-9]+$)', { minLength: 10, maxLength: 341 }],
    // loket.nl: the pattern generator draws from ASCII only, so a class of non-ASCII letters came
    // out empty and the address around it broke the (unsafe, never run) pattern
    ['^(([a-z]|[\\u00A0-\\uD7FF])([a-z]|-|[\\u00A0-\\uD7FF])*\\.)+[a-z]{2}$', {}],
    // loket.nl: an example that breaks an unsafe pattern was served
    [
      '^[{(]?[0-9A-F]{8}[-]?([0-9A-F]{4}[-]?){3}[0-9A-F]{12}[)}]?$',
      { example: 'b14acd0d-75d7-4fc8-8b22-4a3924585cab' },
    ],
  ])('%s', async (pattern, extra) => {
    const schema = {
      type: 'object',
      required: ['s'],
      properties: { s: { type: 'string', pattern, ...extra } },
    };
    const api = await publish(doc('3.0.3', { '/s': get(schema) }));
    for (const { verdict, body } of api.strictBodies('/s')) expect(verdict, body!).toEqual({ valid: true });
  });
});

describe('bounded work', () => {
  // influxdata.com: the Flux AST (a oneOf of node types whose children are that oneOf again) made
  // the generator's oneOf exclusivity checks grow exponentially; one publish never finished. Every
  // check now spends from one budget per body, and running out is a generation failure.
  it('value checks stop when the body’s budget is spent', () => {
    const tree = { type: 'array', items: { $ref: '#/$defs/T' } };
    const defs = { T: tree };
    const value = [[[[[]]]], [[[]]], [[]]];
    expect(matches(tree, value, { defs, direction: 'response' })).toBe(true);
    expect(() => matches(tree, value, { defs, direction: 'response', budget: { left: 5 } })).toThrow();
    expect(matches(tree, value, { defs, direction: 'response', budget: { left: 1000 } })).toBe(true);
  });
});
