import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../worker/http/problem';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

const example = (name: string) =>
  readFileSync(new URL(`../../spec-examples/${name}`, import.meta.url), 'utf8');

async function problemOf(text: string) {
  try {
    await ingest(text);
  } catch (e) {
    if (e instanceof ProblemError) return e.problem;
    throw e;
  }
  throw new Error('expected a problem');
}

describe('ingest', () => {
  it('normalizes all three dialects of the petstore to the same operations', async () => {
    const [two, three] = await Promise.all([
      ingest(example('petstore.swagger2.json')),
      ingest(example('petstore.oas3.yaml')),
    ]);
    expect(two.plan.dialect).toBe('swagger-2.0');
    expect(three.plan.dialect).toBe('openapi-3.0');
    const show2 = two.plan.operations.find((o) => o.id === 'showPetById')!;
    const show3 = three.plan.operations.find((o) => o.id === 'showPetById')!;
    expect(show2.parameters).toEqual(
      show3.parameters.map((p) => ({ ...p, schema: { type: 'integer', format: 'int64' } })),
    );
    expect(show2.responses[0].content['application/json'].schema).toEqual({ $ref: '#/$defs/Pet' });
    expect(show3.responses[0].content['application/json'].schema).toEqual({ $ref: '#/$defs/Pet' });
  });

  it('rewrites 3.0/2.0 keywords into JSON Schema 2020-12', async () => {
    const { plan } = await ingest(example('petstore.swagger2.json'));
    expect(plan.defs.Pet).toMatchObject({
      properties: { tag: { type: ['string', 'null'] }, weight: { type: 'number', exclusiveMinimum: 0 } },
    });
    expect((plan.defs.Pet as { properties: { weight: object } }).properties.weight).not.toHaveProperty(
      'minimum',
    );
  });

  it('maps Swagger 2.0 body and formData parameters to request bodies', async () => {
    const { plan } = await ingest(example('petstore.swagger2.json'));
    const create = plan.operations.find((o) => o.id === 'createPets')!;
    expect(create.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/$defs/NewPet' }, examples: [] } },
      // Where the body parameter is written, for diff reports.
      at: '/paths/~1pets/post/parameters/0',
    });
    const list = plan.operations.find((o) => o.id === 'listPets')!;
    expect(list.parameters.find((p) => p.name === 'tags')).toMatchObject({ style: 'form', explode: false });
  });

  it('keeps circular schemas as named refs and survives JSON round trips', async () => {
    const { plan } = await ingest(example('circular.oas3.yaml'));
    expect(plan.defs.Node).toMatchObject({ properties: { children: { items: { $ref: '#/$defs/Node' } } } });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('rewrites discriminator mappings to plan refs', async () => {
    const { plan } = await ingest(example('composition.oas3.yaml'));
    expect(plan.defs.Payment).toMatchObject({
      discriminator: {
        propertyName: 'kind',
        mapping: { card: '#/$defs/Card', transfer: '#/$defs/Transfer' },
      },
    });
  });

  it('accepts a byte-order mark', async () => {
    const { plan } = await ingest('\uFEFF' + example('petstore.oas3.yaml'));
    expect(plan.operations.length).toBe(5);
  });

  it('hashes identical text identically', async () => {
    const [a, b] = await Promise.all([
      ingest(example('petstore.oas3.yaml')),
      ingest(example('petstore.oas3.yaml')),
    ]);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags catastrophic patterns instead of running them', async () => {
    const text = `openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: string, pattern: '^(a+)+$'}\n`;
    const { plan, warnings } = await ingest(text);
    expect(plan.operations[0].responses[0].content['application/json'].schema).toMatchObject({
      'x-specmock-unsafe-pattern': true,
    });
    expect(warnings.some((w) => w.message.includes('backtrack'))).toBe(true);
  });

  it('keeps a pattern over a thousand characters, and answers values that match it', async () => {
    // sagemaker's CIDR pattern has 1,195 characters: it was dropped, and its values were words.
    const words = Array.from({ length: 200 }, (_, i) => `cidr${i}`);
    const pattern = `^(${words.join('|')})/(3[0-2]|[12][0-9]|[0-9])$`;
    expect(pattern.length).toBeGreaterThan(1000);
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { type: 'string', pattern } } },
              },
            },
          },
        },
      },
    });
    const { plan, warnings } = await ingest(text);
    expect(warnings).toEqual([]);
    const target = prepareTarget(plan, 0);
    for (const seed of ['1', '2', '3']) {
      const out = mock(target, {
        method: 'GET',
        path: '/a',
        query: [],
        headers: { prefer: `dynamic=true, seed=${seed}` },
      });
      if (!out.ok) throw new Error(out.problem.detail);
      expect(JSON.parse(out.response.body!)).toMatch(new RegExp(pattern));
    }
  });

  it('repairs undeclared path parameters with a warning', async () => {
    const text = `openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      responses:\n        '200': {description: ok}\n`;
    const { plan, warnings } = await ingest(text);
    expect(plan.operations[0].parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(warnings[0].message).toContain('not declared');
  });

  // xero.com: AttachmentID declared in path under …/Attachments/{FileName} refused every call.
  it('ignores a declared path parameter the path does not hold, with a warning', async () => {
    const text = `openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /files/{name}:\n    get:\n      parameters:\n        - {name: name, in: path, required: true, schema: {type: string}}\n        - {name: fileId, in: path, required: true, schema: {type: string, format: uuid}}\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: string}}}}\n`;
    const { plan, warnings } = await ingest(text);
    expect(plan.operations[0].parameters.map((p) => p.name)).toEqual(['name']);
    expect(warnings.some((w) => w.message.includes('"fileId" is declared but'))).toBe(true);
    const out = mock(prepareTarget(plan, 0), { method: 'GET', path: '/files/a.pdf', query: [], headers: {} });
    expect(out).toMatchObject({ ok: true, response: { status: 200 } });
  });

  it('reports a YAML error with its line and column', async () => {
    const problem = await problemOf('openapi: 3.0.0\npaths:\n  /a: {get: [}\n');
    expect(problem.type).toBe('invalid-spec-syntax');
    expect(problem.errors?.[0]).toMatchObject({ line: 3 });
  });

  it('blames the over-indented line, not the `key: value` above it', async () => {
    const text = [
      'openapi: 3.0.3',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /pets:',
      '    get:',
      '      summary: list',
      '       operationId: listPets',
      '      responses: {}',
    ].join('\n');
    const problem = await problemOf(text);
    expect(problem.type).toBe('invalid-spec-syntax');
    expect(problem.errors?.[0]).toMatchObject({ line: 7, column: 8 });
    expect(problem.detail).toContain('line 7, column 8');
  });

  it('keeps the position of a less-indented line (the yaml library names it)', async () => {
    const problem = await problemOf('openapi: 3.0.3\npaths:\n  /a:\n    get: {}\n   post: {}\n');
    expect(problem.errors?.[0]).toMatchObject({ line: 5 });
  });

  it("publishes GitHub's REST description (12 MB) with every operation", async () => {
    const text = readFileSync(
      new URL('../../node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url),
      'utf8',
    );
    const { plan } = await ingest(text);
    expect(plan.operations.length).toBeGreaterThan(1000);
    expect(JSON.stringify(plan).length).toBeLessThan(text.length);
  });
});

