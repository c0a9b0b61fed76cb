import { describe, expect, it } from 'vitest';
import { queryPairs, requestTarget, targetHref } from '../../worker/http/request-target';

/**
 * The edge cuts request URLs with string operations instead of a runtime `URL` (its getters cost a
 * mock call 8–20 µs). The WHATWG parser is the oracle: every URL is first serialised by it, as the
 * runtime serialises `request.url`, and the cut parts must equal its getters.
 */
const HREFS = [
  'http://127.0.0.1:8787/mock/petstore/v1/pets/42',
  'https://specmock.dev/mock/petstore/v1/pets?limit=10&offset=0',
  'https://specmock.dev/mock/a/v1/search?q=a+b&tag=%C3%A9t%C3%A9&empty=&flag&&=x&a=b=c',
  'https://specmock.dev/mock/a/v1/x?a=b=c&=x&flag&&y=1&y=2',
  'https://specmock.dev/mock/a/v1/x?',
  'https://specmock.dev/mock/a/v1/x?#frag',
  'https://specmock.dev/mock/a/v1/x?q=1#frag?not=query',
  'https://user:pa%40ss@specmock.dev:8443/sandbox/sb_1/items?page=2',
  'http://[::1]:8787/mock/a/v1/pets',
  'http://[2001:db8::1]/mock/a/v1/pets',
  'http://PetStore.Mock.Localhost:80/Pets/%7E?A=%zz&b=%E2%82',
  'http://petstore.mock.localhost/mock/a/v1/http://petstore.mock.localhost/mock/a/v1/x?p=/a/b',
  'https://xn--nxasmq6b.example/',
  'https://example.com',
  'https://example.com?a=1',
  'http://host/a/../b/./c?x=%2F',
];

describe('a request URL cut without a runtime URL', () => {
  for (const raw of HREFS) {
    const url = new URL(raw);
    it(`gives URL's origin, host name, path and query for ${raw}`, () => {
      const target = requestTarget(url.href);
      expect(target).toEqual({
        origin: url.origin,
        hostname: url.hostname,
        pathname: url.pathname,
        search: url.search,
      });
      expect(queryPairs(target)).toEqual([...url.searchParams]);
      expect(targetHref(target)).toBe(`${url.origin}${url.pathname}${url.search}`);
    });
  }
});
