import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { makeAjv } from '../support/ajv-helper';
import { responseSchemas, DOC_ID } from '../support/independent-schemas';

/** OpenAI's `files.create` uploads `train.jsonl` as multipart: the answer names that file. */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /files:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}, purpose: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, required: [id, filename, purpose], properties: {id: {type: string}, filename: {type: string}, purpose: {type: string}}}
`;

describe('a multipart upload', () => {
  it('is answered with its file name and fields', async () => {
    const target = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
    const outcome = mock(target, {
      method: 'POST',
      path: '/files',
      query: [],
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: {
        contentType: 'multipart/form-data',
        text: '',
        form: [
          ['purpose', 'fine-tune'],
          ['file', '{"prompt":"a"}'],
        ],
        files: [['file', 'train.jsonl']],
      },
    });
    if (!outcome.ok) throw new Error(outcome.problem.detail);
    const body = JSON.parse(outcome.response.body!) as Record<string, string>;
    const { document, pointers } = responseSchemas(SPEC);
    const ajv = makeAjv();
    ajv.addSchema(document, DOC_ID);
    expect(ajv.validate({ $ref: DOC_ID + pointers['POST /files 200'] }, body), ajv.errorsText()).toBe(true);
    expect(body).toMatchObject({ filename: 'train.jsonl', purpose: 'fine-tune' });
  });
});