describe('schemas no value satisfies', () => {
  const doc = (schema: string) =>
    `openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: ${schema}\n`;
  const pointer = '/paths/~1a/get/responses/200/content/application~1json/schema';

  it.each([
    ['{type: array, minItems: 1000000000, items: {type: string}}'],
    ['{type: string, minLength: 1000000000}'],
  ])('past the size caps (%s) are refused with 422 naming the schema', async (schema) => {
    const problem = await problemOf(doc(schema));
    expect(problem.type).toBe('unsatisfiable-schema');
    expect(problem.errors?.[0].pointer).toBe(pointer);
  });

  it.each([['{type: integer, minimum: 10, maximum: 5}'], ['{not: {}}']])(
    'as a spec defect (%s) publish with a warning, and the operation answers the problem',
    async (schema) => {
      const { plan, warnings } = await ingest(doc(schema));
      expect(warnings.find((w) => w.pointer === pointer)?.message).toContain('no value satisfies');
      const out = mock(prepareTarget(plan, 0), { method: 'GET', path: '/a', query: [], headers: {} });
      expect(out.ok === false && out.problem.type).toBe('unsatisfiable-schema');
    },
  );
});

describe('a list of a schema, judged by its item at publish', () => {
  const A = { type: 'object', required: ['x'], properties: { x: { type: 'string' } } };
  // Both branches the same schema: a value matches both or neither (lenient: oneof-overlap).
  const Overlap = { oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/A' }] };
  const paths = {
    '/overlap': { $ref: '#/components/schemas/Overlap' },
    '/overlaps': { type: 'array', items: { $ref: '#/components/schemas/Overlap' } },
    '/nothing': { type: 'array', items: { $ref: '#/components/schemas/Nothing' } },
    '/a': { $ref: '#/components/schemas/A' },
    '/as': { type: 'array', items: { $ref: '#/components/schemas/A' } },
  };
  const text = JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, schema]) => [
        path,
        { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } },
      ]),
    ),
    components: { schemas: { A, Overlap, Nothing: { not: {} } } },
  });
  const at = (path: string) => `/paths/~1${path.slice(1)}/get/responses/200/content/application~1json/schema`;

  it('shares only success: a list whose item fails is judged on its own (the empty list)', async () => {
    const { plan, warnings } = await ingest(text);
    const media = (path: string) =>
      plan.operations.find((o) => o.path === path)!.responses[0].content['application/json'];
    const warned = (path: string) => warnings.filter((w) => w.pointer === at(path)).map((w) => w.message);
    // The item alone is lenient; a list of it holds as `[]` under the strict reading.
    expect(warned('/overlap')).toEqual([expect.stringContaining('x-specmock-lenient: oneof-overlap')]);
    expect(media('/overlap').lenient).toBe('oneof-overlap');
    for (const path of ['/overlaps', '/nothing', '/a', '/as']) {
      expect(warned(path)).toEqual([]);
      expect(media(path).lenient).toBeUndefined();
    }
    const target = prepareTarget(plan, 0);
    const body = (path: string) => {
      const out = mock(target, { method: 'GET', path, query: [], headers: {} });
      if (!out.ok) throw new Error(out.problem.type);
      return { body: JSON.parse(out.response.body!), lenient: out.response.headers['x-specmock-lenient'] };
    };
    expect(body('/overlaps')).toEqual({ body: [], lenient: undefined });
    expect(body('/nothing')).toEqual({ body: [], lenient: undefined });
    const list = body('/as').body as { x: string }[];
    expect(list.length).toBeGreaterThan(0);
    for (const item of list) expect(typeof item.x).toBe('string');
  });
});

