import { describe, expect, it } from 'vitest';
import { layerHarness } from '../../support/layer-harness';

/**
 * The pure layer driven in Node over a Map store: the cases where stored state and the spec's
 * schemas pull apart. Every spec body is checked by Ajv over the original document.
 */
const spec = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, minItems: 1, items: {$ref: '#/components/schemas/PetSummary'}}
    post:
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Pet'}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
  /pets/{petId}:
    parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
    put:
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
    delete:
      responses: {'204': {description: gone}}
  /keys:
    post:
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}}
  /keys/{keyId}:
    get:
      parameters: [{name: keyId, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}}
components:
  schemas:
    PetSummary:
      type: object
      additionalProperties: false
      required: [id, name]
      properties: {id: {type: integer, minimum: 1}, name: {type: string}}
    Pet:
      type: object
      required: [id, name, birthday]
      properties:
        id: {type: integer, minimum: 1, readOnly: true}
        name: {type: string}
        birthday: {type: string, format: date}
        secret: {type: string, writeOnly: true}
    Key:
      type: object
      required: [id]
      properties: {id: {type: string, format: uuid, readOnly: true}, label: {type: string}}
`;

/** The pure layer over a Map store, every spec body checked by Ajv (test/support/layer-harness.ts). */
function sandbox(seed = 'unit', text = spec) {
  return layerHarness(text, { seed });
}

describe('the stateful layer', () => {
  it('serves a seeded item in the item schema and a created item in the list schema', async () => {
    const { send } = await sandbox();
    const list = send('GET', '/pets').body as { id: number; name: string }[];
    const first = send('GET', `/pets/${list[0].id}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject(list[0]);
    const created = send('POST', '/pets', { name: 'Rex', birthday: '2020-02-02', secret: 's', id: 999 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Rex', birthday: '2020-02-02' });
    expect(created.body).not.toHaveProperty('secret');
    expect((created.body as { id: number }).id).not.toBe(999);
    const after = send('GET', '/pets').body as object[];
    // Newest first; the list’s additionalProperties: false keeps only id and name of the created pet.
    expect(after[0]).toEqual({ id: (created.body as { id: number }).id, name: 'Rex' });
  });

  it('answers a problem rather than a list its schema forbids (minItems 1 with every item deleted)', async () => {
    const { send } = await sandbox();
    for (const pet of send('GET', '/pets').body as { id: number }[])
      expect(send('DELETE', `/pets/${pet.id}`).status).toBe(204);
    expect(send('GET', '/pets').status).toBe('unrepresentable-state');
  });

  it('stays stateless for Prefer code/example, changing nothing, and stores a form body', async () => {
    const { send, store } = await sandbox();
    const before = JSON.stringify(send('GET', '/pets').body);
    const seeded = (JSON.parse(before) as unknown[]).length;
    expect(
      send('POST', '/pets', { name: 'A', birthday: '2020-01-01' }, { headers: { prefer: 'code=201' } })
        .status,
    ).toBe(201);
    expect(JSON.stringify(send('GET', '/pets').body)).toBe(before);
    expect(store.count('/pets')).toBe(seeded);
    const form = send('POST', '/pets', undefined, {
      body: { contentType: 'application/x-www-form-urlencoded', text: 'name=B&birthday=2020-01-01' },
    });
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ name: 'B', birthday: '2020-01-01' });
    expect(store.count('/pets')).toBe(seeded + 1);
  });

  it('PUT on an unknown id creates it under that id (201) when the spec declares no 404', async () => {
    const { send } = await sandbox();
    const put = send('PUT', '/pets/4242', { name: 'Up', birthday: '2021-03-03' });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ id: 4242, name: 'Up' });
    expect(send('GET', '/pets/4242').body).toEqual(put.body);
    expect(send('PUT', '/pets/4242', { name: 'Again', birthday: '2021-03-03' }).status).toBe(200);
  });

  it('gives created string ids from their format, distinct, and the nth create the same item on every run', async () => {
    const a = await sandbox('ids');
    const b = await sandbox('ids');
    const ids = Array.from(
      { length: 20 },
      () => (a.send('POST', '/keys', { label: 'k' }).body as { id: string }).id,
    );
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((b.send('POST', '/keys', { label: 'k' }).body as { id: string }).id).toBe(ids[0]);
    expect(a.send('GET', `/keys/${ids[3]}`).body).toEqual({ id: ids[3], label: 'k' });
    expect(a.send('GET', '/keys/unknown').status).toBe('item-not-found');
  });

  it('wraps and unwraps an envelope item (`{"Meeting": {…}}`), as AWS descriptions do', async () => {
    const aws = `openapi: 3.0.3
info: {title: aws, version: '1'}
paths:
  /meetings:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {Meetings: {type: array, items: {$ref: '#/components/schemas/Meeting'}}, NextToken: {type: string}}}}}}
    post:
      requestBody:
        content: {application/json: {schema: {type: object, required: [Topic], properties: {Topic: {type: string}}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Wrapped'}}}}
  /meetings/{meetingId}:
    get:
      parameters: [{name: meetingId, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Wrapped'}}}}
components:
  schemas:
    Meeting:
      type: object
      required: [MeetingId, Topic]
      properties: {MeetingId: {type: string, format: uuid}, Topic: {type: string}}
    Wrapped:
      type: object
      required: [Meeting]
      properties: {Meeting: {$ref: '#/components/schemas/Meeting'}}
`;
    const { send } = await sandbox('aws', aws);
    const created = send('POST', '/meetings', { Topic: 'Standup' }).body as {
      Meeting: { MeetingId: string };
    };
    expect(created.Meeting).toMatchObject({ Topic: 'Standup' });
    const id = created.Meeting.MeetingId;
    expect(send('GET', `/meetings/${id}`).body).toEqual(created);
    const list = send('GET', '/meetings').body as { Meetings: { MeetingId: string }[] };
    expect(list.Meetings[0]).toEqual(created.Meeting);
    const seeded = list.Meetings[0];
    expect(send('GET', `/meetings/${seeded.MeetingId}`).body).toEqual({ Meeting: seeded });
  });
});
