/**
 * Frontends call mocks from any origin, so every response allows any origin and exposes its
 * headers; no cookies are involved (keys travel in Authorization), so `*` is safe here.
 */
const EXPOSED = ['content-type', 'content-length', 'allow', 'location', 'retry-after', 'ratelimit', 'ratelimit-policy', 'www-authenticate', 'x-specmock-operation'];

export function withCors(response: Response, request: Request): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', '*');
  const declared = [...response.headers.keys()].filter((h) => !EXPOSED.includes(h));
  headers.set('access-control-expose-headers', [...EXPOSED, ...declared].join(', '));
  if (request.headers.get('origin')) headers.append('vary', 'Origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
}

export function preflight(request: Request): Response {
  const method = request.headers.get('access-control-request-method') ?? 'GET';
  const requested = request.headers.get('access-control-request-headers');
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': `GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS${/^[A-Z]+$/.test(method) && !['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method) ? `, ${method}` : ''}`,
      'access-control-allow-headers': requested ?? '*',
      'access-control-max-age': '86400',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
  });
}
