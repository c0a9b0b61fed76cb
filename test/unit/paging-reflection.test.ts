import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockOutcome } from '../../worker/mock/mock';
import type { JsonValue, Plan } from '../../worker/mock/plan';
import { ingest } from '../../worker/ingest/ingest';
import { ajvValidate, makeAjv } from '../support/ajv-helper';

/**
 * Issue 18 §4 (pagination leads into the mock and ends) and §7 (stateless answers agree with the
 * request): the smallest spec per rule, through mock(), every body checked by Ajv.
 */

const ajv = makeAjv();
const BASE = 'https://h.test/mock/api/1';

async function planOf(paths: string, schemas = '{}'): Promise<Plan> {
  return (
    await ingest(
      `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n${paths}\ncomponents: {schemas: ${schemas}}\n`,
    )
  ).plan;
}

function call(plan: Plan, method: string, url: string, body?: string, type = 'application/json') {
  const [path, q = ''] = url.split('?');
  const r: MockOutcome = mock(prepareTarget(plan, Date.UTC(2026, 0, 1)), {
    method,
    path,
    baseUrl: BASE,
    query: [...new URLSearchParams(q)],
    headers: { prefer: 'dynamic=true', ...(body !== undefined ? { 'content-type': type } : {}) },
    ...(body !== undefined ? { body: { contentType: type, text: body } } : {}),
  });
  if (!r.ok) throw new Error(r.problem.detail);
  const value = JSON.parse(r.response.body ?? 'null') as Record<string, JsonValue>;
  const res = r.operation.responses.find((x) => x.status === String(r.response.status))!;
  expect(
    ajvValidate(ajv, res.content['application/json'].schema!, plan.defs, value),
    JSON.stringify(value),
  ).toBeNull();
  return { body: value, headers: r.response.headers };
}

const list = `  /items:
    get:
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          headers:
            Link: {schema: {type: string}, example: '<https://api.example.com/items?page=2>; rel="next", <https://api.example.com/items?page=9>; rel="last"'}
          content:
            application/json:
              schema:
                type: object
                required: [data, has_more]
                properties:
                  data: {type: array, items: {type: object, required: [id], properties: {id: {type: string}}}}
                  has_more: {type: boolean}
                  next_url: {type: string, nullable: true}
                  next_page_uri: {type: string, nullable: true}
                  nextPageToken: {type: string}`;

describe('pagination leads into the mock and ends (§4)', () => {
  it('Link, next_url and next_page_uri name the next page of the same mock path', async () => {
    const { body, headers } = call(await planOf(list), 'GET', '/items');
    expect(headers.link).toBe(`<${BASE}/items?page=2>; rel="next", <${BASE}/items?page=3>; rel="last"`);
    expect(body.next_url).toBe(`${BASE}/items?page=2`);
    expect(body.next_page_uri).toBe('/items?page=2');
    expect(body.has_more).toBe(true);
  });

  it('following next ends within three pages: no next link, null next, has_more false', async () => {
    const plan = await planOf(list);
    let url = '/items';
    const seen: Record<string, JsonValue>[] = [];
    for (let i = 0; i < 10 && url; i++) {
      const { body, headers } = call(plan, 'GET', url);
      seen.push(body);
      const next = /<([^>]+)>; rel="next"/.exec(headers.link ?? '')?.[1];
      url = next ? next.slice(BASE.length) : '';
    }
    expect(seen).toHaveLength(3);
    const last = seen[2];
    expect(last.has_more).toBe(false);
    expect(last.next_url).toBeNull();
    expect('nextPageToken' in last).toBe(false);
  });

  it('a token handed out names the next page; a foreign cursor names the last; past the end is empty', async () => {
    const plan = await planOf(list);
    const first = call(plan, 'GET', '/items').body;
    const second = call(plan, 'GET', `/items?cursor=${first.nextPageToken as string}`).body;
    expect(second.has_more).toBe(true);
    expect(call(plan, 'GET', '/items?cursor=cus_Foreign123').body.has_more).toBe(false);
    expect(call(plan, 'GET', '/items?page=4').body.data).toEqual([]);
  });

  it('same query, same page', async () => {
    const plan = await planOf(list);
    expect(call(plan, 'GET', '/items?page=2')).toEqual(call(plan, 'GET', '/items?page=2'));
  });

  it('a list call answers several rows (3 to 5)', async () => {
    const { body } = call(await planOf(list), 'GET', '/items');
    expect((body.data as JsonValue[]).length).toBeGreaterThanOrEqual(3);
    expect((body.data as JsonValue[]).length).toBeLessThanOrEqual(5);
  });
});

