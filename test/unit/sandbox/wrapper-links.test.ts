import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Microsoft Graph and Azure list a sandbox's items in `{value, @odata.nextLink, @odata.count}`:
 * the wrapper came from the stateless mock, so its next link said three pages whatever was stored,
 * and following it answered the first page again (the SDKs' page iterators listed every item three
 * times); `@odata.count` was random. The wrapper's links now end with the stored items.
 */
const SPEC = oas3(
  `  /users:
    get:
      parameters:
        - {name: $top, in: query, schema: {type: integer, minimum: 0}}
        - {name: $skip, in: query, schema: {type: integer, minimum: 0}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: array, items: {$ref: '#/components/schemas/User'}}
                  '@odata.nextLink': {type: string, nullable: true}
                  '@odata.count': {type: integer}
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
  /users/{user-id}:
    parameters: [{name: user-id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}`,
  `    User: {type: object, properties: {id: {type: string, readOnly: true}, displayName: {type: string}}}`,
);

type Page = { value: { id: string }[]; '@odata.nextLink'?: string | null; '@odata.count'?: number };
const BASE = 'https://x.test/sandbox/sb_1';

describe('a wrapper’s own next link in a sandbox list', () => {
  it('leads through the stored items once and ends', async () => {
    const { send } = await layerHarness(SPEC, { baseUrl: BASE });
    const all = (send('GET', '/users').body as Page).value.length;
    for (const name of ['Ada', 'Grace', 'Linus']) send('POST', '/users', { displayName: name });
    const seen: string[] = [];
    let query: [string, string][] = [['$top', '2']];
    for (let pages = 0; pages < 10; pages++) {
      const page = send('GET', '/users', undefined, { query }).body as Page;
      seen.push(...page.value.map((u) => u.id));
      expect(page['@odata.count']).toBe(all + 3);
      const next = page['@odata.nextLink'];
      if (!next) break;
      expect(next.startsWith(`${BASE}/users?`)).toBe(true);
      query = [...new URL(next).searchParams];
    }
    expect(seen.length).toBe(all + 3);
    expect(new Set(seen).size).toBe(all + 3);
  });

  it('has no next page when every stored item is on the page', async () => {
    const { send } = await layerHarness(SPEC, { baseUrl: BASE });
    send('POST', '/users', { displayName: 'Ada' });
    expect((send('GET', '/users').body as Page)['@odata.nextLink'] ?? null).toBeNull();
  });
});
