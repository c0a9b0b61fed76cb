import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferResources } from '../../../worker/sandbox/infer-resources';
import { ingest } from '../../../worker/spec/ingest';

async function infer(paths: string, schemas = '') {
  const yaml = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
${paths}
components:
  schemas:
${schemas || '    Unused: {type: string}'}
`;
  return inferResources((await ingest(yaml)).plan);
}

const ok = (schema: string) => `{'200': {description: ok, content: {application/json: {schema: ${schema}}}}}`;

describe('resource inference', () => {
  it('pairs /pets with /pets/{petId} on petstore, with petId ↔ id and a bare-array list with limit', async () => {
    const plan = inferResources(
      (await ingest(readFileSync('spec-examples/petstore.oas3.yaml', 'utf8'))).plan,
    );
    expect(plan.resources).toEqual([
      {
        collectionPath: '/pets',
        itemPath: '/pets/{petId}',
        idParam: 'petId',
        idField: 'id',
        scopeParams: [],
        list: { shape: { kind: 'array' }, paging: { limit: 'limit' } },
      },
    ]);
    expect(Object.keys(plan.bindings).sort()).toEqual([
      'DELETE /pets/{petId}',
      'GET /pets',
      'GET /pets/{petId}',
      'POST /pets',
    ]);
    // /pets/mine ends in a literal: not an item path, stateless.
    expect(plan.bindings['GET /pets/mine']).toBeUndefined();
  });

  it.each([
    ['pet_id', '{pet_id: {type: integer}, name: {type: string}}', 'pet_id'],
    ['petId', '{pet_id: {type: integer}}', 'pet_id'],
    ['userId', '{uuid: {type: string, format: uuid}}', 'uuid'],
    ['id', '{_id: {type: string}}', '_id'],
    ['petName', '{name: {type: string}, id: {type: integer}}', 'name'],
    ['code', '{code: {type: string}}', 'code'],
    ['ID', '{petID: {type: string}, name: {type: string}}', 'petID'],
  ])('reads the identifier {%s} as the property %s → %s', async (param, props, field) => {
    const item = `{type: object, properties: ${props}}`;
    const plan = await infer(`  /pets:
    get: {responses: ${ok(`{type: array, items: ${item}}`)}}
  /pets/{${param}}:
    get:
      parameters: [{name: ${param}, in: path, required: true, schema: {type: string}}]
      responses: ${ok(item)}`);
    expect(plan.resources.map((r) => r.idField)).toEqual([field]);
  });

  it('leaves a pair stateless when no property matches the parameter, or the id is an object', async () => {
    for (const props of ['{id: {type: integer}}', '{slug: {type: object}}']) {
      const item = `{type: object, properties: ${props}}`;
      const plan = await infer(`  /posts:
    get: {responses: ${ok(`{type: array, items: ${item}}`)}}
  /posts/{slug}:
    get:
      parameters: [{name: slug, in: path, required: true, schema: {type: string}}]
      responses: ${ok(item)}`);
      expect(plan.resources).toEqual([]);
      expect(plan.stateless).toEqual([
        {
          collectionPath: '/posts',
          itemPath: '/posts/{slug}',
          reason: 'no item property matches the path parameter {slug}',
        },
      ]);
    }
  });

  it('reads wrapper lists: the items array, totals, cursor and has-more members, and paging parameters', async () => {
    const plan = await infer(
      `  /users:
    get:
      parameters:
        - {name: page, in: query, schema: {type: integer, minimum: 0}}
        - {name: pageSize, in: query, schema: {type: integer, default: 25}}
        - {name: after, in: query, schema: {type: string}}
      responses: ${ok(`{type: object, properties: {results: {type: array, items: {$ref: '#/components/schemas/User'}}, totalCount: {type: integer}, next_cursor: {type: string}, has_more: {type: boolean}, links: {type: array, items: {type: string}}}}`)}
  /users/{userId}:
    get:
      parameters: [{name: userId, in: path, required: true, schema: {type: string}}]
      responses: ${ok(`{$ref: '#/components/schemas/User'}`)}`,
      `    Base: {type: object, required: [id], properties: {id: {type: string}}}
    User: {allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {name: {type: string}}}]}`,
    );
    expect(plan.resources[0].idField).toBe('id');
    expect(plan.resources[0].list).toEqual({
      shape: {
        kind: 'wrapper',
        itemsKey: 'results',
        totalKeys: ['totalCount'],
        cursorKey: 'next_cursor',
        hasMoreKey: 'has_more',
      },
      paging: { page: 'page', pageFromZero: true, limit: 'pageSize', defaultLimit: 25, cursor: 'after' },
    });
  });

  it('finds the items one level down, in HAL `_embedded` or a `data` envelope', async () => {
    const item = `{type: object, properties: {code: {type: string}}}`;
    const plan = await infer(`  /tags:
    get: {responses: ${ok(`{type: object, properties: {_links: {type: object}, current_page: {type: integer}, _embedded: {type: object, properties: {items: {type: array, items: ${item}}}}}}`)}}
  /tags/{code}:
    get:
      parameters: [{name: code, in: path, required: true, schema: {type: string}}]
      responses: ${ok(item)}`);
    expect(plan.resources[0].list?.shape).toEqual({
      kind: 'wrapper',
      itemsKey: 'items',
      itemsParent: '_embedded',
      totalKeys: [],
    });
  });

  it('finds the identifier inside an item envelope (`{"Meeting": {"MeetingId": …}}`)', async () => {
    const meeting = `{type: object, properties: {MeetingId: {type: string}, Topic: {type: string}}}`;
    const plan = await infer(`  /meetings:
    get: {responses: ${ok(`{type: object, properties: {Meetings: {type: array, items: ${meeting}}}}`)}}
  /meetings/{meetingId}:
    get:
      parameters: [{name: meetingId, in: path, required: true, schema: {type: string}}]
      responses: ${ok(`{type: object, properties: {Meeting: ${meeting}}}`)}`);
    expect(plan.resources[0]).toMatchObject({ idField: 'MeetingId', envelope: 'Meeting' });
    expect(plan.resources[0].list?.shape).toMatchObject({ kind: 'wrapper', itemsKey: 'Meetings' });
  });

  it('scopes a nested collection by its parent parameters', async () => {
    const pet = `{type: object, properties: {id: {type: integer}}}`;
    const plan = await infer(`  /owners/{ownerId}/pets:
    parameters: [{name: ownerId, in: path, required: true, schema: {type: string}}]
    post: {responses: ${ok(pet)}}
  /owners/{ownerId}/pets/{petId}:
    parameters:
      - {name: ownerId, in: path, required: true, schema: {type: string}}
      - {name: petId, in: path, required: true, schema: {type: integer}}
    get: {responses: ${ok(pet)}}
    patch: {responses: ${ok(pet)}}`);
    expect(plan.resources[0]).toMatchObject({ scopeParams: ['ownerId'], idField: 'id' });
    expect(plan.resources[0].list).toBeUndefined();
    expect(Object.keys(plan.bindings).sort()).toEqual([
      'GET /owners/{ownerId}/pets/{petId}',
      'PATCH /owners/{ownerId}/pets/{petId}',
      'POST /owners/{ownerId}/pets',
    ]);
  });

  it('names why a pair or its list stays stateless', async () => {
    const item = `{type: object, properties: {id: {type: integer}}}`;
    const plan = await infer(`  /orders/{orderId}:
    get:
      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
      responses: ${ok(item)}
  /tags:
    get: {responses: ${ok(`{type: object, properties: {a: {type: array, items: ${item}}, b: {type: array, items: ${item}}}}`)}}
  /tags/{tagId}:
    get:
      parameters: [{name: tagId, in: path, required: true, schema: {type: integer}}]
      responses: ${ok(item)}
  /notes:
    get: {responses: ${ok(`{type: array, items: {type: string}}`)}}
  /notes/{noteId}:
    get:
      parameters: [{name: noteId, in: path, required: true, schema: {type: integer}}]
      responses: ${ok(item)}`);
    expect(plan.stateless.map((s) => `${s.itemPath}: ${s.reason}`).sort()).toEqual([
      '/notes/{noteId}: list stays stateless: the listed items have no "id" property',
      '/orders/{orderId}: no GET or POST on the collection path',
      '/tags/{tagId}: list stays stateless: no items array among a, b',
    ]);
    expect(plan.resources.map((r) => r.itemPath).sort()).toEqual(['/notes/{noteId}', '/tags/{tagId}']);
    expect(plan.bindings['GET /tags']).toBeUndefined();
  });
});
