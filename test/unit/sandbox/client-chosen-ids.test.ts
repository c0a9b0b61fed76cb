import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * DigitalOcean's domains are named by the client (`POST /v2/domains {"name": "example.com"}`), its
 * SSH keys read at `/v2/account/keys/{ssh_key_identifier}`, both wrapped (`{"domain": {…}}`).
 */
const wrapped = (def: string, member: string) =>
  `{content: {application/json: {schema: {type: object, properties: {${member}: {$ref: '#/components/schemas/${def}'}}}}}}`;
const list = (def: string, member: string) =>
  `{content: {application/json: {schema: {type: object, properties: {${member}: {type: array, items: {$ref: '#/components/schemas/${def}'}}}}}}}`;
const SPEC = oas3(
  `  /v2/domains:
    get:
      responses:
        '200': {description: ok, ${list('domain', 'domains').slice(1, -1)}}
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/domain'}}}}
      responses:
        '201': {description: ok, ${wrapped('domain', 'domain').slice(1, -1)}}
  /v2/domains/{domain_name}:
    parameters: [{name: domain_name, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, ${wrapped('domain', 'domain').slice(1, -1)}}
        '404': {description: missing}
  /v2/account/keys:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/sshKey'}}}}
      responses:
        '201': {description: ok, ${wrapped('sshKey', 'ssh_key').slice(1, -1)}}
  /v2/account/keys/{ssh_key_identifier}:
    parameters: [{name: ssh_key_identifier, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, ${wrapped('sshKey', 'ssh_key').slice(1, -1)}}
        '404': {description: missing}`,
  `    domain:
      type: object
      required: [name]
      properties: {name: {type: string, example: example.com}, ttl: {type: integer, readOnly: true}}
    sshKey:
      type: object
      required: [name]
      properties: {id: {type: integer, readOnly: true}, name: {type: string}}`,
);

describe('resources whose identifiers the client chooses or names its own way', () => {
  it('a create of a seeded item’s identifier takes its place; a second one conflicts', async () => {
    const { send } = await layerHarness(SPEC);
    const seeded = (send('GET', '/v2/domains').body as { domains: { name: string }[] }).domains;
    expect(seeded.map((d) => d.name)).toContain('example.com');
    const created = send('POST', '/v2/domains', { name: 'example.com' });
    expect(created.status).toBe(201);
    const listed = (send('GET', '/v2/domains').body as { domains: { name: string }[] }).domains;
    expect(listed.filter((d) => d.name === 'example.com')).toHaveLength(1);
    expect(listed[0].name).toBe('example.com');
    expect(send('POST', '/v2/domains', { name: 'example.com' }).status).toBe('item-conflict');
  });

  it('reads a created SSH key at /keys/{ssh_key_identifier}, and 404s an unknown one', async () => {
    const { send } = await layerHarness(SPEC);
    const created = send('POST', '/v2/account/keys', { name: 'laptop' }).body as { ssh_key: { id: number } };
    const read = send('GET', `/v2/account/keys/${created.ssh_key.id}`).body as { ssh_key: { name: string } };
    expect(read.ssh_key.name).toBe('laptop');
    expect(send('GET', '/v2/account/keys/987654321').status).toBe('item-not-found');
  });
});
