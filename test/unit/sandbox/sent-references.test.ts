import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Box's `POST /folders {"name": …, "parent": {"id": "0"}}`: the parent is a Folder (Mini) that
 * requires more than its id. The sandbox stores the generated parent completed by the id sent,
 * where it stored a random parent before.
 */
const SPEC = oas3(
  `  /folders:
    post:
      requestBody: {content: {application/json: {schema: {type: object, required: [name, parent], properties: {name: {type: string}, parent: {type: object, required: [id], properties: {id: {type: string}}}}}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Folder'}}}}
  /folders/{folder_id}:
    get:
      parameters: [{name: folder_id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Folder'}}}}`,
  `    Mini:
      type: object
      required: [id, type, name]
      properties: {id: {type: string}, type: {type: string, enum: [folder]}, name: {type: string}}
    Folder:
      type: object
      required: [id, type, name, parent]
      properties: {id: {type: string}, type: {type: string, enum: [folder]}, name: {type: string}, parent: {$ref: '#/components/schemas/Mini'}}`,
);

describe('a create that names another item by its id alone', () => {
  it('stores and reads back that reference, completed to its schema', async () => {
    const { send } = await layerHarness(SPEC);
    const created = send('POST', '/folders', { name: 'Reports', parent: { id: '0' } }).body as {
      id: string;
      parent: { id: string; type: string };
    };
    expect(created.parent).toMatchObject({ id: '0', type: 'folder' });
    expect((send('GET', `/folders/${created.id}`).body as { parent: { id: string } }).parent.id).toBe('0');
  });
});