// sendgrid.com.json: the links of a list live in an optional `_metadata` box; `next` was left out
// of two answers in five like any optional member deep in a body, `self` was a random URL.
describe('a paging box of optional links (_metadata: {next, prev, self, count})', () => {
  const boxed = `  /templates:
    get:
      parameters:
        - {name: page_size, in: query, required: true, schema: {type: number}}
        - {name: page_token, in: query, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  _metadata: {$ref: '#/components/schemas/_metadata'}
                  result: {type: array, items: {type: object, properties: {id: {type: string}}}}`;
  const schemas = `{_metadata: {type: object, properties: {count: {type: integer}, next: {type: string, format: uri}, prev: {type: string, format: uri}, self: {type: string, format: uri}}}}`;

  it('names the next page on every page but the last, and self is the page asked for', async () => {
    const plan = await planOf(boxed, schemas);
    for (let i = 0; i < 12; i++) {
      const url = `/templates?page_size=2&q=${i}`;
      const meta = call(plan, 'GET', url).body._metadata as Record<string, JsonValue>;
      expect(meta.next).toBe(
        `${BASE}/templates?page_size=2&q=${i}&page_token=${encodeURIComponent(tokenOf(meta.next))}`,
      );
      expect(meta.self).toBe(`${BASE}${url}`);
      expect('prev' in meta).toBe(false);
    }
  });

  it('follows next to a last page without one', async () => {
    const plan = await planOf(boxed, schemas);
    let url = '/templates?page_size=2';
    let pages = 0;
    for (; pages < 10 && url; pages++) {
      const meta = call(plan, 'GET', url).body._metadata as Record<string, JsonValue>;
      url = typeof meta.next === 'string' ? meta.next.slice(BASE.length) : '';
    }
    expect(pages).toBe(3);
  });
});

// telnyx.com.json: `meta: {page_number, total_pages}` with examples 2 and 3; the SDK asks for the next
// page while page_number < total_pages, and every page answered page_number 2: it never ended.
describe('a paging box that counts pages (meta: {page_number, total_pages})', () => {
  const counted = `  /profiles:
    get:
      parameters:
        - {name: 'page[number]', in: query, schema: {type: integer, minimum: 1, default: 1}}
        - {name: 'page[size]', in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: object, properties: {id: {type: string}}}}
                  meta:
                    type: object
                    properties:
                      page_number: {type: integer, example: 2}
                      total_pages: {type: integer, example: 3}`;

  it('answers the page asked for, so a client reading page_number against total_pages ends', async () => {
    const plan = await planOf(counted);
    const pages: JsonValue[] = [];
    for (let n = 1; n <= 3; n++) {
      const meta = call(plan, 'GET', `/profiles?page[number]=${n}&page[size]=2`).body.meta as Record<
        string,
        JsonValue
      >;
      pages.push(meta.page_number);
      expect(meta.total_pages).toBe(3);
    }
    expect(pages).toEqual([1, 2, 3]);
  });
});

