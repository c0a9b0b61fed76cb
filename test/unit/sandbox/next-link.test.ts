import { describe, expect, it } from 'vitest';
import { layerHarness, oas3 } from '../../support/layer-harness';

/**
 * Twilio's list in a sandbox answered `next_page_uri: https://exalted-wear.biz/next/page/7164`: the
 * wrapper around the stored items came from the stateless mock without the sandbox's URL, so its next
 * link led to a made-up host. It leads into the sandbox, and the pages end.
 */
const SPEC = oas3(
  `  /Messages.json:
    get:
      parameters:
        - {name: Page, in: query, schema: {type: integer, minimum: 0}}
        - {name: PageSize, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  messages: {type: array, items: {$ref: '#/components/schemas/Message'}}
                  next_page_uri: {type: string, format: uri, nullable: true}
                  page: {type: integer}
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}
  /Messages/{Sid}.json:
    parameters: [{name: Sid, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}`,
  `    Message: {type: object, properties: {sid: {type: string}, body: {type: string}}}`,
);

describe('a sandbox list’s next link', () => {
  it('leads into the sandbox, and following it ends', async () => {
    const { send } = await layerHarness(SPEC, { baseUrl: 'https://x.test/sandbox/sb_1' });
    let next: string | null = '/Messages.json?PageSize=2';
    let pages = 0;
    while (next !== null && pages < 10) {
      const url = new URL(next, 'https://x.test/sandbox/sb_1/');
      const path = url.pathname.replace('/sandbox/sb_1', '');
      const answer = send('GET', path, undefined, { query: [...url.searchParams] });
      expect(answer.status).toBe(200);
      next = (answer.body as { next_page_uri?: string | null }).next_page_uri ?? null;
      if (next !== null) expect(next.startsWith('https://x.test/sandbox/sb_1/Messages.json?')).toBe(true);
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(10);
  });
});
