import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../worker/ingest/check-structure';

const oas30 = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  openapi: '3.0.3',
  info: { title: 'x', version: '1' },
  paths: {
    '/pets': {
      get: {
        ...extra,
        responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } },
      },
    },
  },
});
const swagger = (parameter: unknown) => ({
  swagger: '2.0',
  info: { title: 'x', version: '1' },
  paths: { '/pets': { get: { parameters: [parameter], responses: { 200: { description: 'ok' } } } } },
});
const AT = '/paths/~1pets/get/responses/200/content/application~1json/schema';

describe('checkStructure against the official schemas', () => {
  it('names the keyword at fault in a Schema Object, not the Reference it is not', () => {
    const found = checkStructure(
      oas30({ type: 'object', properties: { id: { type: 'int' } } }),
      'openapi-3.0',
    );
    expect(found.map((f) => f.pointer)).toEqual([`${AT}/properties/id/type`]);
    expect(found[0].message).toContain('must be one of "array", "boolean"');
    expect(JSON.stringify(found)).not.toContain('$ref');
  });

  it('accepts a Reference, and a Reference with siblings, where an object or a Reference may stand', () => {
    expect(checkStructure(oas30({ $ref: '#/components/schemas/Pet' }), 'openapi-3.0')).toEqual([]);
    expect(checkStructure(oas30({ $ref: '#/x', description: 'ignored by 3.0' }), 'openapi-3.0')).toEqual([]);
  });

  it('refuses a $ref that is not a string, and a Schema Object that is not an object', () => {
    expect(checkStructure(oas30({ $ref: 5 }), 'openapi-3.0').map((f) => f.pointer)).toEqual([`${AT}/$ref`]);
    expect(checkStructure(oas30('a string'), 'openapi-3.0').map((f) => f.pointer)).toEqual([AT]);
  });

  it('reports an unknown member of an operation beside a Reference', () => {
    const found = checkStructure(
      oas30({ type: 'string' }, { parameters: [{ $ref: '#/p' }], nope: 1 }),
      'openapi-3.0',
    );
    expect(found).toEqual([
      { pointer: '/paths/~1pets/get', message: 'openapi-3.0 schema: unexpected property "nope"' },
    ]);
  });

  it('Swagger 2.0: a parameter is a jsonReference or a parameter, never both', () => {
    expect(checkStructure(swagger({ $ref: '#/parameters/limit' }), 'swagger-2.0')).toEqual([]);
    expect(checkStructure(swagger({ $ref: '#/parameters/limit', name: 'limit' }), 'swagger-2.0')).not.toEqual(
      [],
    );
    expect(checkStructure(swagger({ name: 'limit', in: 'query', type: 'integer' }), 'swagger-2.0')).toEqual(
      [],
    );
    expect(checkStructure(swagger({ name: 'limit', in: 'query' }), 'swagger-2.0')).not.toEqual([]);
  });
});
