import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * OpenAI's SDK reads `models/gpt-3.5-turbo` in a sandbox that never created it: no operation creates
 * models, so the sandbox answers what it does not hold statelessly. Notes, which can be created, still
 * answer 404 for an id the sandbox does not hold.
 */
const item = (name: string) =>
  `{content: {application/json: {schema: {$ref: '#/components/schemas/${name}'}}}}`;
const SPEC = oas3(
  `  /models:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {data: {type: array, items: {$ref: '#/components/schemas/Model'}}}}}}}
  /models/{model}:
    parameters: [{name: model, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, ${item('Model').slice(1, -1)}}
  /notes:
    post:
      requestBody: ${item('Note')}
      responses:
        '201': {description: ok, ${item('Note').slice(1, -1)}}
  /notes/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, ${item('Note').slice(1, -1)}}
        '404': {description: none}`,
  `    Model: {type: object, required: [id], properties: {id: {type: string}, owned_by: {type: string}}}
    Note: {type: object, properties: {id: {type: string}, text: {type: string}}}`,
);

describe('a sandbox and the items no operation creates', () => {
  it('answers a read of a model it does not hold statelessly, with the named id', async () => {
    const { send } = await layerHarness(SPEC);
    const answer = send('GET', '/models/gpt-3.5-turbo');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'gpt-3.5-turbo' });
  });

  it('still answers 404 for a note it does not hold', async () => {
    const { send } = await layerHarness(SPEC);
    expect(send('GET', '/notes/nope').status).toBe('item-not-found');
  });
});
