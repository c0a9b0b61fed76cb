import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Twilio's SDK sends `To` and `Body`; the message it stores has `to` and `body`. A sandbox stores
 * the sent values under the item's own member names, and a POST to the item updates it.
 */
const form = (props: string) =>
  `{content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {${props}}}}}}`;
const SPEC = oas3(
  `  /Messages.json:
    post:
      requestBody: ${form('To: {type: string}, Body: {type: string}')}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}
  /Messages/{Sid}.json:
    parameters: [{name: Sid, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}
    post:
      requestBody: ${form('Body: {type: string}')}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}`,
  `    Message: {type: object, properties: {sid: {type: string}, to: {type: string}, body: {type: string}}}`,
);

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const formBody = (text: string) => ({ body: { contentType: 'application/x-www-form-urlencoded', text } });

describe('a sandbox stores form fields under the item’s member names', () => {
  it('creates with To and Body, reads them back as to and body, and updates body', async () => {
    const { send } = await layerHarness(SPEC);
    const created = send('POST', '/Messages.json', undefined, {
      headers: FORM,
      ...formBody('To=%2B15558675310&Body=Hello'),
    }).body as { sid: string; to: string; body: string };
    expect(created).toMatchObject({ to: '+15558675310', body: 'Hello' });
    const path = `/Messages/${created.sid}.json`;
    expect(send('GET', path).body).toMatchObject({ sid: created.sid, to: '+15558675310', body: 'Hello' });
    send('POST', path, undefined, { headers: FORM, ...formBody('Body=') });
    expect(send('GET', path).body).toMatchObject({ sid: created.sid, body: '' });
  });
});
