import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../../worker/diff/diff-plans';
import type { Plan } from '../../../worker/mock/plan';
import { ingest } from '../../../worker/ingest/ingest';

/** The schema comparison on the smallest documents that show each case. */

async function plan(doc: object): Promise<Plan> {
  return (await ingest(JSON.stringify(doc))).plan;
}

/** An OpenAPI 3 document whose GET /x answers `schema` and whose POST /x takes `body`, with `schemas`. */
function oas(version: string, schemas: object, response: object, body: object = { type: 'object' }) {
  return {
    openapi: version,
    info: { title: 't', version: '1' },
    components: { schemas },
    paths: {
      '/x': {
        get: {
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: response } } } },
        },
        post: {
          requestBody: { content: { 'application/json': { schema: body } } },
          responses: { '204': { description: 'ok' } },
        },
      },
    },
  };
}

async function changes(a: object, b: object): Promise<string[]> {
  return diffPlans(await plan(a), await plan(b)).map((f) => `${f.change.rule} ${f.change.pointer}`);
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const RESPONSE = '/paths/~1x/get/responses/200/content/application~1json/schema';

describe('what is no change', () => {
  it('ignores $ref renames, reordering and properties moved into an allOf base', async () => {
    const a = oas(
      '3.0.3',
      {
        Pet: {
          type: 'object',
          required: ['id', 'kind'],
          properties: {
            id: { type: 'integer' },
            kind: { type: 'string', enum: ['cat', 'dog'] },
            shape: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          },
        },
      },
      ref('Pet'),
    );
    const b = oas(
      '3.0.3',
      {
        Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
        Animal: {
          allOf: [
            ref('Base'),
            {
              type: 'object',
              required: ['kind'],
              properties: {
                shape: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
                kind: { type: 'string', enum: ['dog', 'cat'] },
              },
            },
          ],
        },
      },
      ref('Animal'),
    );
    expect(await changes(a, b)).toEqual([]);
  });

  it('reads OpenAPI 3.0 nullable and 3.1 type arrays alike', async () => {
    const a = oas('3.0.3', {}, { type: 'object', properties: { n: { type: 'string', nullable: true } } });
    const b = oas('3.1.0', {}, { type: 'object', properties: { n: { type: ['string', 'null'] } } });
    expect(await changes(a, b)).toEqual([]);
  });
});

describe('recursion', () => {
  const tree = (leaf: object) => ({
    Node: {
      type: 'object',
      properties: { value: leaf, children: { type: 'array', items: ref('Node') } },
    },
  });

  it('terminates on recursive schemas and reports a change once, where the recursion starts', async () => {
    const got = await changes(
      oas('3.0.3', tree({ type: 'string' }), ref('Node')),
      oas('3.0.3', tree({ type: 'integer' }), ref('Node')),
    );
    expect(got).toEqual([`response-property-type-changed ${RESPONSE}/properties/value/type`]);
  });

  it('terminates on mutual recursion through schemas with keywords beside $ref (3.1)', async () => {
    const schemas = (leaf: object) => ({
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B', minProperties: 0 }, leaf } },
      B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A', minProperties: 0 } } },
    });
    const got = await changes(
      oas('3.1.0', schemas({ type: 'string' }), ref('A')),
      oas('3.1.0', schemas({ type: 'string', maxLength: 3 }), ref('A')),
    );
    expect(got).toEqual([`response-property-max-length-decreased ${RESPONSE}/properties/leaf/maxLength`]);
  });
});

describe('found on real descriptions', () => {
  // GitHub's `owner` went from `nullable-simple-user` to `oneOf: [simple-user, enterprise]`: that is
  // one alternative added, not every member of simple-user removed.
  it('compares a schema that became a oneOf with its most alike alternative', async () => {
    const user = { type: 'object', required: ['login'], properties: { login: { type: 'string' } } };
    const enterprise = { type: 'object', required: ['slug'], properties: { slug: { type: 'string' } } };
    const got = await changes(
      oas('3.0.3', { User: user }, { type: 'object', properties: { owner: ref('User') } }),
      oas(
        '3.0.3',
        { User: user, Enterprise: enterprise },
        { type: 'object', properties: { owner: { oneOf: [ref('User'), ref('Enterprise')] } } },
      ),
    );
    expect(got).toEqual([`response-property-variant-added ${RESPONSE}/properties/owner/oneOf/1`]);
  });
});

describe('direction', () => {
  it('drops a property made readOnly from requests only', async () => {
    const pet = (flags: object) => ({
      type: 'object',
      properties: { id: { type: 'integer', ...flags }, name: { type: 'string' } },
    });
    const got = await changes(
      oas('3.0.3', { Pet: pet({}) }, ref('Pet'), ref('Pet')),
      oas('3.0.3', { Pet: pet({ readOnly: true }) }, ref('Pet'), ref('Pet')),
    );
    expect(got).toEqual([
      'request-property-removed-optional /paths/~1x/post/requestBody/content/application~1json/schema/properties/id',
    ]);
  });

  it('classifies the same narrowing as breaking in requests and not in responses', async () => {
    const a = oas('3.0.3', {}, { type: 'number' }, { type: 'number' });
    const b = oas('3.0.3', {}, { type: 'number', maximum: 10 }, { type: 'number', maximum: 10 });
    const found = diffPlans(await plan(a), await plan(b)).map((f) => [f.change.rule, f.change.level]);
    expect(found).toEqual([
      ['request-property-max-decreased', 'breaking'],
      ['response-property-max-decreased', 'non-breaking'],
    ]);
  });

  it('counts a bound made exclusive (OpenAPI 3.0 boolean form) as narrowed', async () => {
    const a = oas('3.0.3', {}, { type: 'object' }, { type: 'integer', minimum: 0 });
    const b = oas('3.0.3', {}, { type: 'object' }, { type: 'integer', minimum: 0, exclusiveMinimum: true });
    expect(await changes(a, b)).toEqual([
      'request-property-min-increased /paths/~1x/post/requestBody/content/application~1json/schema/exclusiveMinimum',
    ]);
  });

  it('widens integer to number without breaking requests', async () => {
    const a = oas('3.0.3', {}, { type: 'object' }, { type: 'integer' });
    const b = oas('3.0.3', {}, { type: 'object' }, { type: 'number' });
    const [found] = diffPlans(await plan(a), await plan(b));
    expect([found.change.rule, found.change.level]).toEqual([
      'request-property-type-generalized',
      'non-breaking',
    ]);
  });
});

describe('Swagger 2.0 pointers', () => {
  const swagger = (maximum: number, required: string[], formRequired: boolean) => ({
    swagger: '2.0',
    info: { title: 't', version: '1' },
    paths: {
      '/pets': {
        parameters: [{ name: 'X-Trace', in: 'header', type: 'string' }],
        post: {
          parameters: [
            { name: 'limit', in: 'query', type: 'integer', maximum },
            {
              name: 'body',
              in: 'body',
              schema: { type: 'object', required, properties: { name: { type: 'string' } } },
            },
          ],
          responses: { '204': { description: 'ok' } },
        },
      },
      '/upload': {
        post: {
          consumes: ['multipart/form-data'],
          parameters: [
            { name: 'title', in: 'formData', type: 'string' },
            { name: 'file', in: 'formData', type: 'file', required: formRequired },
          ],
          responses: { '204': { description: 'ok' } },
        },
      },
    },
  });

  it('points at the parameter keywords, the body parameter and the formData parameter', async () => {
    const got = await changes(swagger(100, [], false), swagger(50, ['name'], true));
    expect(got.sort()).toEqual(
      [
        'request-parameter-max-decreased /paths/~1pets/post/parameters/0/maximum',
        'request-property-became-required /paths/~1pets/post/parameters/1/schema/properties/name',
        'request-property-became-required /paths/~1upload/post/parameters/1',
        // One required form field makes the form body itself required.
        'request-body-became-required /paths/~1upload/post/parameters',
      ].sort(),
    );
  });
});