// sendgrid.com.json: `GET /templates?generations=dynamic` listed legacy templates.
describe('a filtered list answers the values it asked for', () => {
  const pets = `  /pets:
    get:
      parameters:
        - {name: status, in: query, schema: {type: string, enum: [available, pending, sold]}}
        - {name: archived, in: query, schema: {type: boolean}}
        - {name: kinds, in: query, schema: {type: string, enum: [cat, dog, 'cat,dog']}}
        - {name: name, in: query, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [data]
                properties:
                  data:
                    type: array
                    items:
                      type: object
                      required: [id, name, status, archived, kind]
                      properties:
                        id: {type: string}
                        name: {type: string}
                        status: {type: string, enum: [available, pending, sold]}
                        archived: {type: boolean}
                        kind: {type: string, enum: [cat, dog, bird]}`;

  it('enum and boolean filters hold for every item; a free-text one is a search, not a value', async () => {
    const plan = await planOf(pets);
    const names = new Set<JsonValue>();
    for (let i = 0; i < 8; i++) {
      const { body } = call(plan, 'GET', `/pets?status=sold&archived=true&kinds=dog&name=Rex&q=${i}`);
      for (const pet of body.data as Record<string, JsonValue>[]) {
        expect(pet).toMatchObject({ status: 'sold', archived: true, kind: 'dog' });
        names.add(pet.name);
      }
    }
    expect(names.size).toBeGreaterThan(1);
  });

  it('a value the item schema cannot take is not forced', async () => {
    const plan = await planOf(pets.replace('enum: [cat, dog, bird]', 'enum: [cat, bird]'));
    for (const pet of call(plan, 'GET', '/pets?kinds=dog').body.data as Record<string, JsonValue>[])
      expect(['cat', 'bird']).toContain(pet.kind);
  });
});

const tokenOf = (url: JsonValue): string => new URL(String(url)).searchParams.get('page_token') ?? '';