describe('catastrophic patterns in patternProperties', () => {
  it('are dropped with a warning, so no request key is ever run against them', async () => {
    const text = `openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object, patternProperties: {'^(a+)+$': {type: string}, '^x-': {type: integer}}}\n      responses:\n        '204': {description: ok}\n`;
    const { plan, warnings } = await ingest(text);
    expect(plan.operations[0].requestBody!.content['application/json'].schema).toEqual({
      type: 'object',
      patternProperties: { '^x-': { type: 'integer' } },
    });
    expect(warnings.some((w) => w.pointer.endsWith('/patternProperties/^(a+)+$'))).toBe(true);
  });
});

describe('documents whose top-level containers have the wrong JSON type', () => {
  const info = '{"title":"x","version":"1"}';
  it.each([
    ['paths a string', `{"openapi":"3.0.3","info":${info},"paths":"nope"}`, '/paths', 'a string'],
    ['paths an array', `{"openapi":"3.1.0","info":${info},"paths":[]}`, '/paths', 'an array'],
    // A YAML `!!js/function` tag reads as its text: the info is a string.
    [
      'info from a !!js/function tag',
      'openapi: 3.0.3\ninfo: !!js/function "function () {}"\npaths: {}\n',
      '/info',
      'a string',
    ],
    [
      'components a number',
      `{"openapi":"3.0.3","info":${info},"paths":{},"components":1}`,
      '/components',
      'a number',
    ],
    ['webhooks an array (3.1)', `{"openapi":"3.1.0","info":${info},"webhooks":[]}`, '/webhooks', 'an array'],
    [
      'definitions a string (2.0)',
      `{"swagger":"2.0","info":${info},"paths":{},"definitions":"x"}`,
      '/definitions',
      'a string',
    ],
  ])('are refused: %s', async (_name, text, pointer, type) => {
    const problem = await problemOf(text);
    expect(problem.type).toBe('invalid-spec');
    expect(problem.errors).toEqual([
      { pointer, message: `\`${pointer.slice(1)}\` must be an object, not ${type}` },
    ]);
  });

  it('names every wrong container at once', async () => {
    const problem = await problemOf('{"openapi":"3.0.3","info":"x","paths":true}');
    expect(problem.errors?.map((e) => e.pointer)).toEqual(['/info', '/paths']);
  });

  it('still publish when a container is missing or left empty (real-world leniency)', async () => {
    const empty = await ingest('openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths:\n');
    expect(empty.plan.operations).toEqual([]);
    const missing = await ingest('{"openapi":"3.0.3","paths":{}}');
    expect(missing.warnings.some((w) => w.message.includes('info'))).toBe(true);
  });
});
