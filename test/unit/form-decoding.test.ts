import { describe, expect, it } from 'vitest';
import { decodeForm, splitKey } from '../../worker/mock/bracket-notation';
import { mock, prepareTarget, type MockOutcome, type MockRequest } from '../../worker/mock/mock';
import type { Schema } from '../../worker/mock/plan';
import { ingest } from '../../worker/ingest/ingest';

/** Issue 18 §2: bracket notation in form bodies and query strings, as Stripe's SDK and `qs` write it. */

const pairs = (text: string) => [...new URLSearchParams(text)];

describe('splitKey', () => {
  it('splits bracket groups and leaves anything else whole', () => {
    expect(splitKey('items[0][price]')).toEqual(['items', '0', 'price']);
    expect(splitKey('expand[]')).toEqual(['expand', '']);
    expect(splitKey('plain')).toEqual(['plain']);
    for (const odd of ['a[b', 'a[b]c', '[a]', 'a]b']) expect(splitKey(odd)).toEqual([odd]);
  });
  it('keeps what lies past eight levels as one literal segment, as qs does', () => {
    const deep = `a${'[x]'.repeat(12)}`;
    const parts = splitKey(deep);
    expect(parts).toHaveLength(10);
    expect(parts[9]).toBe('[x][x][x][x]');
  });
});

describe('decodeForm without a schema (the qs conventions)', () => {
  it('builds objects and arrays from every common notation', () => {
    const text =
      'metadata[source]=x&items[0][price]=p&items[1][price]=q&expand[]=a&expand[]=b&address[city]=&tags=a&tags=b&a[b][c][d]=deep';
    expect(decodeForm(pairs(text), undefined, {})).toEqual({
      metadata: { source: 'x' },
      items: [{ price: 'p' }, { price: 'q' }],
      expand: ['a', 'b'],
      address: { city: '' },
      tags: ['a', 'b'],
      a: { b: { c: { d: 'deep' } } },
    });
  });
  it('groups `items[][k]` pushes as Rack does: a member already set starts a new element', () => {
    const text = 'items[][price]=p1&items[][quantity]=1&items[][price]=p2&items[][quantity]=2';
    expect(decodeForm(pairs(text), undefined, {})).toEqual({
      items: [
        { price: 'p1', quantity: '1' },
        { price: 'p2', quantity: '2' },
      ],
    });
  });
  it('orders indices numerically and reads an index past 20 as a key', () => {
    expect(decodeForm(pairs('a[10]=y&a[2]=x'), undefined, {})).toEqual({ a: ['x', 'y'] });
    expect(decodeForm(pairs('a[21]=x'), undefined, {})).toEqual({ a: { '21': 'x' } });
  });
  it('never sets a prototype, and stops reading after 1000 pairs', () => {
    const out = decodeForm(pairs('__proto__[polluted]=1&a[__proto__][b]=2'), undefined, {});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    const many = Array.from({ length: 1500 }, (_, i) => `k${i}=v`).join('&');
    expect(Object.keys(decodeForm(pairs(many), undefined, {}))).toHaveLength(1000);
  });
});

describe('decodeForm guided by the schema', () => {
  const schema: Schema = {
    type: 'object',
    properties: {
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
      lines: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
      'tags[]': { type: 'array', items: { type: 'string' } },
    },
  };
  it('reads numeric keys of an object schema as keys, and large indices of an array schema as indices', () => {
    expect(decodeForm(pairs('metadata[0]=x&lines[25][n]=1'), schema, {})).toEqual({
      metadata: { '0': 'x' },
      lines: [{ n: '1' }],
    });
  });
  it('keeps a property literally named with brackets whole (PHP-style `tags[]`)', () => {
    expect(decodeForm(pairs('tags[]=a&tags[]=b'), schema, {})).toEqual({ 'tags[]': ['a', 'b'] });
  });
});

