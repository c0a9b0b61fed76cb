import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * The conversations SDKs have with a sandbox (issue 18 §6), each on the smallest spec that showed a
 * failure on a real description, through the pure layer over a Map store. Every spec body is checked
 * by Ajv over the original document.
 */
const BASE = 'https://x.test/sandbox/sb';
type Json = Record<string, unknown>;

async function sandbox(paths: string, schemas: string) {
  return (await layerHarness(oas3(paths, schemas), { baseUrl: BASE })).send;
}

const json = (schema: string) => `{application/json: {schema: ${schema}}}`;
const ok = (schema: string, status = 200) => `{'${status}': {description: ok, content: ${json(schema)}}}`;

describe('sandbox conversations', () => {
  it('lists what was posted to a collection with no item path of its own, per parent', async () => {
    const send = await sandbox(
      `  /owners/{ownerId}/pets:
    parameters: [{name: ownerId, in: path, required: true, schema: {type: string}}]
    get: {responses: ${ok(`{type: array, items: {$ref: '#/components/schemas/Pet'}}`)}}
    post:
      requestBody: {content: ${json(`{$ref: '#/components/schemas/Pet'}`)}}
      responses: ${ok(`{$ref: '#/components/schemas/Pet'}`, 201)}`,
      `    Pet: {type: object, required: [id, name], properties: {id: {type: integer, readOnly: true}, name: {type: string}}}`,
    );
    const before = (send('GET', '/owners/7/pets').body as Json[]).length;
    const made = send('POST', '/owners/7/pets', { name: 'Rex' });
    expect(made.status).toBe(201);
    const listed = send('GET', '/owners/7/pets').body as Json[];
    expect(listed).toHaveLength(before + 1);
    expect(listed[0]).toEqual(made.body); // newest first
    expect((send('GET', '/owners/8/pets').body as Json[]).some((p) => p.name === 'Rex')).toBe(false);
  });

  it("names the created item in its URLs: its own URL in the sandbox, the example's number and parents replaced elsewhere", async () => {
    const send = await sandbox(
      `  /repos/{owner}/{repo}/issues:
    parameters:
      - {name: owner, in: path, required: true, schema: {type: string}}
      - {name: repo, in: path, required: true, schema: {type: string}}
    get: {responses: ${ok(`{type: array, items: {$ref: '#/components/schemas/Issue'}}`)}}
    post:
      requestBody: {content: ${json(`{type: object, properties: {title: {type: string}, callback_url: {type: string}}}`)}}
      responses: ${ok(`{$ref: '#/components/schemas/Issue'}`, 201)}
  /repos/{owner}/{repo}/issues/{issue_number}:
    parameters:
      - {name: owner, in: path, required: true, schema: {type: string}}
      - {name: repo, in: path, required: true, schema: {type: string}}
      - {name: issue_number, in: path, required: true, schema: {type: integer}}
    get: {responses: ${ok(`{$ref: '#/components/schemas/Issue'}`)}}`,
      `    Issue:
      type: object
      required: [number, url, html_url, comments_url, title, _links]
      properties:
        number: {type: integer, example: 1347}
        title: {type: string}
        url: {type: string, format: uri, example: 'https://api.example.com/repos/octocat/Hello-World/issues/1347'}
        html_url: {type: string, format: uri, example: 'https://example.com/octocat/Hello-World/issues/1347'}
        comments_url: {type: string, format: uri, example: 'https://api.example.com/repos/octocat/Hello-World/issues/1347/comments'}
        callback_url: {type: string, format: uri}
        _links: {type: object, required: [self], properties: {self: {type: object, required: [href], properties: {href: {type: string, format: uri, example: 'https://api.example.com/repos/octocat/Hello-World/issues/1347'}}}}}`,
    );
    const made = send('POST', '/repos/me/proj/issues', {
      title: 'Bug',
      callback_url: 'https://hooks.example.com/issues/1347',
    });
    expect(made.status).toBe(201);
    const issue = made.body as Json & { number: number; _links: { self: { href: string } } };
    expect(issue.number).not.toBe(1347);
    const n = issue.number;
    expect(issue.url).toBe(`${BASE}/repos/me/proj/issues/${n}`);
    expect(issue._links.self.href).toBe(`${BASE}/repos/me/proj/issues/${n}`);
    expect(issue.html_url).toBe(`https://example.com/me/proj/issues/${n}`);
    expect(issue.comments_url).toBe(`https://api.example.com/repos/me/proj/issues/${n}/comments`);
    // What the client sent is kept as sent.
    expect(issue.callback_url).toBe('https://hooks.example.com/issues/1347');
    expect(send('GET', `/repos/me/proj/issues/${n}`).body).toEqual(issue);
  });

  it('gives a new item an id of its own when the spec’s example id is already taken by the seeded start', async () => {
    const send = await sandbox(
      `  /tags:
    get: {responses: ${ok(`{type: object, properties: {data: {type: array, items: {$ref: '#/components/schemas/Tag'}}}}`)}}
    post:
      requestBody: {content: ${json(`{type: object, properties: {data: {$ref: '#/components/schemas/Tag'}}}`)}}
      responses: ${ok(`{type: object, properties: {data: {$ref: '#/components/schemas/Tag'}}}`, 201)}
  /tags/{tag_gid}:
    parameters: [{name: tag_gid, in: path, required: true, schema: {type: string}}]
    get: {responses: ${ok(`{type: object, properties: {data: {$ref: '#/components/schemas/Tag'}}}`)}}`,
      `    Tag: {type: object, properties: {gid: {type: string, readOnly: true, example: '12345'}, name: {type: string}}}`,
    );
    const seeded = (send('GET', '/tags').body as { data: Json[] }).data.map((t) => t.gid);
    expect(seeded).toContain('12345');
    const gids = ['a', 'b'].map((name) => {
      const made = send('POST', '/tags', { data: { name } });
      expect(made.status).toBe(201);
      return (made.body as { data: Json }).data.gid as string;
    });
    expect(new Set([...seeded, ...gids]).size).toBe(seeded.length + 2);
    for (const [i, gid] of gids.entries())
      expect((send('GET', `/tags/${gid}`).body as { data: Json }).data).toMatchObject({
        gid,
        name: ['a', 'b'][i],
      });
  });

  it('creates, reads, updates by POST, lists and deletes as Stripe does, never storing the deleted variant', async () => {
    const customer = `{$ref: '#/components/schemas/Customer'}`;
    const send = await sandbox(
      `  /v1/customers:
    get: {responses: ${ok(`{type: object, required: [data], properties: {object: {type: string, enum: [list]}, data: {type: array, items: ${customer}}, has_more: {type: boolean}}}`)}}
    post:
      requestBody: {content: ${json(`{type: object, properties: {email: {type: string}}}`)}}
      responses: ${ok(customer)}
  /v1/customers/{customer}:
    parameters: [{name: customer, in: path, required: true, schema: {type: string}}]
    get: {responses: ${ok(`{anyOf: [${customer}, {$ref: '#/components/schemas/Deleted'}]}`)}}
    post:
      requestBody: {content: ${json(`{type: object, properties: {email: {type: string}}}`)}}
      responses: ${ok(customer)}
    delete: {responses: ${ok(`{$ref: '#/components/schemas/Deleted'}`)}}`,
      `    Customer: {type: object, required: [id, object], properties: {id: {type: string, example: cus_NffrFeUfNV2Hib}, object: {type: string, enum: [customer]}, email: {type: string}}}
    Deleted: {type: object, required: [id, deleted], properties: {id: {type: string}, deleted: {type: boolean, enum: [true]}}}`,
    );
    const made = send('POST', '/v1/customers', { email: 'a@b.c' });
    const id = (made.body as Json).id as string;
    expect(made.body).toMatchObject({ object: 'customer', email: 'a@b.c' });
    expect(send('GET', `/v1/customers/${id}`).body).toEqual(made.body);
    expect(send('POST', `/v1/customers/${id}`, { email: 'x@y.z' }).body).toMatchObject({
      id,
      email: 'x@y.z',
    });
    expect((send('GET', '/v1/customers').body as { data: Json[] }).data[0]).toMatchObject({
      id,
      email: 'x@y.z',
    });
    expect(send('DELETE', `/v1/customers/${id}`).status).toBe(200);
    expect(send('GET', `/v1/customers/${id}`).status).toBe('item-not-found');
  });
});
