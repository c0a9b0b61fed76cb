import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Twilio's SDK creates a message under `/Accounts/AC1/Messages.json` and then fetches
 * `/Accounts/AC1.json`: the caller's own account, which the sandbox never created. An item whose
 * collections the caller already used exists; one nothing stands on still answers 404.
 */
const body = (name: string) =>
  `content: {application/json: {schema: {$ref: '#/components/schemas/${name}'}}}`;
const SPEC = oas3(
  `  /Accounts.json:
    post:
      requestBody: {${body('Account')}}
      responses:
        '201': {description: ok, ${body('Account')}}
  /Accounts/{Sid}.json:
    parameters: [{name: Sid, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, ${body('Account')}}
        '404': {description: none}
    delete:
      responses:
        '204': {description: gone}
        '404': {description: none}
  /Accounts/{AccountSid}/Messages.json:
    parameters: [{name: AccountSid, in: path, required: true, schema: {type: string}}]
    post:
      requestBody: {${body('Message')}}
      responses:
        '201': {description: ok, ${body('Message')}}
  /Accounts/{AccountSid}/Messages/{Sid}.json:
    parameters:
      - {name: AccountSid, in: path, required: true, schema: {type: string}}
      - {name: Sid, in: path, required: true, schema: {type: string}}
    get:
      responses:
        '200': {description: ok, ${body('Message')}}
        '404': {description: none}`,
  `    Account: {type: object, properties: {sid: {type: string}, friendly_name: {type: string}}}
    Message: {type: object, properties: {sid: {type: string}, body: {type: string}}}`,
);

describe('a parent the caller has used', () => {
  it('is read statelessly once a collection under it was written, and only that one', async () => {
    const { send } = await layerHarness(SPEC);
    expect(send('GET', '/Accounts/AC1.json').status).toBe('item-not-found');
    expect(send('POST', '/Accounts/AC1/Messages.json', { body: 'hi' }).status).toBe(201);
    const account = send('GET', '/Accounts/AC1.json');
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ sid: 'AC1' });
    expect(send('GET', '/Accounts/AC2.json').status).toBe('item-not-found');
  });

  it('stays deleted once deleted: its collections go with it (Mux: an asset and its playback ids)', async () => {
    const { send } = await layerHarness(SPEC);
    const created = send('POST', '/Accounts.json', {});
    const sid = (created.body as { sid: string }).sid;
    expect(send('POST', `/Accounts/${sid}/Messages.json`, { body: 'hi' }).status).toBe(201);
    expect(send('DELETE', `/Accounts/${sid}.json`).status).toBe(204);
    expect(send('GET', `/Accounts/${sid}.json`).status).toBe('item-not-found');
  });
});