/** The smallest Stripe-shaped spec: form body with `encoding`, deepObject query, `default` errors. */
const stripe = `openapi: 3.0.0
info: {title: s, version: '1'}
paths:
  /v1/customers:
    get:
      parameters:
        - {name: created, in: query, style: deepObject, explode: true, schema: {anyOf: [{type: object, properties: {gte: {type: integer}, lt: {type: integer}}}, {type: integer}]}}
        - {name: expand, in: query, style: deepObject, explode: true, schema: {type: array, items: {type: string, maxLength: 20}}}
        - {name: filter, in: query, schema: {type: object, properties: {status: {type: string, enum: [open, closed]}, owner: {type: object, properties: {id: {type: integer}}}}}}
        - {name: 'page[size]', in: query, schema: {type: integer, maximum: 50}}
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                email: {type: string}
                metadata: {anyOf: [{type: object, additionalProperties: {type: string}}, {type: string, enum: ['']}]}
                address: {anyOf: [{type: object, properties: {city: {type: string}, line1: {type: string}}}, {type: string, enum: ['']}]}
                items: {type: array, items: {type: object, required: [price], properties: {price: {type: string}, quantity: {type: integer}}}}
                card: {anyOf: [{type: object, properties: {exp_month: {type: integer, maximum: 12}, exp_year: {type: integer}}}, {type: string}]}
                expand: {type: array, items: {type: string}}
                fee: {anyOf: [{type: number}, {type: string, enum: ['']}]}
                ids: {type: array, items: {type: integer}}
            encoding:
              metadata: {style: deepObject, explode: true}
              address: {style: deepObject, explode: true}
              ids: {style: pipeDelimited}
          multipart/form-data:
            schema:
              type: object
              properties:
                purpose: {type: string}
                file_link_data: {type: object, properties: {create: {type: boolean}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
`;

/** One call to a spec's mock; `path` may carry its query. */
async function callOn(spec: string, request: Partial<MockRequest> & { path: string }): Promise<MockOutcome> {
  const { plan } = await ingest(spec);
  const [path, q = ''] = request.path.split('?');
  return mock(prepareTarget(plan, 0), {
    method: 'GET',
    headers: {},
    ...request,
    path,
    query: [...new URLSearchParams(q)],
  });
}

const call = (request: Partial<MockRequest> & { path: string }) => callOn(stripe, request);

const form = (text: string): Partial<MockRequest> => ({
  method: 'POST',
  body: { contentType: 'application/x-www-form-urlencoded', text },
});

function messages(outcome: MockOutcome): string[] {
  return outcome.ok ? [] : (outcome.problem.errors ?? []).map((e) => e.message);
}

describe('form bodies through the mock', () => {
  it("accepts what Stripe's SDK sends: nested members, indexed items, pushes, unsets, typed numbers", async () => {
    const text = [
      'email=a%40b.c',
      'metadata[source]=x',
      'address[city]=',
      'items[0][price]=price_1',
      'items[0][quantity]=2',
      'items[1][price]=price_2',
      'card[exp_month]=12',
      'card[exp_year]=2030',
      'expand[]=customer',
      'expand[]=invoice',
      'fee=1.5',
      'ids=1|2|3',
    ].join('&');
    expect(messages(await call({ path: '/v1/customers', ...form(text) }))).toEqual([]);
    expect((await call({ path: '/v1/customers', ...form(text) })).ok).toBe(true);
    expect((await call({ path: '/v1/customers', ...form('metadata=&address=&fee=') })).ok).toBe(true);
  });

  it('names a wrong member as the client wrote it, never percent-encoded', async () => {
    const wrong = await call({
      path: '/v1/customers',
      ...form('items[0][quantity]=many&card[exp_month]=13&metadata%5Bsource%5D[deep]=x'),
    });
    const all = messages(wrong).join('\n');
    expect(all).toContain('items[0] does not have required property "price"');
    expect(all).toContain('items[0][quantity]');
    expect(all).toContain('card[exp_month] 13 is greater than 12');
    expect(all).toContain('metadata[source]');
    expect(all).not.toContain('%5B');
  });

  it('reads bracketed multipart field names the same way', async () => {
    const fields: [string, string][] = [
      ['purpose', 'dispute_evidence'],
      ['file_link_data[create]', 'true'],
    ];
    const ok = await call({
      path: '/v1/customers',
      method: 'POST',
      body: { contentType: 'multipart/form-data', text: 'raw', form: fields },
    });
    expect(ok.ok).toBe(true);
    const bad = await call({
      path: '/v1/customers',
      method: 'POST',
      body: { contentType: 'multipart/form-data', text: 'raw', form: [['file_link_data[create]', 'maybe']] },
    });
    expect(messages(bad).join()).toContain('file_link_data[create]');
  });
});

