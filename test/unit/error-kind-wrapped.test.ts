import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from '../support/independent-schemas';

/**
 * ShipEngine writes each error member as a `$ref` wrapped in a one-member `allOf` (to give it a
 * description) and names the kind `error_type` and `error_code`: its 404 said `error_type:
 * account_status, error_code: invalid_string_length`, drawn at random. The kind now names the
 * status through the wrapper, and `error_code` is read as a kind too.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /labels/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '401': {$ref: '#/components/responses/Error'}
        '404': {$ref: '#/components/responses/Error'}
        '500': {$ref: '#/components/responses/Error'}
components:
  responses:
    Error: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/error_response'}}}}
  schemas:
    error_response:
      type: object
      required: [errors]
      properties:
        errors: {type: array, minItems: 1, items: {allOf: [{$ref: '#/components/schemas/error'}]}}
    error:
      type: object
      required: [error_type, error_code, message]
      properties:
        error_type: {allOf: [{$ref: '#/components/schemas/error_type'}], description: kind}
        error_code: {allOf: [{$ref: '#/components/schemas/error_code'}], description: code}
        message: {type: string}
    error_type: {type: string, enum: [account_status, business_rules, validation, security, system]}
    error_code: {type: string, enum: [carrier_conflict, invalid_string_length, unauthorized, unknown, unspecified]}
`;

describe('error kinds behind a one-member allOf', () => {
  it('name the status in error_type and error_code', async () => {
    const { plan } = await ingest(SPEC);
    const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
    const { document, pointers } = responseSchemas(SPEC);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, DOC_ID);
    const kinds = (status: number, seed: number) => {
      const out = mock(target, {
        method: 'GET',
        path: '/labels/7',
        query: [],
        headers: { prefer: `code=${status}, seed=${seed}` },
      });
      if (!out.ok) throw new Error(out.problem.type);
      const body = JSON.parse(out.response.body!) as { errors: { error_type: string; error_code: string }[] };
      const validate = ajv.compile({ $ref: DOC_ID + pointers[`GET /labels/{id} ${status}`] });
      expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
      return body.errors.map((e) => `${e.error_type} ${e.error_code}`);
    };
    for (const seed of [1, 2, 3, 4]) {
      expect(new Set(kinds(401, seed))).toEqual(new Set(['security unauthorized']));
      for (const kind of kinds(404, seed)) expect(kind).toMatch(/ unknown$/);
      for (const kind of kinds(500, seed)) expect(kind).toMatch(/^system /);
    }
  });
});
