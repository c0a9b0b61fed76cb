import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * A collection that is listed and posted to but has no item path: a created item was generated as
 * a GET of the collection would answer, a page, so its own `selfLink` named the page
 * (`…/lists?pageToken=…`); found with Google Tasks before its lists had an item path.
 */
const SPEC = oas3(
  `  /lists:
    get:
      parameters: [{name: pageToken, in: query, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {items: {type: array, items: {$ref: '#/components/schemas/TaskList'}}, nextPageToken: {type: string}, selfLink: {type: string}}}}}}
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/TaskList'}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/TaskList'}}}}`,
  `    TaskList: {type: object, required: [id, selfLink], properties: {id: {type: string, readOnly: true}, title: {type: string}, selfLink: {type: string, readOnly: true}}}`,
);

describe('an item of a collection without an item path', () => {
  it('is generated as what the POST creates, not as a page', async () => {
    const { send } = await layerHarness(SPEC);
    for (const title of ['Groceries', 'Chores', 'Trips']) {
      const created = send('POST', '/lists', { title }).body as { selfLink: string };
      expect(created.selfLink).not.toMatch(/[?&](page|pageToken)=/);
    }
  });
});
