import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * digitalocean.com.json: POST /v2/droplets creates one droplet (`name`) or several (`names`); its
 * 202 is `{droplet}` or `{droplets}`, with "Multiple Droplet Create Response" the first example.
 * A single create was answered with the list, and the example's `name` stayed "example.com"
 * because the sent `image: "ubuntu-22-04-x64"` cannot describe the example's image object.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /v2/droplets:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: object, properties: {droplets: {type: array, items: {$ref: '#/components/schemas/Droplet'}}}}}}
    post:
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - {type: object, required: [name], properties: {name: {type: string}, image: {type: string}}}
                - {type: object, required: [names], properties: {names: {type: array, items: {type: string}}, image: {type: string}}}
      responses:
        '202':
          description: accepted
          content:
            application/json:
              schema:
                oneOf:
                  - {type: object, required: [droplet], properties: {droplet: {$ref: '#/components/schemas/Droplet'}}}
                  - {type: object, required: [droplets], properties: {droplets: {type: array, items: {$ref: '#/components/schemas/Droplet'}}}}
              examples:
                Multiple: {value: {droplets: [{id: 1, name: sub-01.example.com, image: {id: 6, slug: ubuntu}}]}}
                Single: {value: {droplet: {id: 3, name: example.com, image: {id: 6, slug: ubuntu}}}}
components:
  schemas:
    Droplet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string}
        image: {type: object, properties: {id: {type: integer}, slug: {type: string}}}
`;

async function harness() {
  const { plan } = await ingest(SPEC);
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const { document, pointers } = responseSchemas(SPEC);
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  return (body: unknown, prefer?: string) => {
    const outcome = mock(target, {
      method: 'POST',
      path: '/v2/droplets',
      query: [],
      headers: { 'content-type': 'application/json', ...(prefer ? { prefer } : {}) },
      body: { contentType: 'application/json', text: JSON.stringify(body) },
    });
    if (!outcome.ok) throw new Error(outcome.problem.detail);
    const value = JSON.parse(outcome.response.body ?? 'null') as Record<string, unknown>;
    const validate = ajv.compile({ $ref: DOC_ID + pointers['POST /v2/droplets 202'] });
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
    return value;
  };
}

describe('a create of one or of many', () => {
  it('answers one item with the singular example, reflecting the name it was sent', async () => {
    const post = await harness();
    const one = post({ name: 'web-1', image: 'ubuntu-22-04-x64' });
    expect(one.droplet).toMatchObject({ name: 'web-1', image: { id: 6 } });
    expect(Object.keys(post({ names: ['web-1', 'web-2'], image: 'ubuntu-22-04-x64' }))).toEqual(['droplets']);
  });

  it('generates the singular branch for one, the plural for many', async () => {
    const post = await harness();
    for (const seed of ['a', 'b', 'c', 'd']) {
      expect(Object.keys(post({ name: 'web-1' }, `dynamic=true, seed=${seed}`))).toEqual(['droplet']);
      expect(Object.keys(post({ names: ['a', 'b'] }, `dynamic=true, seed=${seed}`))).toEqual(['droplets']);
    }
  });
});
