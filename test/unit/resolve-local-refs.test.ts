import $RefParser from '@apidevtools/json-schema-ref-parser';
import { describe, expect, it } from 'vitest';
import { createResolver } from '../../worker/ingest/resolve';

/** ref-parser's own answer for a local ref, or undefined where it finds nothing: the yardstick. */
async function refParserGet(doc: object, ref: string): Promise<unknown> {
  const refs = await $RefParser.resolve(structuredClone(doc), {
    resolve: { external: false, file: false, http: false },
  } as Parameters<typeof $RefParser.resolve>[1] & object);
  try {
    return refs.get(ref);
  } catch {
    return undefined;
  }
}

const doc = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Pet: { type: 'object', properties: { name: { type: 'string' }, $ref: { type: 'integer' } } },
      Alias: { $ref: '#/components/schemas/Pet' },
      Through: { $ref: '#/components/schemas/Pet', description: 'extended' },
      Nothing: null,
      Zero: 0,
      'a/b': { type: 'string', title: 'slash' },
      'a%b': { type: 'string', title: 'percent' },
      'Späce Name': { type: 'boolean' },
      WithId: { $id: 'https://example.com/other', properties: { x: { type: 'number' } } },
      Empty: { $ref: '' },
    },
    parameters: { list: [{ name: 'first' }, { name: 'second' }] },
  },
};

const refs = [
  '#/components/schemas/Pet',
  '#/components/schemas/Pet/properties/name',
  '#/components/schemas/Pet/properties/$ref',
  '#/components/schemas/Alias',
  '#/components/schemas/Alias/properties/name',
  '#/components/schemas/Through',
  '#/components/schemas/Through/properties/name',
  '#/components/schemas/Nothing',
  '#/components/schemas/Zero',
  '#/components/schemas/Missing',
  '#/components/schemas/a~1b',
  '#/components/schemas/a%25b',
  '#/components/schemas/Sp%C3%A4ce%20Name',
  '#/components/schemas/WithId/properties/x',
  '#/components/schemas/Empty',
  '#/components/parameters/list/1',
  '#/components/parameters/list/7',
  '#/components/schemas/Pet/constructor',
  '#/components/schemas/Pet/__proto__',
  '#/components',
];

describe('local refs', () => {
  it.each(refs)('%s resolves to what ref-parser itself finds', async (ref) => {
    const expected = await refParserGet(doc, ref);
    const resolver = await createResolver(structuredClone(doc));
    const target = resolver.target(ref, '/x');
    expect(target).toEqual(expected);
    expect(resolver.missing.length).toBe(expected === undefined ? 1 : 0);
  });

  it('answers the very object of the document, as ref-parser does', async () => {
    const own = structuredClone(doc);
    const resolver = await createResolver(own);
    expect(resolver.target('#/components/schemas/Pet', '')).toBe(own.components.schemas.Pet);
    expect(resolver.target('#/components/schemas/Alias', '')).toBe(own.components.schemas.Pet);
  });
});