describe('stateless answers agree with the request (§7)', () => {
  const create = `  /customers:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {email: {type: string}, Name: {type: string}, metadata: {type: object, additionalProperties: {type: string}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/customer'}}}}`;
  const schemas = `{customer: {type: object, required: [id, email], properties: {id: {type: string}, email: {type: string, format: email}, name: {type: string}, metadata: {type: object, additionalProperties: {type: string}}}}}`;

  it('a form create answers the email, name and metadata it was sent', async () => {
    const { body } = call(
      await planOf(create, schemas),
      'POST',
      '/customers',
      'email=a%40b.co&Name=Ada&metadata[source]=x',
      'application/x-www-form-urlencoded',
    );
    expect(body.email).toBe('a@b.co');
    expect(body.name).toBe('Ada');
    expect(body.metadata).toEqual({ source: 'x' });
  });

  it('a sent value the response schema rejects is not reflected', async () => {
    const { body } = call(
      await planOf(create, schemas),
      'POST',
      '/customers',
      'email=not-an-email',
      'application/x-www-form-urlencoded',
    );
    expect(body.email).not.toBe('not-an-email');
  });

  // googleapis.com/calendar: an event's `start` is `{dateTime}`, and `start` also names an offset
  // parameter, so `events.insert` was read as asking for a page: its `attendees` became the page's
  // items, generated, and the one attendee sent was dropped.
  it('a create whose body has a member named like a paging parameter is no page', async () => {
    const event = `  /calendars/{calendarId}/events:
    post:
      parameters: [{name: calendarId, in: path, required: true, schema: {type: string}}]
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}}`;
    const Event = `{Event: {type: object, properties: {start: {type: object, properties: {dateTime: {type: string}}}, attendees: {type: array, items: {type: object, properties: {email: {type: string}}}}}}}`;
    const plan = await planOf(event, Event);
    for (let i = 0; i < 6; i++) {
      const sent = {
        start: { dateTime: `2026-01-0${i + 1}T10:00:00Z` },
        attendees: [{ email: `a${i}@example.com` }],
      };
      const { body } = call(plan, 'POST', '/calendars/c1/events', JSON.stringify(sent));
      expect(body.attendees).toEqual(sent.attendees);
    }
  });

  const read = `  /v1/payment_intents/{intent}:
    get:
      parameters: [{name: intent, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/payment_intent'}}}}
  /v1/customers/{customer}:
    get:
      parameters: [{name: customer, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {anyOf: [{$ref: '#/components/schemas/customer'}, {$ref: '#/components/schemas/deleted_customer'}]}}}}
    delete:
      parameters: [{name: customer, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {anyOf: [{$ref: '#/components/schemas/customer'}, {$ref: '#/components/schemas/deleted_customer'}]}}}}`;
  const readSchemas = `{payment_intent: {type: object, required: [id], properties: {id: {type: string}}}, customer: {type: object, required: [id], properties: {id: {type: string}, email: {type: string}}}, deleted_customer: {type: object, required: [id, deleted], properties: {id: {type: string}, deleted: {type: boolean, enum: [true]}}}}`;

  it('an item read echoes its id whatever the parameter is called', async () => {
    expect(call(await planOf(read, readSchemas), 'GET', '/v1/payment_intents/pi_123').body.id).toBe('pi_123');
  });

  // docker.com/engine: dockerode's `container.inspect()` is `GET /containers/{id}/json`, answered
  // with the example's Id whatever the id; Google Tasks' `POST …/tasks/{task}/move` with a new id.
  it('a read of an item through a last segment after it (/json, /move) echoes the item', async () => {
    const views = `  /containers/{id}/json:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {Id: {type: string}, Name: {type: string}}}, example: {Id: ba033ac44011, Name: /boring_feynman}}}}
  /lists/{tasklist}/tasks/{task}/move:
    post:
      parameters:
        - {name: tasklist, in: path, required: true, schema: {type: string}}
        - {name: task, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [id], properties: {id: {type: string}, title: {type: string}}}}}}
  /recipes/{id}/information:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [id], properties: {id: {type: integer}}}, example: {id: 716429}}}}`;
    const plan = await planOf(views);
    expect(call(plan, 'GET', '/containers/e90e34656806/json').body.Id).toBe('e90e34656806');
    expect(call(plan, 'POST', '/lists/L1/tasks/T42/move').body.id).toBe('T42');
    expect(call(plan, 'GET', '/recipes/999/information').body.id).toBe(999);
  });

  // gitea.io and GitHub: `GET /repos/{owner}/{repo}` answered `full_name: alice/demo` beside an
  // `owner` whose `login` was the example's `octocat` or a random one.
  it('gives a root member named like a path parameter that parameter as its handle', async () => {
    const repo = `  /repos/{owner}/{repo}:
    get:
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: repo, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Repo'}}}}`;
    const schemas = `{Repo: {type: object, required: [owner, full_name], properties: {full_name: {type: string}, owner: {$ref: '#/components/schemas/User'}, organization: {$ref: '#/components/schemas/User'}}}, User: {type: object, required: [login, id], properties: {login: {type: string}, id: {type: integer}}, example: {login: octocat, id: 1}}}`;
    const plan = await planOf(repo, schemas);
    for (const owner of ['alice', 'bob-builder']) {
      const body = call(plan, 'GET', `/repos/${owner}/demo`).body as { owner: { login: string } };
      expect(body.owner.login).toBe(owner);
    }
  });

  // googleapis.com/tasks: `tasklists.get` on `/users/@me/lists/{tasklist}` answered a new id;
  // gitea.io: `GET …/issues/19` answered `number: 91`.
  it('echoes a parameter naming a kind of the item (tasklist) and Gitea’s issue index as its number', async () => {
    const reads = `  /lists/{tasklist}:
    get:
      parameters: [{name: tasklist, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [id], properties: {id: {type: string}, title: {type: string}}}}}}
  /issues/{index}:
    get:
      parameters: [{name: index, in: path, required: true, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [id, number], properties: {id: {type: integer}, number: {type: integer}}}}}}
  /contents/{filepath}:
    get:
      parameters: [{name: filepath, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [path], properties: {path: {type: string}}}}}}`;
    const plan = await planOf(reads);
    for (const id of ['MTIzNDU2', 'abc-42']) expect(call(plan, 'GET', `/lists/${id}`).body.id).toBe(id);
    for (const n of [19, 7]) expect(call(plan, 'GET', `/issues/${n}`).body.number).toBe(n);
    expect(call(plan, 'GET', '/contents/docs%2FREADME.md').body.path).toBe('docs/README.md');
  });

  // squareup.com.json: POST /v2/customers answers `{"customer": {…}}`; the sent names and email were
  // left to the example (Amelia.Earhart@example.com), since only a `data` wrapper was the resource.
  it('a wrapper named after the resource is the resource: it reflects a create and echoes a read', async () => {
    const square = `  /v2/customers:
    post:
      requestBody: {content: {application/json: {schema: {type: object, properties: {given_name: {type: string}, email_address: {type: string}}}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/wrapped'}}}}
  /v2/customers/{customer_id}:
    get:
      parameters: [{name: customer_id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/wrapped'}}}}`;
    const schemas = `{wrapped: {type: object, properties: {errors: {type: array, items: {type: object}}, customer: {type: object, required: [id, given_name, email_address], properties: {id: {type: string}, given_name: {type: string}, email_address: {type: string}}, example: {id: JDKYHBWT1D4F8MFH63DBMEN8Y4, given_name: Amelia, email_address: Amelia.Earhart@example.com}}}}}`;
    const plan = await planOf(square, schemas);
    const sent = JSON.stringify({ given_name: 'Grace', email_address: 'grace@example.com' });
    expect(call(plan, 'POST', '/v2/customers', sent).body.customer).toMatchObject({
      given_name: 'Grace',
      email_address: 'grace@example.com',
    });
    expect((call(plan, 'GET', '/v2/customers/CUS42').body.customer as { id: string }).id).toBe('CUS42');
    // digitalocean.com.json: POST /v2/account/keys answers `{"ssh_key": {…}}`, a kind of key.
    const keys = await planOf(
      square.replaceAll('/v2/customers', '/v2/account/keys'),
      schemas.replace('customer:', 'ssh_key:'),
    );
    expect(call(keys, 'POST', '/v2/account/keys', sent).body.ssh_key).toMatchObject({ given_name: 'Grace' });
  });

  // launchdarkly.com.json: POST /flags/{projectKey} answered the project's key as the new flag's.
  it('a create under a parent answers the key it was sent, not the parent’s from the path', async () => {
    const flags = `  /flags/{projectKey}:
    post:
      parameters: [{name: projectKey, in: path, required: true, schema: {type: string}}]
      requestBody: {content: {application/json: {schema: {type: object, properties: {key: {type: string}, name: {type: string}}}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {type: object, required: [key, name], properties: {key: {type: string}, name: {type: string}}}}}}`;
    const plan = await planOf(flags);
    const body = call(
      plan,
      'POST',
      '/flags/checkout',
      JSON.stringify({ key: 'new-checkout', name: 'New' }),
    ).body;
    expect(body.key).toBe('new-checkout');
  });

  it('a GET never serves the deleted variant; a DELETE does', async () => {
    const plan = await planOf(read, readSchemas);
    for (const id of ['cus_1', 'cus_2', 'cus_3', 'cus_4', 'cus_5', 'cus_6']) {
      expect(call(plan, 'GET', `/v1/customers/${id}`).body.deleted).toBeUndefined();
      expect(call(plan, 'DELETE', `/v1/customers/${id}`).body.deleted).toBe(true);
    }
  });
});

