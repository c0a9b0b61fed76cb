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
 * repeats it), CORS included, as one Headers object each, and as the record it was made from (what
 * the log keeps). The runtime copies a Headers object in native code, where a plain record is
 * converted member by member on every call: a one-line Worker answering six headers costs 103 µs
 * of workerd CPU per request from a record, 94 from a Headers.
 */
const built = new WeakMap<object, { headers: Headers; record: Readonly<Record<string, string>> }>();

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

/**
 * A kept answer's response, for a request without an Origin (see answer.ts): the answer's headers
 * built once, copied once when the call was counted, for its two RateLimit headers.
 */
export function repeatedResponse(
  body: string | null,
  key: { status: number },
  request: AppRequest,
  headersOf: () => Record<string, string>,
): Response {
  let headers = keptHeaders(key, request, headersOf).headers;
  if (request.rateLimit) {
    headers = new Headers(headers);
    const limits = rateLimitHeaders(request.rateLimit, request.receivedAt);
    for (const name in limits) headers.set(name, limits[name]);
  }
  const response = new Response(body, { status: key.status, headers });
  request.decorated = response;
  return response;
}

/** The headers `repeatedResponse` sent for `key`, as a plain record (the log's copy). */
export function repeatedHeaders(key: { status: number }, request: AppRequest): Record<string, string> {
  const { record } = built.get(key)!;
  return request.rateLimit
    ? { ...record, ...rateLimitHeaders(request.rateLimit, request.receivedAt) }
    : { ...record };
}

function keptHeaders(
  key: object,
  request: AppRequest,
  headersOf: () => Record<string, string>,
): { headers: Headers; record: Readonly<Record<string, string>> } {
  let kept = built.get(key);
  if (!kept) {
    const record = headersOf();
    addCors(record, request);
    built.set(key, (kept = { headers: new Headers(record), record }));
  }
  return kept;
}
