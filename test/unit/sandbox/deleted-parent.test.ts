import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * A deleted parent's collections were dropped with it, and the next call started them again from
 * the stateless list: after `DELETE /lists/L`, `GET /lists/L/tasks` listed four tasks and a task
 * could still be added. They now answer the spec's 404, as the parent's own read does, until an
 * item of that identifier is created again. A parent the sandbox never held is not refused (a
 * caller's own account is never created through the API).
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
    put:
      requestBody: {${body('TaskList')}}
      responses: {'200': {description: ok, ${body('TaskList')}}}
    delete:
      responses: {'204': {description: gone}, '404': {description: none}}
  /lists/{tasklist}/tasks:
    parameters: [{name: tasklist, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, ${page('Task')}}, '404': {description: none}}
    post:
      requestBody: {${body('Task')}}
      responses: {'200': {description: ok, ${body('Task')}}, '404': {description: none}}`,
  `    TaskList: {type: object, required: [id, title], properties: {id: {type: string, readOnly: true}, title: {type: string}}}
    Task: {type: object, required: [id, title], properties: {id: {type: string, readOnly: true}, title: {type: string}}}`,
);

type Page = { items: { title: string }[] };

describe('collections under a deleted parent', () => {
  it('answer 404 to reads and writes until the parent is created again', async () => {
    const { send } = await layerHarness(SPEC);
    const id = (send('POST', '/lists', { title: 'Groceries' }).body as { id: string }).id;
    send('POST', `/lists/${id}/tasks`, { title: 'Milk' });
    expect(send('DELETE', `/lists/${id}`).status).toBe(204);
    expect(send('GET', `/lists/${id}`).status).toBe('item-not-found');
    expect(send('GET', `/lists/${id}/tasks`).status).toBe('item-not-found');
    expect(send('POST', `/lists/${id}/tasks`, { title: 'Eggs' }).status).toBe('item-not-found');

    expect(send('PUT', `/lists/${id}`, { title: 'Again' }).status).toBe(200);
    expect((send('GET', `/lists/${id}/tasks`).body as Page).items).toEqual([]);
    send('POST', `/lists/${id}/tasks`, { title: 'Bread' });
    expect((send('GET', `/lists/${id}/tasks`).body as Page).items.map((t) => t.title)).toEqual(['Bread']);
  });

  it('leave a parent the sandbox never held alone', async () => {
    const { send } = await layerHarness(SPEC);
    expect(send('GET', '/lists/mine/tasks').status).toBe(200);
    expect(send('POST', '/lists/mine/tasks', { title: 'Milk' }).status).toBe(200);
  });
});
