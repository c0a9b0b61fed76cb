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

export function unjoined(url: URL, prefix: RegExp): URL {
  let current = url;
  for (;;) {
    // Every mock call passes here; almost none embeds a URL.
    if (!current.pathname.includes(':/')) return current;
    const m = EMBEDDED.exec(current.pathname.replace(prefix, ''));
    if (!m) return current;
    let inner: URL;
    try {
      inner = new URL(`${m[1]}://${m[2]}${current.search}`);
    } catch {
      return current;
    }
    if (inner.origin !== current.origin || !prefix.test(inner.pathname)) return current;
    current = inner;
  }
}
