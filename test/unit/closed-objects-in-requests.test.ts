import { describe, expect, it } from 'vitest';
import { mock, prepareTarget } from '../../worker/mock/mock';
import { ingest } from '../../worker/ingest/ingest';

/**
 * ShipEngine's request bodies are `additionalProperties: false` beside an `allOf` that holds every
 * property, and a `required` naming them: read strictly, no body passes (each name is "additional"
 * to the outer schema), so every call its SDK made was refused. In a request, the names the
 * composed schemas declare are the names the author meant to allow; each is still judged by them.
 */
const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /images:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [name]
              allOf: [{$ref: '#/components/schemas/Image'}]
      responses:
        '204': {description: created}
  /shapes:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              additionalProperties: false
              oneOf:
                - {type: object, required: [radius], properties: {radius: {type: number}}}
                - {type: object, required: [side], properties: {side: {type: number}}}
      responses:
        '204': {description: created}
components:
  schemas:
    Image:
      type: object
      properties:
        name: {type: string, maxLength: 5}
        is_default: {type: boolean}
`;

async function post(path: string, body: unknown) {
  const target = prepareTarget((await ingest(SPEC)).plan, Date.UTC(2026, 0, 1));
  const outcome = mock(target, {
    method: 'POST',
    path,
    query: [],
    headers: { 'content-type': 'application/json' },
    body: { contentType: 'application/json', text: JSON.stringify(body) },
  });
  return outcome.ok ? outcome.response.status : outcome.problem.type;
}

describe('additionalProperties: false beside composed properties, in a request', () => {
  it('accepts the names an allOf declares, required or not', async () => {
    expect(await post('/images', { name: 'logo', is_default: true })).toBe(204);
    expect(await post('/images', { name: 'logo' })).toBe(204);
  });

  it('still judges them by their schemas, and refuses names no schema declares', async () => {
    expect(await post('/images', { name: 'a long name' })).toBe('invalid-request');
    expect(await post('/images', { name: 'logo', is_default: 'yes' })).toBe('invalid-request');
    expect(await post('/images', { name: 'logo', colour: 'red' })).toBe('invalid-request');
    expect(await post('/images', { is_default: true })).toBe('invalid-request');
  });

  it('accepts the names of a oneOf branch the same way', async () => {
    expect(await post('/shapes', { radius: 2 })).toBe(204);
    expect(await post('/shapes', { side: 'x' })).toBe('invalid-request');
    expect(await post('/shapes', { radius: 2, colour: 'red' })).toBe('invalid-request');
  });
});
