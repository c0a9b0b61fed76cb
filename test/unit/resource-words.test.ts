import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';
import { layerHarness, oas3 } from '../support/layer-harness';

/**
 * Issue 18 §7: what the path says a body is. OpenAI's and Stripe's SDKs read `object` to know what
 * they hold, and an action (`POST …/{id}/cancel`) answers with the item it acted on, in the state it
 * left it. Every body is checked by Ajv over the original document.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /models:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, required: [object, data], properties: {object: {type: string}, data: {type: array, items: {$ref: '#/components/schemas/Model'}}}}}}}
  /models/{model}:
    get:
      parameters: [{name: model, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Model'}}}}
  /fine-tunes/{fine_tune_id}/cancel:
    post:
      parameters: [{name: fine_tune_id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/FineTune'}}}}
  /payment_intents/{intent}/capture:
    post:
      parameters: [{name: intent, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Intent'}}}}
  /tasks/{task_gid}:
    get:
      parameters: [{name: task_gid, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {data: {$ref: '#/components/schemas/Task'}}}}}}
components:
  schemas:
    Task: {type: object, properties: {gid: {type: string}, name: {type: string}, notes: {type: string}}}
    Model: {type: object, required: [id, object], properties: {id: {type: string}, object: {type: string}}}
    FineTune: {type: object, required: [id, object, status], properties: {id: {type: string}, object: {type: string}, status: {type: string}}}
    Intent:
      type: object
      required: [id, status]
      properties: {id: {type: string}, status: {type: string, enum: [requires_capture, succeeded, canceled]}}
`;

async function sender() {
  const target = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
  const { document, pointers } = responseSchemas(SPEC);
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  return (method: string, path: string, seed = 's') => {
    const outcome = mock(target, { method, path, query: [], headers: { prefer: `seed=${seed}` } });
    if (!outcome.ok) throw new Error(outcome.problem.detail);
    const body = JSON.parse(outcome.response.body ?? 'null') as Record<string, unknown>;
    const validate = ajv.compile({ $ref: DOC_ID + pointers[`${method} ${outcome.operation.path} 200`] });
    expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
    return body;
  };
}

describe('what the path says a body is', () => {
  it('a page of /models is a list of model objects; an item of /models/{model} a model', async () => {
    const send = await sender();
    for (const seed of ['a', 'b', 'c']) {
      const page = send('GET', '/models', seed) as { object: string; data: { object: string }[] };
      expect(page.object).toBe('list');
      for (const item of page.data) expect(item.object).toBe('model');
      expect(send('GET', '/models/gpt-4', seed)).toMatchObject({ id: 'gpt-4', object: 'model' });
    }
  });

  it('an action answers with the item it acted on, in the state it left it', async () => {
    const send = await sender();
    for (const seed of ['a', 'b', 'c'])
      expect(send('POST', '/fine-tunes/ft-1/cancel', seed)).toEqual({
        id: 'ft-1',
        object: 'fine-tune',
        status: 'cancelled',
      });
    // The enum has no `captured`: the first state it allows wins.
    expect(send('POST', '/payment_intents/pi_1/capture')).toEqual({ id: 'pi_1', status: 'succeeded' });
  });
});

describe('the resource inside a wrapper', () => {
  it('is as full as a body root: its optional id always echoes the path (Asana’s data.gid)', async () => {
    const send = await sender();
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
      expect(send('GET', '/tasks/1001', seed)).toMatchObject({ data: { gid: '1001' } });
  });
});

describe('in a sandbox', () => {
  it('a created item is what its path says (`object: "file"` under /files)', async () => {
    const file = `{content: {application/json: {schema: {$ref: '#/components/schemas/File'}}}}`;
    const { send } = await layerHarness(
      oas3(
        `  /files:
    post:
      requestBody: {content: {application/json: {schema: {type: object, properties: {purpose: {type: string}}}}}}
      responses:
        '200': {description: ok, ${file.slice(1, -1)}}
  /files/{file_id}:
    parameters: [{name: file_id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, ${file.slice(1, -1)}}
    delete:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Deleted'}}}}`,
        `    File: {type: object, required: [id, object, purpose], properties: {id: {type: string}, object: {type: string}, purpose: {type: string}}}
    Deleted: {type: object, required: [id, object, deleted], properties: {id: {type: string}, object: {type: string}, deleted: {type: boolean}}}`,
      ),
    );
    const created = send('POST', '/files', { purpose: 'fine-tune' }).body as { id: string };
    expect(created).toMatchObject({ object: 'file', purpose: 'fine-tune' });
    expect(send('GET', `/files/${created.id}`).body).toMatchObject({ id: created.id, object: 'file' });
    // Its deletion says it happened, where the answer has a place for that.
    expect(send('DELETE', `/files/${created.id}`).body).toMatchObject({ id: created.id, deleted: true });
  });
});
