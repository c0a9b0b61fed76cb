import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Google Tasks and Calendar: a task list created in the sandbox listed four tasks it was never
 * given (the stateless list, seeded on first touch), so inserting three and paging by two gave
 * seven over four pages. A collection under a created parent starts empty; under a parent from the
 * seeded start it starts with the stateless list, as before.
 */
const body = (name: string) =>
  `content: {application/json: {schema: {$ref: '#/components/schemas/${name}'}}}`;
const page = (name: string) =>
  `content: {application/json: {schema: {type: object, properties: {items: {type: array, items: {$ref: '#/components/schemas/${name}'}}}}}}`;
const SPEC = oas3(
  `  /lists:
    get:
      responses: {'200': {description: ok, ${page('TaskList')}}}
    post:
      requestBody: {${body('TaskList')}}
      responses: {'200': {description: ok, ${body('TaskList')}}}
  /lists/{tasklist}:
    parameters: [{name: tasklist, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, ${body('TaskList')}}, '404': {description: none}}
  /lists/{tasklist}/tasks:
    parameters: [{name: tasklist, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, ${page('Task')}}}
    post:
      requestBody: {${body('Task')}}
      responses: {'200': {description: ok, ${body('Task')}}}
  /lists/{tasklist}/tasks/{task}:
    parameters:
      - {name: tasklist, in: path, required: true, schema: {type: string}}
      - {name: task, in: path, required: true, schema: {type: string}}
    get:
      responses: {'200': {description: ok, ${body('Task')}}, '404': {description: none}}`,
  `    TaskList: {type: object, required: [id, title], properties: {id: {type: string, readOnly: true}, title: {type: string}}}
    Task: {type: object, required: [id, title], properties: {id: {type: string, readOnly: true}, title: {type: string}}}`,
);

type Page = { items: { id: string; title: string }[] };

describe('collections under a parent', () => {
  it('start empty under a parent the caller created, and hold what is added', async () => {
    const { send } = await layerHarness(SPEC);
    const created = send('POST', '/lists', { title: 'Groceries' });
    const id = (created.body as { id: string }).id;
    expect((send('GET', `/lists/${id}/tasks`).body as Page).items).toEqual([]);
    send('POST', `/lists/${id}/tasks`, { title: 'Milk' });
    send('POST', `/lists/${id}/tasks`, { title: 'Eggs' });
    const titles = (send('GET', `/lists/${id}/tasks`).body as Page).items.map((t) => t.title);
    expect(titles.sort()).toEqual(['Eggs', 'Milk']);
  });

  it('start with the stateless list under a parent of the seeded start', async () => {
    const { send } = await layerHarness(SPEC);
    const seeded = (send('GET', '/lists').body as Page).items;
    expect(seeded.length).toBeGreaterThan(0);
    const tasks = (send('GET', `/lists/${seeded[0].id}/tasks`).body as Page).items;
    expect(tasks.length).toBeGreaterThan(0);
  });

  // Google Tasks keeps a list at `/users/@me/lists/{tasklist}` and its tasks at
  // `/lists/{tasklist}/tasks`: the parent is the resource its parameter names.
  it('start empty under a created parent that the collection names by its parameter', async () => {
    const { send } = await layerHarness(
      SPEC.replace(/ {2}\/lists:\n/, '  /users/@me/lists:\n').replace(
        / {2}\/lists\/\{tasklist\}:\n/,
        '  /users/@me/lists/{tasklist}:\n',
      ),
    );
    const created = send('POST', '/users/@me/lists', { title: 'Groceries' });
    const id = (created.body as { id: string }).id;
    expect((send('GET', `/lists/${id}/tasks`).body as Page).items).toEqual([]);
  });
});
