import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferResources } from '../../../worker/sandbox/infer-resources';
import { ingest } from '../../../worker/ingest/ingest';
import { oas3 } from '../../support/layer-harness';

async function infer(paths: string, schemas?: string) {
  return inferResources((await ingest(oas3(paths, schemas))).plan);
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
    // gitea.io: `/repos/{owner}/{repo}/issues/{index}` is the issue's number.
    ['index', '{id: {type: integer}, number: {type: integer}}', 'number'],
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

  // amazonaws.com/*: every member is described through an allOf (`FunctionName: {allOf: [{$ref:
  // FunctionName}, {description}]}`), which was read as an object, so no AWS resource was stateful.
  it('reads an identifier described through an allOf as the scalar it wraps', async () => {
    const item = `{type: object, properties: {FunctionName: {allOf: [{$ref: '#/components/schemas/Name'}, {description: the name}]}, Runtime: {type: string}}}`;
    const plan = await infer(
      `  /functions:
    get: {responses: ${ok(`{type: object, properties: {Functions: {type: array, items: ${item}}}}`)}}
    post: {responses: ${ok(item)}}
  /functions/{FunctionName}:
    get:
      parameters: [{name: FunctionName, in: path, required: true, schema: {type: string}}]
      responses: ${ok(item)}`,
      `    Name: {type: string, minLength: 1}`,
    );
    expect(plan.resources.map((r) => [r.itemPath, r.idField])).toEqual([
      ['/functions/{FunctionName}', 'FunctionName'],
    ]);
  });

  // googleapis.com/tasks: `/users/@me/lists/{tasklist}` names a task list, a kind of list.
  it('reads a parameter that names a kind of the collection’s item as its identifier', async () => {
    const item = `{type: object, properties: {id: {type: string}, title: {type: string}}}`;
    const plan = await infer(`  /lists:
    get: {responses: ${ok(`{type: object, properties: {items: {type: array, items: ${item}}}}`)}}
    post: {responses: ${ok(item)}}
  /lists/{tasklist}:
    get:
      parameters: [{name: tasklist, in: path, required: true, schema: {type: string}}]
      responses: ${ok(item)}`);
    expect(plan.resources.map((r) => [r.itemPath, r.idField])).toEqual([['/lists/{tasklist}', 'id']]);
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

  // launchdarkly.com.json: a project's flags are listed and created at /flags/{projectKey}.
  it('reads a collection scoped by a parameter after its noun, unless that path is another collection’s item', async () => {
    const flag = `{type: object, properties: {key: {type: string}, name: {type: string}}}`;
    const paths = `  /flags/{projectKey}:
    parameters: [{name: projectKey, in: path, required: true, schema: {type: string}}]
    get: {responses: ${ok(`{type: object, properties: {items: {type: array, items: ${flag}}}}`)}}
    post: {responses: ${ok(flag)}}
  /flags/{projectKey}/{featureFlagKey}:
    parameters:
      - {name: projectKey, in: path, required: true, schema: {type: string}}
      - {name: featureFlagKey, in: path, required: true, schema: {type: string}}
    get: {responses: ${ok(flag)}}
    delete: {responses: {'204': {description: gone}}}`;
    const plan = await infer(paths);
    expect(plan.resources[0]).toMatchObject({
      collectionPath: '/flags/{projectKey}',
      itemPath: '/flags/{projectKey}/{featureFlagKey}',
      idField: 'key',
      scopeParams: ['projectKey'],
    });
    expect(plan.bindings['POST /flags/{projectKey}']?.role).toBe('create');
    // With a /flags collection, /flags/{projectKey} is one of its items, not a collection.
    const items = await infer(`  /flags:
    get: {responses: ${ok(`{type: array, items: ${flag}}`)}}
${paths}`);
    expect(items.resources.map((r) => r.collectionPath)).not.toContain('/flags/{projectKey}');
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

  describe('identifiers in common shapes (issue 18 §6)', () => {
    const pair = (collection: string, param: string, item: string, list = true) => `  /${collection}:
    get: {responses: ${ok(list ? `{type: array, items: ${item}}` : item)}}
  /${collection}/{${param}}:
    get:
      parameters: [{name: ${param}, in: path, required: true, schema: {type: string}}]
      responses: ${ok(item)}`;

    it('reads {username} as the login, not the display name (GitHub /users/{username})', async () => {
      const user = `{type: object, properties: {login: {type: string}, id: {type: integer}, name: {type: string}}}`;
      expect((await infer(pair('users', 'username', user))).resources[0].idField).toBe('login');
      const handle = `{type: object, properties: {handle: {type: string}, name: {type: string}}}`;
      expect((await infer(pair('users', 'username', handle))).resources[0].idField).toBe('handle');
    });

    it('takes the member whose example the item’s own URL example holds where the path has the parameter', async () => {
      const space = `{type: object, properties: {id: {type: integer, example: 7}, alias: {type: string, example: docs}, url: {type: string, example: 'https://api.example.com/v2/spaces/docs'}}}`;
      expect((await infer(pair('spaces', 'key_or_alias', space))).resources[0].idField).toBe('alias');
      // Without that example nothing names {key_or_alias}.
      const bare = `{type: object, properties: {id: {type: integer}, alias: {type: string}}}`;
      expect((await infer(pair('spaces', 'key_or_alias', bare))).resources).toEqual([]);
    });

    it('reads a parameter that names the item itself as its identifier (Stripe /customers/{customer})', async () => {
      const customer = `{type: object, properties: {id: {type: string}, email: {type: string}}}`;
      for (const [collection, param] of [
        ['customers', 'customer'],
        ['payment_intents', 'intent'],
        ['subscription_items', 'item'],
        ['people', 'person'],
      ])
        expect((await infer(pair(collection, param, customer))).resources[0]?.idField, param).toBe('id');
    });

    // postmarkapp.com/server.json's /templates/{templateIdOrAlias}; Vercel's {idOrName}.
    it('reads a parameter that names an identifier or another key as the identifier', async () => {
      const template = `{type: object, properties: {TemplateId: {type: integer}, Alias: {type: string}, Name: {type: string}}}`;
      expect((await infer(pair('templates', 'templateIdOrAlias', template))).resources[0]?.idField).toBe(
        'TemplateId',
      );
      const project = `{type: object, properties: {id: {type: string}, name: {type: string}}}`;
      expect((await infer(pair('projects', 'idOrName', project))).resources[0]?.idField).toBe('id');
    });

    it('prefers the member the item’s own URL ends with when the parameter names the item (a user’s login)', async () => {
      const user = `{type: object, properties: {id: {type: integer, example: 1}, login: {type: string, example: octocat}, url: {type: string, example: 'https://api.github.com/users/octocat'}}}`;
      expect((await infer(pair('assignees', 'assignee', user))).resources[0].idField).toBe('login');
    });

    it('reads the members every branch of a union shares (Stripe: customer | deleted_customer)', async () => {
      const plan = await infer(
        `  /customers:
    post: {responses: ${ok(`{$ref: '#/components/schemas/Customer'}`)}}
  /customers/{customer}:
    get:
      parameters: [{name: customer, in: path, required: true, schema: {type: string}}]
      responses: ${ok(`{anyOf: [{$ref: '#/components/schemas/Customer'}, {$ref: '#/components/schemas/Deleted'}]}`)}`,
        `    Customer: {type: object, properties: {id: {type: string}, email: {type: string}}}
    Deleted: {type: object, properties: {id: {type: string}, deleted: {type: boolean, enum: [true]}}}`,
      );
      expect(plan.resources[0]).toMatchObject({ idField: 'id', itemPath: '/customers/{customer}' });
    });

    it('reads an envelope only where the response wraps one object (not a membership of an org and a user)', async () => {
      const org = `{type: object, properties: {id: {type: integer}, login: {type: string}}}`;
      const membership = `{type: object, properties: {state: {type: string}, organization: ${org}, user: ${org}}}`;
      expect((await infer(pair('orgs', 'org', membership))).resources).toEqual([]);
      const wrapped = `{type: object, properties: {organization: ${org}, errors: {type: array, items: {type: string}}}}`;
      expect((await infer(pair('orgs', 'org', wrapped))).resources[0]).toMatchObject({
        idField: 'id',
        envelope: 'organization',
      });
    });
  });

  it('pairs Twilio’s /Messages/{Sid}.json with /Messages.json, its list in `messages`', async () => {
    const message = `{type: object, properties: {sid: {type: string}, body: {type: string}}}`;
    const plan = await infer(`  /Accounts/{AccountSid}/Messages.json:
    parameters: [{name: AccountSid, in: path, required: true, schema: {type: string}}]
    get: {responses: ${ok(`{type: object, properties: {messages: {type: array, items: ${message}}, next_page_uri: {type: string}}}`)}}
    post: {responses: ${ok(message)}}
  /Accounts/{AccountSid}/Messages/{Sid}.json:
    parameters:
      - {name: AccountSid, in: path, required: true, schema: {type: string}}
      - {name: Sid, in: path, required: true, schema: {type: string}}
    get: {responses: ${ok(message)}}
    post: {responses: ${ok(message)}}
    delete: {responses: {'204': {description: gone}}}`);
    expect(plan.resources[0]).toMatchObject({
      collectionPath: '/Accounts/{AccountSid}/Messages.json',
      idField: 'sid',
      scopeParams: ['AccountSid'],
      list: { shape: { kind: 'wrapper', itemsKey: 'messages' } },
    });
    // POST on the item updates it, as Stripe's and Twilio's do, when nothing else does.
    expect(plan.bindings['POST /Accounts/{AccountSid}/Messages/{Sid}.json']?.role).toBe('merge');
  });

  it('binds POST on an item as an update only when the item has no PUT or PATCH', async () => {
    const item = `{type: object, properties: {id: {type: integer}}}`;
    const plan = await infer(`  /pets:
    get: {responses: ${ok(`{type: array, items: ${item}}`)}}
  /pets/{petId}:
    parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]
    get: {responses: ${ok(item)}}
    patch: {responses: ${ok(item)}}
    post: {responses: ${ok(item)}}`);
    expect(plan.bindings['PATCH /pets/{petId}']?.role).toBe('merge');
    expect(plan.bindings['POST /pets/{petId}']).toBeUndefined();
  });

  it('makes a collection with GET and POST but no item path a resource that lists what is posted', async () => {
    const pet = `{type: object, properties: {id: {type: integer}, name: {type: string}}}`;
    const plan = await infer(`  /owners/{ownerId}/pets:
    parameters: [{name: ownerId, in: path, required: true, schema: {type: string}}]
    get: {responses: ${ok(`{type: array, items: ${pet}}`)}}
    post: {responses: ${ok(pet)}}
  /tags:
    get: {responses: ${ok(`{type: array, items: ${pet}}`)}}
    post: {responses: ${ok(`{type: array, items: ${pet}}`)}}`);
    expect(plan.resources).toEqual([
      {
        collectionPath: '/owners/{ownerId}/pets',
        idField: 'id',
        scopeParams: ['ownerId'],
        list: { shape: { kind: 'array' }, paging: {} },
      },
    ]);
    expect(Object.keys(plan.bindings).sort()).toEqual([
      'GET /owners/{ownerId}/pets',
      'POST /owners/{ownerId}/pets',
    ]);
  });

  it('leaves a body-less check with nothing to list stateless (GitHub /issues/{n}/assignees/{assignee})', async () => {
    const issue = `{type: object, properties: {id: {type: integer}, number: {type: integer}}}`;
    const plan = await infer(`  /issues/{n}/assignees:
    parameters: [{name: n, in: path, required: true, schema: {type: integer}}]
    post: {responses: ${ok(issue)}}
  /issues/{n}/assignees/{assignee}:
    parameters:
      - {name: n, in: path, required: true, schema: {type: integer}}
      - {name: assignee, in: path, required: true, schema: {type: string}}
    get: {responses: {'204': {description: assignable}, '404': {description: not}}}`);
    expect(plan.resources).toEqual([]);
    expect(plan.stateless[0].reason).toBe('the item GET has no body and the collection no list');
  });

  it('finds a list under the collection’s name as the end of a longer one, or in the singular', async () => {
    const item = `{type: object, properties: {id: {type: string}}}`;
    for (const key of ['device_codes', 'code']) {
      const plan = await infer(`  /devices/codes:
    get: {responses: ${ok(`{type: object, properties: {${key}: {type: array, items: ${item}}, errors: {type: array, items: ${item}}}}`)}}
  /devices/codes/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: ${ok(item)}`);
      expect(plan.resources[0].list?.shape, key).toMatchObject({ kind: 'wrapper', itemsKey: key });
    }
  });
});