describe('a url-encoded body whose schema is a string', () => {
  // spoonacular: `text=I like tacos…` under `{type: string}`, as its own example writes it. Decoded
  // into fields it was an object, and every call was 422 ("type object is invalid").
  const spec = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /food/detect:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {type: string, maxLength: 40}
            example: text=I like tacos
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
`;
  const send = (text: string) => callOn(spec, { path: '/food/detect', ...form(text) });

  it('takes any multipart fields where the schema is a string, which fields never are', async () => {
    const outcome = await callOn(spec.replace('application/x-www-form-urlencoded', 'multipart/form-data'), {
      path: '/food/detect',
      method: 'POST',
      body: { contentType: 'multipart/form-data', text: 'raw', form: [['title', 'My recipe']] },
    });
    expect(messages(outcome)).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  it('is read as the encoded text and judged by the string schema', async () => {
    expect(messages(await send('text=I like tacos'))).toEqual([]);
    expect((await send('text=I like tacos')).ok).toBe(true);
    const long = await send(`text=${'a'.repeat(60)}`);
    expect(long.ok).toBe(false);
    expect(messages(long).join()).toMatch(/40/);
  });
});

describe('a required body declared under a key that is no media type', () => {
  // spoonacular's DELETEs: `content: {"": {schema: …}}` with `required: true`. Ignoring the key left
  // a required body no request could send (415 with one, 422 without).
  const spec = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /days/{date}:
    delete:
      parameters: [{name: date, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content:
          '': {schema: {type: object, required: [hash], properties: {hash: {type: string}}}}
      responses:
        '204': {description: gone}
`;
  it('reads it as any media type, judged by its schema, with a publish warning', async () => {
    const { warnings } = await ingest(spec);
    expect(warnings.map((w) => w.message)).toContain('"" is not a media type; read as */*');
    const send = (text: string) =>
      callOn(spec, {
        method: 'DELETE',
        path: '/days/2025-01-01',
        ...(text ? { body: { contentType: 'application/json', text } } : {}),
      });
    expect((await send('{"hash":"h"}')).ok).toBe(true);
    expect(messages(await send('{}')).join()).toContain('hash');
    expect(messages(await send('')).join()).toContain('required');
  });
});

describe('query strings with bracket notation', () => {
  it('reads deepObject members, their nested members and arrays in every notation', async () => {
    for (const query of [
      'created[gte]=1700000000&created[lt]=1800000000',
      'created=1700000000',
      'expand[]=customer&expand[]=invoice',
      'expand[0]=customer&expand[1]=invoice',
      'expand=customer',
      'filter[status]=open&filter[owner][id]=7',
    ])
      expect(messages(await call({ path: `/v1/customers?${query}` })), query).toEqual([]);
  });
  it('refuses wrong members by their bracketed names', async () => {
    const wrong = await call({
      path: '/v1/customers?created[gte]=soon&filter[status]=lost&filter[owner][id]=x',
    });
    const all = messages(wrong).join('\n');
    expect(all).toContain('created[gte]');
    expect(all).toContain('filter[status]');
    expect(all).toContain('filter[owner][id]');
  });
  it('leaves a parameter literally named with brackets to itself (JSON:API `page[size]`)', async () => {
    expect(messages(await call({ path: '/v1/customers?page[size]=10&page=2' }))).toEqual([]);
    expect(messages(await call({ path: '/v1/customers?page[size]=99' })).join()).toContain('page[size]');
  });
});

describe('Swagger 2.0 formData', () => {
  it("reads a delimited collectionFormat as the form's encoding style", async () => {
    const { plan } = await ingest(`swagger: '2.0'
info: {title: s2, version: '1'}
paths:
  /tags:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - {in: formData, name: ids, type: array, items: {type: integer}, collectionFormat: pipes}
      responses: {'204': {description: ok}}
`);
    const t = prepareTarget(plan, 0);
    const post = (text: string) =>
      mock(t, { method: 'POST', path: '/tags', query: [], headers: {}, ...form(text) });
    expect(post('ids=1|2|3')).toMatchObject({ ok: true, response: { status: 204 } });
    expect(messages(post('ids=1|x')).join()).toContain('ids[1]');
  });
});

// gitlab.com `import_sources: {type: array, items: {enum: [github, …]}, enum: [github, …]}` in a
// form: an array's own enum of its items' values is the items' (lenient-request.ts), so one field
// is a list of one, not a string the enum judges.
describe('a form field whose array schema lists its items’ values', () => {
  const spec = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /settings:
    put:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                import_sources: {type: array, items: {type: string, enum: [github, bitbucket]}, enum: [github, bitbucket]}
      responses: {'204': {description: ok}}
`;
  const send = (text: string) => callOn(spec, { path: '/settings', ...form(text), method: 'PUT' });
  it('reads one or several values as a list, and refuses a value no item takes', async () => {
    for (const text of ['import_sources=github', 'import_sources=github&import_sources=bitbucket'])
      expect((await send(text)).ok, text).toBe(true);
    expect(messages(await send('import_sources=gitea')).length).toBeGreaterThan(0);
  });
});
