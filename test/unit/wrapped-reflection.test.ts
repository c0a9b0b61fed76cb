import { describe, expect, it } from 'vitest';
import { engineCall } from '../support/engine-call';
import { ajvValidate, makeAjv } from '../support/ajv-helper';

/**
 * telnyx.com.json answers `POST /messaging_profiles {"name": "Summer"}` with `{"data":
 * MessagingProfile}`, whose schema carries a whole example object. The wrapper's example was served
 * as written (`"name": "Profile for Messages"`): the official SDK's caller read back a profile it
 * did not create. A resource sent bare reflects into the wrapper as into the root.
 */
const PROFILE = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid', readOnly: true },
    name: { type: 'string' },
    enabled: { type: 'boolean' },
  },
  example: { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', name: 'Profile for Messages', enabled: true },
};
const SPEC = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/messaging_profiles': {
      post: {
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } },
        },
        responses: {
          '200': {
            description: 'created',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Profile' } } },
              },
            },
          },
        },
      },
    },
  },
  components: { schemas: { Profile: PROFILE } },
});

/** The body a JSON write of `body` to `path` is answered with (a refusal throws). */
async function answer(spec: string, method: string, path: string, body: unknown): Promise<unknown> {
  const outcome = await engineCall(spec, method, path, { body });
  if (!outcome.ok) throw new Error(outcome.problem.detail);
  return JSON.parse(outcome.response.body!) as unknown;
}

const create = async (body: unknown) =>
  (await answer(SPEC, 'POST', '/messaging_profiles', body)) as { data: Record<string, unknown> };

describe('a create answered in a `data` wrapper whose schema has an example', () => {
  const ajv = makeAjv();
  const schema = { type: 'object', properties: { data: PROFILE } };

  it('reflects a bare request body into the wrapper', async () => {
    const answer = await create({ name: 'Summer', enabled: false });
    expect(ajvValidate(ajv, schema, {}, answer)).toBeNull();
    expect(answer.data).toMatchObject({ name: 'Summer', enabled: false });
  });

  it('still reflects a request that sends the wrapper itself', async () => {
    const answer = await create({ data: { name: 'Winter' } });
    expect(ajvValidate(ajv, schema, {}, answer)).toBeNull();
    expect(answer.data.name).toBe('Winter');
  });
});

// kubernetes.io.json: a Deployment created with `spec: {replicas: 2, …}` came back without
// `replicas`: deep in a body, optional members are given by chance, sent ones too.
describe('members a create sent deep in its body', () => {
  const members = [
    'replicas',
    'paused',
    'minReadySeconds',
    'revisionHistoryLimit',
    'progressDeadlineSeconds',
    'partition',
    'surge',
    'unavailable',
  ];
  const deep = JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/deployments': {
        post: {
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Deployment' } } },
          },
          responses: {
            '201': {
              description: 'created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Deployment' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Deployment: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              properties: {
                ...Object.fromEntries(members.map((m) => [m, { type: 'integer' }])),
                selector: { type: 'object', properties: { app: { type: 'string' } } },
              },
            },
          },
        },
      },
    },
  });

  it('are all answered, as sent', async () => {
    // An object among them: the spec is guided member by member, not taken whole as a flat map is.
    const sent = { ...Object.fromEntries(members.map((m, i) => [m, i + 1])), selector: { app: 'api' } };
    const created = (await answer(deep, 'POST', '/deployments', { spec: sent })) as { spec: unknown };
    expect(created.spec).toEqual(sent);
  });
});

// xero.com/xero_accounting.json: `PUT /Contacts {"Contacts": [{"Name": …}, …]}` answered contacts of
// other names: a list of sent objects was left to the generator.
describe('a batch create (a list of objects sent and answered)', () => {
  const batch = JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/Contacts': {
        put: {
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Contacts' } } },
          },
          responses: {
            '200': {
              description: 'created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Contacts' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Contacts: {
          type: 'object',
          properties: { Contacts: { type: 'array', items: { $ref: '#/components/schemas/Contact' } } },
        },
        Contact: {
          type: 'object',
          properties: {
            ContactID: { type: 'string', format: 'uuid', readOnly: true },
            Name: { type: 'string' },
            EmailAddress: { type: 'string', format: 'email' },
          },
        },
      },
    },
  });

  it('answers one item per sent object, each with what it sent', async () => {
    const sent = [
      { Name: 'Bruce Banner', EmailAddress: 'hulk@avengers.com' },
      { Name: 'Tony Stark', EmailAddress: 'tony@stark.com' },
    ];
    const answered = (await answer(batch, 'PUT', '/Contacts', { Contacts: sent })) as {
      Contacts: Record<string, unknown>[];
    };
    expect(answered.Contacts).toHaveLength(2);
    expect(answered.Contacts).toMatchObject(sent);
    expect(answered.Contacts.every((c) => typeof c.ContactID === 'string')).toBe(true);
  });
});