// bitbucket.org.json: a page is `{size, page, pagelen, next, previous, values}`; the `bitbucket` SDK
// asks with `pagelen` and a client reads `page` as the page answered: the first page said `page: 2`
// beside a `next` of `?page=2`, and `pagelen: 971` where 5 were asked for.
/** Bitbucket's page of anything, as the response of a path (indented for planOf). */
const bitbucketPage = `      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  page: {type: integer, minimum: 1}
                  pagelen: {type: integer, minimum: 1}
                  size: {type: integer}
                  next: {type: string, format: uri}
                  previous: {type: string, format: uri}
                  values: {type: array, items: {type: object, properties: {slug: {type: string}}}}`;

describe("Bitbucket's page (page, pagelen)", () => {
  const paged = `  /workspaces:
    get:
${bitbucketPage}`;

  it('answers the page asked for and the page length asked for, or its own on the first page', async () => {
    const plan = await planOf(paged);
    for (let i = 0; i < 8; i++) {
      const first = call(plan, 'GET', `/workspaces?q=${i}`).body;
      expect([first.page, first.pagelen]).toEqual([1, 5]);
      expect(first.next).toBe(`${BASE}/workspaces?q=${i}&page=2`);
      const second = call(plan, 'GET', `/workspaces?q=${i}&pagelen=3&page=2`).body;
      expect([second.page, second.pagelen]).toEqual([2, 3]);
      expect((second.values as JsonValue[]).length).toBeLessThanOrEqual(3);
    }
  });
});

