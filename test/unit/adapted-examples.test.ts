import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * Issue 18 §7 on examples: a served example agrees with the request (the SDK reads it back), keeps
 * every value the request says nothing about, and stays valid under Ajv over the original document.
 */

const TASK_SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /tasks:
    post:
      requestBody: {content: {application/json: {schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}}}}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}
              example: {data: {gid: '12345', name: Bug Task, notes: Some notes, completed: false}}
  /tasks/{task_gid}:
    parameters: [{name: task_gid, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}
              example: {data: {gid: '12345', name: Bug Task, notes: Some notes, completed: false}}
    put:
      requestBody: {content: {application/json: {schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}
              example: {data: {gid: '12345', name: Bug Task, notes: Some notes, completed: false}}
  /projects/{project_gid}:
    parameters: [{name: project_gid, in: path, required: true, schema: {type: string}}]
    put:
      requestBody: {content: {application/json: {schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}
              example: {data: {name: Stuff to buy}}
  /databases/{database_id}:
    parameters: [{name: database_id, in: path, required: true, schema: {type: string}}]
    patch:
      requestBody: {content: {application/json: {schema: {type: object, properties: {title: {$ref: '#/components/schemas/RichText'}}}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}, title: {$ref: '#/components/schemas/RichText'}}}
              example: {id: d1, title: [{text: {content: Grocery List}}]}
  /labels:
    post:
      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {name: {type: string}, color: {type: string}}}}}}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {type: object, properties: {id: {type: integer}, name: {type: string, maxLength: 8}, color: {type: string}}}
              example: {id: 7, name: bug, color: f29513}
  /recipes/complexSearch:
    get:
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: number, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {offset: {type: integer}, number: {type: integer}, results: {type: array, items: {type: object, properties: {id: {type: integer}}}}}}
              example: {offset: 0, number: 2, results: [{id: 716429}, {id: 715538}]}
  /conversations.list:
    get:
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  ok: {type: boolean}
                  channels: {type: array, items: {type: object, properties: {id: {type: string}}}}
                  response_metadata: {type: object, properties: {next_cursor: {type: string}}}
              example: {ok: true, channels: [{id: C012AB3CD}], response_metadata: {next_cursor: dGVhbTpDMDYxRkE1UEI=}}
components:
  schemas:
    RichText: {type: array, items: {type: object, properties: {text: {type: object, properties: {content: {type: string}}}}}}
    Task:
      type: object
      properties: {gid: {type: string}, name: {type: string}, notes: {type: string}, completed: {type: boolean}}
`;

async function harness() {
  const { plan } = await ingest(TASK_SPEC);
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const { document, pointers } = responseSchemas(TASK_SPEC);
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  return (method: string, url: string, body?: string, type = 'application/json') => {
    const [path, qs = ''] = url.split('?');
    const request: MockRequest = {
      method,
      path,
      baseUrl: 'https://h.test/mock/api/1',
      query: [...new URLSearchParams(qs)],
      headers: body !== undefined ? { 'content-type': type } : {},
      ...(body !== undefined ? { body: { contentType: type, text: body } } : {}),
    };
    const outcome = mock(target, request);
    if (!outcome.ok) throw new Error(outcome.problem.detail);
    const value = JSON.parse(outcome.response.body ?? 'null') as unknown;
    const validate = ajv.compile({
      $ref: DOC_ID + pointers[`${method} ${outcome.operation.path} ${outcome.response.status}`],
    });
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
    return value;
  };
}

describe('a served example agrees with the request', () => {
  it('an item read echoes the path’s id inside a `data` wrapper, the rest as written', async () => {
    const send = await harness();
    expect(send('GET', '/tasks/1001')).toEqual({
      data: { gid: '1001', name: 'Bug Task', notes: 'Some notes', completed: false },
    });
  });

  it('a create reflects what was sent, through the wrapper, and keeps the example’s other values', async () => {
    const send = await harness();
    const sent = JSON.stringify({ data: { name: 'Write the report', completed: true } });
    expect(send('POST', '/tasks', sent)).toEqual({
      data: { gid: '12345', name: 'Write the report', notes: 'Some notes', completed: true },
    });
  });

  it('an update reflects what was sent and echoes the id', async () => {
    const send = await harness();
    expect(send('PUT', '/tasks/1001', JSON.stringify({ data: { notes: 'Q3' } }))).toMatchObject({
      data: { gid: '1001', notes: 'Q3', name: 'Bug Task' },
    });
  });

  it('a form create reflects its fields; a sent value the schema refuses leaves the example’s values', async () => {
    const send = await harness();
    const type = 'application/x-www-form-urlencoded';
    expect(send('POST', '/labels', 'name=triage&color=ededed', type)).toEqual({
      id: 7,
      name: 'triage',
      color: 'ededed',
    });
    // `name` is at most 8 characters in the response: the sent one cannot be served there.
    expect(send('POST', '/labels', 'name=needs-triage-now&color=ededed', type)).toEqual({
      id: 7,
      name: 'bug',
      color: 'f29513',
    });
  });
});

describe('a sent list', () => {
  it('replaces the example’s where the schema takes it (Notion’s rich-text title)', async () => {
    const send = await harness();
    const title = [{ text: { content: 'Tasks' } }];
    expect(send('PATCH', '/databases/db-9', JSON.stringify({ title }))).toEqual({ id: 'db-9', title });
  });
});

describe('members the example lacks', () => {
  it('are added where the request says what they are: the id, and what an update sent', async () => {
    const send = await harness();
    expect(send('PUT', '/projects/2002', JSON.stringify({ data: { notes: 'Q3', completed: true } }))).toEqual(
      {
        data: { gid: '2002', name: 'Stuff to buy', notes: 'Q3', completed: true },
      },
    );
  });
});

describe('a served list example pages to an end', () => {
  it('follows next_cursor from the example through a few pages to an empty one', async () => {
    const send = await harness();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const body = send(
        'GET',
        `/conversations.list?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ) as {
        response_metadata: { next_cursor: string };
      };
      cursor = body.response_metadata.next_cursor;
      if (cursor === '') break;
      expect(seen).not.toContain(cursor);
      seen.push(cursor);
    }
    expect(cursor).toBe('');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain('dGVhbTpDMDYxRkE1UEI=');
  });
});

// spoonacular.com: `complexSearch` answered its example's two recipes at every offset, so a
// client paging until an empty page (`while (results.length)`) never stopped.
describe('a served list example past the last page', () => {
  it('has no items, and the first page keeps the example’s', async () => {
    const send = await harness();
    type Page = { offset: number; results: unknown[] };
    expect((send('GET', '/recipes/complexSearch?number=2') as Page).results).toHaveLength(2);
    const past = send('GET', '/recipes/complexSearch?offset=500&number=2') as Page;
    expect([past.offset, past.results]).toEqual([500, []]);
  });
});
