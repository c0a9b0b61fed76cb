/**
 * Frontends call mocks from any origin, so every mock response allows any origin and exposes its
 * headers. A request that names its Origin gets that origin echoed with credentials allowed, so a
 * page whose mocked API uses cookie auth works too, and the exposed headers by name (a credentialed
 * response may not use `*` there). Without an Origin, a mock answers `*` for both (as Prism
 * answers): a browser honours the wildcard exactly where a `*` origin can be used at all, without
 * credentials, so the short form exposes the same headers, and clients that are not browsers (SDKs,
 * CI) are not sent a list they never read. The service itself (control API, `/healthz`, the
 * dashboard's files) answers CORS only to a request naming its Origin: a browser names it on every
 * cross-origin call, and no other client reads these headers, whose every one costs the runtime
 * about 2 % of a small answer's throughput (bench). Nothing here grants access to anything:
 * control-plane keys travel in Authorization, never in cookies.
 */
const EXPOSED = [
  'content-type',
  'content-length',
  'allow',
  'location',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'www-authenticate',
  'x-specmock-operation',
];

/** A request as CORS reads it: `service` is set by the edge on a call to the service, not a mock. */
type CorsRequest = Request & { service?: boolean };

export function withCors(response: Response, request: CorsRequest): Response {
  // Responses built by the Worker have mutable headers; only fetched ones (static assets) need a copy.
  let out = response;
  try {
    applyCors(out.headers, request);
  } catch {
    out = new Response(response.body, response);
    applyCors(out.headers, request);
  }
  return out;
}

const EXPOSED_NAMES = new Set(EXPOSED);
const EXPOSED_LIST = EXPOSED.join(', ');

/** Runs on every response: no closures, no arrays, one pass over the headers (bench/profile.mjs). */
function applyCors(headers: Headers, request: CorsRequest): void {
  const origin = request.headers.get('origin');
  if (!origin && request.service) return;
  // A preflight answer already carries its own, more specific values: keep them.
  if (!headers.has('access-control-allow-origin')) headers.set('access-control-allow-origin', origin ?? '*');
  if (!headers.has('access-control-allow-headers')) headers.set('access-control-allow-headers', '*');
  if (!headers.has('access-control-allow-credentials'))
    headers.set('access-control-allow-credentials', 'true');
  if (!origin) {
    headers.set('access-control-expose-headers', '*');
    return;
  }
  let exposed = EXPOSED_LIST;
  for (const name of headers.keys())
    if (!EXPOSED_NAMES.has(name) && !name.startsWith('access-control-')) exposed += `, ${name}`;
  headers.set('access-control-expose-headers', exposed);
  headers.append('vary', 'Origin');
}

/**
 * The same headers as `applyCors`, into a plain record with lower-case names, for a response built
 * in one piece (a mock answer): no Headers object is read or written member by member.
 */
export function addCors(record: Record<string, string>, request: CorsRequest): void {
  const origin = request.headers.get('origin');
  if (!origin && request.service) return;
  record['access-control-allow-origin'] ??= origin ?? '*';
  record['access-control-allow-headers'] ??= '*';
  record['access-control-allow-credentials'] ??= 'true';
  if (!origin) {
    record['access-control-expose-headers'] = '*';
    return;
  }
  let exposed = EXPOSED_LIST;
  for (const name in record)
    if (!EXPOSED_NAMES.has(name) && !name.startsWith('access-control-')) exposed += `, ${name}`;
  record['access-control-expose-headers'] = exposed;
  record.vary = record.vary ? `${record.vary}, Origin` : 'Origin';
}

export function isPreflight(method: string, request: Request): boolean {
  return method === 'OPTIONS' && request.headers.has('access-control-request-method');
}

export function preflight(request: Request): Response {
  const method = request.headers.get('access-control-request-method') ?? 'GET';
  const requested = request.headers.get('access-control-request-headers');
  // Echo what was asked: a preflight only needs to approve the one method and header list it names.
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': request.headers.get('origin') ?? '*',
      'access-control-allow-methods': /^[A-Za-z]+$/.test(method) ? method.toUpperCase() : 'GET',
      'access-control-allow-headers': requested ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '86400',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
  });
}
