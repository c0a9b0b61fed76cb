import type { AppRequest } from './app-request';
import { addCors, withCors } from './cors';
import { rateLimitHeaders } from './rate-limit-headers';

/** Every response leaves with CORS headers and, when the request was counted, RateLimit headers. */
export function decorate(response: Response, request: AppRequest): Response {
  if (request.decorated === response) return response;
  const out = withCors(response, request);
  if (request.rateLimit) {
    for (const [name, value] of Object.entries(rateLimitHeaders(request.rateLimit, request.receivedAt)))
      out.headers.set(name, value);
  }
  return out;
}

/**
 * A response built in one piece from a plain header record (lower-case names), with the headers
 * `decorate` would add: one Headers object, filled once, where decorating would read and write it
 * member by member on every mock call (bench/profile.mjs).
 */
export function decoratedResponse(
  body: string | null,
  status: number,
  headers: Record<string, string>,
  request: AppRequest,
): Response {
  if (request.rateLimit) Object.assign(headers, rateLimitHeaders(request.rateLimit, request.receivedAt));
  addCors(headers, request);
  const response = new Response(body, { status, headers });
  request.decorated = response;
  return response;
}

/**
 * The headers of kept answers (`key`: the answer's response object, the same on every call that
 * repeats it), CORS included, as one Headers object each. The runtime copies a Headers object in
 * native code, where a plain record is converted member by member on every call: a one-line Worker
 * answering six headers costs 103 µs of workerd CPU per request from a record, 94 from a Headers.
 */
const built = new WeakMap<object, Headers>();

/**
 * A response whose own headers never change (`key`, one object per such answer), for any request:
 * without an Origin nothing varies per call and the headers are built once; a request naming its
 * Origin has that origin echoed and the headers listed, so it is decorated as usual.
 */
export function fixedResponse(
  body: string | null,
  key: { status: number },
  request: AppRequest,
  headersOf: () => Record<string, string>,
): Response {
  if (request.rateLimit || request.headers.has('origin'))
    return decoratedResponse(body, key.status, headersOf(), request);
  return repeatedResponse(body, key, request, headersOf);
}

/** A kept answer's response, for a request that adds no header of its own (see answer.ts). */
export function repeatedResponse(
  body: string | null,
  key: { status: number },
  request: AppRequest,
  headersOf: () => Record<string, string>,
): Response {
  let headers = built.get(key);
  if (!headers) {
    const record = headersOf();
    addCors(record, request);
    built.set(key, (headers = new Headers(record)));
  }
  const response = new Response(body, { status: key.status, headers });
  request.decorated = response;
  return response;
}
