import { describe, expect, it } from 'vitest';
import { BASE_PATH_PREFIX, MOCK_PREFIX, SANDBOX_PREFIX, unjoined } from '../../worker/http/joined-link';
import { requestTarget, targetHref } from '../../worker/http/request-target';

/**
 * Issue 18: Twilio's SDK joins the absolute `next_page_uri` to its base URL and follows no
 * redirect. The doubled URL is served as the link, and only ever as a mock or sandbox path.
 */
const mock = (href: string) => targetHref(unjoined(requestTarget(href), MOCK_PREFIX));

describe('a next link joined to the base URL', () => {
  it('is served as the link itself, its query kept', () => {
    expect(
      mock(
        'http://127.0.0.1:8787/mock/api/v1/http://127.0.0.1:8787/mock/api/v1/2010-04-01/Calls.json?PageSize=10&Page=1',
      ),
    ).toBe('http://127.0.0.1:8787/mock/api/v1/2010-04-01/Calls.json?PageSize=10&Page=1');
    const sandbox = requestTarget(
      'https://specmock.dev/sandbox/sb_1/https:/specmock.dev/sandbox/sb_1/items?page=2',
    );
    expect(targetHref(unjoined(sandbox, SANDBOX_PREFIX))).toBe(
      'https://specmock.dev/sandbox/sb_1/items?page=2',
    );
  });

  it('is left as asked when it leads to another origin or outside the mock paths', () => {
    for (const href of [
      'https://specmock.dev/mock/api/v1/https://evil.example/mock/api/v1/x',
      'https://specmock.dev/mock/api/v1/https://specmock.dev/v1/apis',
      'https://specmock.dev/mock/api/v1/pets/1',
    ])
      expect(mock(href)).toBe(href);
  });
});

// microsoft.com/graph: the Graph client joins an `@odata.nextLink` that is not https to its base URL
// (`…/v1.0`), asking a mock's own host for `/v1.0/http://host/v1.0/groups?$skip=2`.
describe('a next link joined to the base URL at a mock’s own host', () => {
  const atHost = (href: string) => targetHref(unjoined(requestTarget(href), BASE_PATH_PREFIX));

  it('is served as the link, whatever base path the SDK put before it', () => {
    expect(atHost('http://127.0.0.1:4010/v1.0/http://127.0.0.1:4010/v1.0/groups?$top=2&$skip=2')).toBe(
      'http://127.0.0.1:4010/v1.0/groups?$top=2&$skip=2',
    );
    expect(atHost('http://127.0.0.1:4010/http:/127.0.0.1:4010/groups')).toBe('http://127.0.0.1:4010/groups');
  });

  it('is left as asked when it leads to another origin, or embeds nothing', () => {
    for (const href of [
      'http://127.0.0.1:4010/v1.0/http://evil.example/v1.0/groups',
      'http://127.0.0.1:4010/v1.0/groups',
    ])
      expect(atHost(href)).toBe(href);
  });
});