// bitbucket.org.json: `GET /repositories/{workspace}` ends in a parameter like an item read, and
// answers a page: its `page` was random (50 on the first page), `previous` was set on the first page
// and `next` pointed out of the mock. A list is told by its body's schema, not only its path.
describe('a list whose path ends in a parameter (Bitbucket /repositories/{workspace})', () => {
  const paged = `  /repositories/{workspace}:
    get:
      parameters:
        - {name: workspace, in: path, required: true, schema: {type: string}}
${bitbucketPage}
  /repositories/{workspace}/{repo_slug}:
    get:
      parameters:
        - {name: workspace, in: path, required: true, schema: {type: string}}
        - {name: repo_slug, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Repository'}}}}`;
  const repository = `{Repository: {type: object, required: [page, tags], properties: {page: {type: integer, minimum: 1, maximum: 1000}, tags: {type: array, items: {type: string}}, links: {type: object, properties: {self: {type: string, format: uri}}}}}}`;

  it('pages it: the page asked for, no previous page before the first, next into the mock', async () => {
    const plan = await planOf(paged);
    for (let i = 0; i < 8; i++) {
      const first = call(plan, 'GET', `/repositories/w${i}?pagelen=2`).body;
      expect([first.page, first.pagelen, first.previous]).toEqual([1, 2, undefined]);
      expect(first.next).toBe(`${BASE}/repositories/w${i}?pagelen=2&page=2`);
      const second = call(plan, 'GET', `/repositories/w${i}?pagelen=2&page=2`).body;
      expect(second.page).toBe(2);
      expect(second.previous).toBe(`${BASE}/repositories/w${i}?pagelen=2&page=1`);
    }
  });

  it('leaves an item with an array, a `page` and a self link an item: nothing points past it', async () => {
    const plan = await planOf(paged, repository);
    const pages = new Set<JsonValue>();
    for (let i = 0; i < 8; i++) pages.add(call(plan, 'GET', `/repositories/w/r${i}`).body.page);
    // Read as a list, every call would have answered its first page, 1.
    expect([...pages].filter((p) => p !== 1).length).toBeGreaterThan(0);
  });
});

// spotify.com/sonallux.json: a paging object `{href, items, limit, next, offset, previous, total}`
// whose `href` example is `https://api.spotify.com/v1/me/shows?offset=0&limit=20\n`: every page
// answered that URL, out of the mock, as the page it was.
describe("Spotify's paging object (href: the page itself)", () => {
  const paged = `  /me/playlists:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: offset, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [href, items, limit, next, offset, previous, total]
                properties:
                  href: {type: string, example: "https://api.spotify.com/v1/me/shows?offset=0&limit=20\\n"}
                  items: {type: array, items: {type: object, properties: {id: {type: string}}}}
                  limit: {type: integer}
                  next: {type: string, nullable: true}
                  offset: {type: integer}
                  previous: {type: string, nullable: true}
                  total: {type: integer}`;

  it('is the URL of the page answered, in the mock', async () => {
    const plan = await planOf(paged);
    const second = call(plan, 'GET', '/me/playlists?limit=2&offset=2').body;
    expect(second.href).toBe(`${BASE}/me/playlists?limit=2&offset=2`);
    expect(second.next).toBe(`${BASE}/me/playlists?limit=2&offset=4`);
  });
});

// microsoft.com/graph: `@odata.nextLink` is optional and nullable; the last page answered it `null`,
// which the Graph client's PageIterator read as a link (`null.indexOf`). OData leaves it out.
describe('an OData next link on the last page', () => {
  it('is left out, where another optional nullable link is null', async () => {
    const plan = await planOf(`  /users:
    get:
      parameters: [{name: $top, in: query, schema: {type: integer}}, {name: $skip, in: query, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {value: {type: array, items: {type: object}}, '@odata.nextLink': {type: string, nullable: true}, next_url: {type: string, nullable: true}}}}}}`);
    const first = call(plan, 'GET', '/users?$top=2').body;
    expect(first['@odata.nextLink']).toBe(`${BASE}/users?$top=2&$skip=2`);
    const last = call(plan, 'GET', '/users?$top=2&$skip=4').body;
    expect('@odata.nextLink' in last).toBe(false);
    expect(last.next_url).toBeNull();
  });
});
