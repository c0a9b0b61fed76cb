import { requestTarget, type RequestTarget } from './request-target';

/**
 * Some SDKs join every next-page link to their base URL, even an absolute one: Twilio's joins
 * `next_page_uri` (declared `format: uri`, so the mock answers it absolute) to
 * `https://host/mock/api/v1` and asks for `/mock/api/v1/https://host/mock/api/v1/...?Page=1`, and
 * follows no redirect. When the path below the mock (or sandbox) prefix is itself an absolute URL
 * back to the same kind of path on the same origin, the call is served as that URL; anything else
 * is left as asked, so no path reaches another host or the service's own API. Each step
 * shortens the path, so the unwrapping ends.
 */
const EMBEDDED = /^\/(https?):\/\/?(.*)$/;

export const MOCK_PREFIX = /^\/mock\/[^/]+\/[^/]+/;
export const SANDBOX_PREFIX = /^\/sandbox\/[^/]+/;
/**
 * At a mock's own host (or the root `specmock mock` serves), whatever precedes the link is the SDK's
 * base path (the Graph client joins `@odata.nextLink` to `…/v1.0`), and any path on the same origin
 * is that mock's.
 */
export const BASE_PATH_PREFIX = /^.*?(?=\/https?:\/)/;
const ANY_PATH = /^/;

export function unjoined(
  target: RequestTarget,
  prefix: RegExp,
  innerPrefix: RegExp = prefix === BASE_PATH_PREFIX ? ANY_PATH : prefix,
): RequestTarget {
  let current = target;
  for (;;) {
    // Every mock call passes here; almost none embeds a URL.
    if (!current.pathname.includes(':/')) return current;
    const m = EMBEDDED.exec(current.pathname.replace(prefix, ''));
    if (!m) return current;
    let inner: RequestTarget;
    try {
      // Parsed by the runtime, so the embedded link is normalised as a request's URL is.
      inner = requestTarget(new URL(`${m[1]}://${m[2]}${current.search}`).href);
    } catch {
      return current;
    }
    if (inner.origin !== current.origin || !innerPrefix.test(inner.pathname)) return current;
    current = inner;
  }
}
