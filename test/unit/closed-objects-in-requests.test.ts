import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { generate } from '../../worker/mock/generate/index';

/**
 * ShipEngine's request bodies are `additionalProperties: false` beside an `allOf` that holds every
 * property, and a `required` naming them: read strictly, no body passes (each name is "additional"
 * to the outer schema), so every call its SDK made was refused. In a request, the names the
 * composed schemas declare are the names the author meant to allow; each is still judged by them.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /images:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [name]
              allOf: [{$ref: '#/components/schemas/Image'}]
      responses:
        '204': {description: created}
  /shapes:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              additionalProperties: false
              oneOf:
                - {type: object, required: [radius], properties: {radius: {type: number}}}
                - {type: object, required: [side], properties: {side: {type: number}}}
      responses:
        '204': {description: created}
  /addresses:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [shipment_id, address_line1]
              allOf: [{$ref: '#/components/schemas/Address'}, {$ref: '#/components/schemas/Instructions'}]
      responses:
        '204': {description: created}
  /screens:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [defaultScreen]
              properties: {default: {type: integer}, edit: {type: integer}}
      responses:
        '204': {description: created}
  /rates:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [shipment_id, shipment]
              allOf: [{type: object, properties: {rate_options: {type: object}}}]
              oneOf:
                - {type: object, required: [shipment_id], properties: {shipment_id: {type: string}}}
                - {type: object, required: [shipment], properties: {shipment: {type: object}}}
      responses:
        '204': {description: created}
  /rates-declared:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [shipment_id, shipment]
              oneOf:
                - {type: object, properties: {shipment_id: {type: string}}}
                - {type: object, properties: {shipment: {type: object}}}
      responses:
        '204': {description: created}
  /assemblies:
    put:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Assembly'}
      responses:
        '204': {description: stored}
  /users:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/UserCreate'}
      responses:
        '204': {description: created}
components:
  schemas:
    UserCreate:
      type: object
      required: [accountEnabled, displayName]
      allOf: [{$ref: '#/components/schemas/UserBase'}]
      properties:
        accountEnabled: {type: boolean}
        displayName: {type: string}
    UserBase:
      type: object
      additionalProperties: {type: object}
      properties:
        givenName: {type: string}
    Assembly:
      type: object
      additionalProperties: false
      required: [assemblyName]
      allOf: [{$ref: '#/components/schemas/Content'}]
      properties:
        assemblyName: {type: string}
    Content:
      type: object
      additionalProperties: false
      allOf: [{$ref: '#/components/schemas/Artifact'}]
      properties:
        contentType: {type: string}
    Artifact:
      type: object
      additionalProperties: false
      properties:
        createdTime: {type: string, format: date-time}
    Address:
      type: object
      additionalProperties: false
      properties:
        shipment_id: {type: string, readOnly: true}
        address_line1: {type: string}
    Instructions:
      type: object
      additionalProperties: false
      properties:
        instructions: {type: string}
    Image:
      type: object
      properties:
        name: {type: string, maxLength: 5}
        is_default: {type: boolean}
`;

async function post(path: string, body: unknown, method = 'POST') {
  const target = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
  const outcome = mock(target, {
    method,
    path,
    query: [],
    headers: { 'content-type': 'application/json' },
    body: { contentType: 'application/json', text: JSON.stringify(body) },
  });
  return outcome.ok ? outcome.response.status : outcome.problem.type;
}

describe('additionalProperties: false beside composed properties, in a request', () => {
  it('accepts the names an allOf declares, required or not', async () => {
    expect(await post('/images', { name: 'logo', is_default: true })).toBe(204);
    expect(await post('/images', { name: 'logo' })).toBe(204);
  });

  it('still judges them by their schemas, and refuses names no schema declares', async () => {
    expect(await post('/images', { name: 'a long name' })).toBe('invalid-request');
    expect(await post('/images', { name: 'logo', is_default: 'yes' })).toBe('invalid-request');
    expect(await post('/images', { name: 'logo', colour: 'red' })).toBe('invalid-request');
    expect(await post('/images', { is_default: true })).toBe('invalid-request');
  });

  it('accepts the names of a oneOf branch the same way', async () => {
    expect(await post('/shapes', { radius: 2 })).toBe(204);
    expect(await post('/shapes', { side: 'x' })).toBe('invalid-request');
    expect(await post('/shapes', { radius: 2, colour: 'red' })).toBe('invalid-request');
  });
});

// shipengine.com.json's shipping_address: allOf [address, partial_shipping_address], each closed, and
// a required readOnly shipment_id declared in a member: every label, shipment and rate was refused.
describe('closed allOf members, in a request', () => {
  it('admit each other’s names, and the whole stays closed over them', async () => {
    expect(await post('/addresses', { address_line1: '1 Main St', instructions: 'ring' })).toBe(204);
    expect(await post('/addresses', { address_line1: '1 Main St', colour: 'red' })).toBe('invalid-request');
  });

  it('do not require a readOnly member one of them declares', async () => {
    expect(await post('/addresses', { address_line1: '1 Main St' })).toBe(204);
    expect(await post('/addresses', { instructions: 'ring' })).toBe('invalid-request');
  });

  it('ignore a readOnly member one of them declares, whatever a client sends in it', async () => {
    expect(await post('/addresses', { address_line1: '1 Main St', shipment_id: 42 })).toBe(204);
  });
});

// azure.com/logic.json's AssemblyProperties: closed, requires its own `assemblyName` and extends
// (allOf) a closed ArtifactContentPropertiesDefinition, which extends a closed ArtifactProperties.
// Read strictly, each base forbids the names its extension adds: every assembly PUT was refused.
describe('a closed object extending closed bases, in a request', () => {
  it('admits the names the object and each base declare', async () => {
    expect(await post('/assemblies', { assemblyName: 'a' }, 'PUT')).toBe(204);
    const full = { assemblyName: 'a', contentType: 'text/plain', createdTime: '2026-01-01T00:00:00Z' };
    expect(await post('/assemblies', full, 'PUT')).toBe(204);
  });

  it('still judges each name by its schema, requires what the object requires, and stays closed', async () => {
    expect(await post('/assemblies', { assemblyName: 'a', createdTime: 'yesterday' }, 'PUT')).toBe(
      'invalid-request',
    );
    expect(await post('/assemblies', { assemblyName: 7 }, 'PUT')).toBe('invalid-request');
    expect(await post('/assemblies', { contentType: 'text/plain' }, 'PUT')).toBe('invalid-request');
    expect(await post('/assemblies', { assemblyName: 'a', colour: 'red' }, 'PUT')).toBe('invalid-request');
  });
});

// windows.net/graphrbac.json's UserCreateParameters extends UserBase, whose additionalProperties
// schema ({type: object}, extension attributes) judged the extension's own accountEnabled (a
// boolean) as an object: every user an SDK created was refused.
describe('an object extending a base whose additionalProperties is a schema, in a request', () => {
  it('judges its own names by their own schemas', async () => {
    expect(await post('/users', { accountEnabled: true, displayName: 'Bob', givenName: 'Bob' })).toBe(204);
    expect(await post('/users', { accountEnabled: 'yes', displayName: 'Bob' })).toBe('invalid-request');
    expect(await post('/users', { displayName: 'Bob' })).toBe('invalid-request');
  });

  it('still judges other names by the base’s additionalProperties', async () => {
    const user = { accountEnabled: true, displayName: 'Bob' };
    expect(await post('/users', { ...user, extension_1: { a: 1 } })).toBe(204);
    expect(await post('/users', { ...user, extension_1: 'a' })).toBe('invalid-request');
    expect(await post('/users', { ...user, givenName: 7 })).toBe('invalid-request');
  });
});

// Jira's ScreenTypes requires `defaultScreen` and declares `default`; e-conomic's Employee requires
// `canApprove`, which it never declares: no body could be closed and hold the name.
describe('a closed object requiring a name it does not declare, in a request', () => {
  it('does not require that name, and still refuses it', async () => {
    expect(await post('/screens', { default: 10000 })).toBe(204);
    expect(await post('/screens', { defaultScreen: 10000 })).toBe('invalid-request');
  });
});

// shipengine.com.json's rates request: the object requires shipment_id and shipment, its oneOf
// branches each require one of them. Strictly no body passes: both names match both branches.
describe('an object requiring names its oneOf branches each require apart, in a request', () => {
  it('requires each name in its branch only', async () => {
    expect(await post('/rates', { shipment_id: 'se-1' })).toBe(204);
    expect(await post('/rates', { shipment: { carrier_id: 'se-2' }, rate_options: {} })).toBe(204);
  });

  it('still requires one branch, and refuses a body matching both', async () => {
    expect(await post('/rates', { rate_options: {} })).toBe('invalid-request');
    expect(await post('/rates', { shipment_id: 'se-1', shipment: {} })).toBe('invalid-request');
    expect(await post('/rates', { shipment_id: 'se-1', colour: 'red' })).toBe('invalid-request');
  });

  // As ShipEngine has it: the branches only declare their names. No value matches exactly one, so
  // the oneOf is read as anyOf as well (check-request-oneof.ts).
  it('requires one of the names its branches only declare', async () => {
    expect(await post('/rates-declared', { shipment_id: 'se-1' })).toBe(204);
    expect(await post('/rates-declared', { shipment: {} })).toBe(204);
    expect(await post('/rates-declared', {})).toBe('invalid-request');
    expect(await post('/rates-declared', { shipment: 'se-1' })).toBe('invalid-request');
  });
});

describe('a generated request body (the corpus yardstick, an SDK example)', () => {
  // api.github.com POST /orgs/{org}/campaigns: `oneOf: [{required: [code_scanning_alerts]},
  // {required: [secret_scanning_alerts]}]` beside a closed object that declares only the first.
  it('keeps a oneOf branch’s requirement of a name the closed parent never declares: that branch cannot be met', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        code_scanning_alerts: { type: 'array', items: { type: 'integer' } },
      },
      oneOf: [{ required: ['code_scanning_alerts'] }, { required: ['secret_scanning_alerts'] }],
    };
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const r = generate(schema, { seed, defs: {}, direction: 'request', refDate: 0 });
      expect(r.ok && Object.keys(r.value as object), seed).toContain('code_scanning_alerts');
    }
  });

  it('leaves out a required name its closed object does not declare', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['defaultScreen', 'edit'],
      properties: { default: { type: 'integer' }, edit: { type: 'integer' } },
    };
    for (const seed of ['a', 'b', 'c']) {
      const r = generate(schema, { seed, defs: {}, direction: 'request', refDate: 0 });
      expect(r.ok && Object.keys(r.value as object)).not.toContain('defaultScreen');
      expect(r.ok && Object.keys(r.value as object)).toContain('edit');
    }
  });
});
