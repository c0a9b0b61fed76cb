import { describe, expect, it } from 'vitest';
import { layerHarness } from '../../support/layer-harness';

/**
 * postmarkapp.com/server.json: templates live at /templates/{templateIdOrAlias}; the create answers
 * a TemplateRecordResponse (`TemplateId`), the item's GET a TemplateDetailResponse (`TemplateID`).
 * The official SDK reads the new template's id from the create's answer.
 */
const spec = `openapi: 3.0.0
info: {title: templates, version: '1'}
paths:
  /templates:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {TotalCount: {type: integer}, Templates: {type: array, items: {$ref: '#/components/schemas/Record'}}}}}}}
    post:
      requestBody:
        content: {application/json: {schema: {type: object, properties: {Name: {type: string}, Subject: {type: string}}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Record'}}}}
  /templates/{templateIdOrAlias}:
    parameters: [{name: templateIdOrAlias, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Detail'}}}}
        '404': {description: missing, content: {application/json: {schema: {type: object, properties: {Message: {type: string}}}}}}
components:
  schemas:
    Record: {type: object, properties: {TemplateId: {type: integer}, Name: {type: string}}}
    Detail: {type: object, properties: {TemplateID: {type: integer}, Name: {type: string}, Subject: {type: string}}}
`;

describe('a sandbox item whose responses spell its members otherwise', () => {
  it('answers a create with the id under the name its response declares, and reads it back', async () => {
    const { send } = await layerHarness(spec, { seed: 'templates' });
    const created = send('POST', '/templates', { Name: 'Welcome', Subject: 'Hi' });
    expect(created.status).toBe(200);
    const id = (created.body as { TemplateId: unknown }).TemplateId;
    expect(typeof id).toBe('number');
    const read = send('GET', `/templates/${String(id)}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ TemplateID: id, Name: 'Welcome', Subject: 'Hi' });
    expect(send('GET', '/templates/999999').shaped?.status).toBe(404);
  });
});
