import { describe, expect, it } from 'vitest';
import { ingest } from '../../worker/ingest/ingest';
import { prepareTarget } from '../../worker/mock/mock';
import { independentValidator, parseOriginal } from '../../scripts/corpus/independent-validator';
import { requestExamplesPass } from '../../scripts/corpus/request-examples-pass';

/**
 * The corpus sends each author-written request example to the mock and judges every refusal with
 * the independent validator, read as a request reads the document (readOnly out, writeOnly in).
 * Judged with the response reading, Jira's writeOnly `iconUrl` was no property at all, so an
 * example outside its enum counted as valid, and its refusal as the mock reading too strictly.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /priorities:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Priority'}
            examples:
              fine: {value: {name: High, iconUrl: /icons/high.png}}
              offEnum: {value: {name: High, iconUrl: icons/high.png}}
              wrongType: {value: {name: 7}}
      responses: {'201': {description: created}}
  /priorities/{id}:
    put:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Priority'}
            example: {name: High, id: '10'}
      responses: {'204': {description: stored}}
components:
  schemas:
    Priority:
      type: object
      required: [name]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
        iconUrl: {type: string, writeOnly: true, enum: [/icons/high.png, /icons/low.png]}
`;

describe('corpus request examples pass', () => {
  it('counts a refusal as the mock’s fault only where the request reading of the document accepts the example', async () => {
    const target = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
    const doc = parseOriginal(SPEC);
    const tally = requestExamplesPass(doc, target, await independentValidator(doc));
    // fine, and the PUT's example with a readOnly member (the server ignores it), pass; offEnum and wrongType
    // break the schema, and the validator says so.
    expect(tally).toMatchObject({
      sent: 4,
      accepted: 2,
      refusedInvalid: 2,
      refusedValid: 0,
      refusedUnjudged: 0,
    });
  });
});
