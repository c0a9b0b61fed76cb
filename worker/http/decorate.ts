import type { AppRequest } from './app-request';
import { addCors, withCors } from './cors';
import { rateLimitHeaders } from './rate-limit-headers';
import { recordResponse, setHeaders } from './record-response';

/** Every response leaves with CORS headers and, when the request was counted, RateLimit headers. */
export function decorate(response: Response, request: AppRequest): Response {
  if (request.decorated === response) return response;
  const out = withCors(response, request);
  if (request.rateLimit) setHeaders(out.headers, rateLimitHeaders(request.rateLimit, request.receivedAt));
  return out;
}

/**
 * A response built in one piece from a plain header record (lower-case names), with the headers
 * `decorate` would add, where decorating would read the response's headers back on every mock
 * call (bench/profile.mjs).
 */
export function decoratedResponse(
  body: string | Uint8Array | null,
  status: number,
  headers: Record<string, string>,
  request: AppRequest,
): Response {
  if (request.rateLimit) Object.assign(headers, rateLimitHeaders(request.rateLimit, request.receivedAt));
  addCors(headers, request);
  const response = recordResponse(body, status, headers);
  request.decorated = response;
  return response;
}

/**
 * The headers of kept answers (`key`: the answer's response object, the same on every call that
 * repeats it), CORS included, as one Headers object each, and as the record it was made from (what
 * the log keeps). The runtime copies a Headers object in native code, where a plain record is
 * converted member by member on every call: a one-line Worker answering six headers costs 103 µs
 * of workerd CPU per request from a record, 94 from a Headers. A request naming its Origin gets
 * that origin echoed (cors.ts), so those are kept per origin: a page calls from one or two.
 */
interface Kept {
  headers: Headers;
  record: Readonly<Record<string, string>>;
}
const built = new WeakMap<object, Map<string, Kept>>();
/** Origins kept per answer; past that many, the answer's are dropped and kept again as they come. */
const MAX_ORIGINS = 16;
/** The key of a request without an Origin: a header value never holds NUL. */
const NO_ORIGIN = '\u0000';

/** A response whose own headers never change (`key`, one object per such answer), for any request. */
export function fixedResponse(
  body: string | Uint8Array | null,
  key: { status: number },
  request: AppRequest,
  headersOf: () => Record<string, string>,
): Response {
  return repeatedResponse(body, key, request, request.headers.get('origin') ?? undefined, headersOf);
}

/**
 * A kept answer's response (see answer.ts): the answer's headers for the request's `origin` built
 * once and copied into the response, which a counted call then gives its two RateLimit headers.
 */
export function repeatedResponse(
  body: string | Uint8Array | null,
  key: { status: number },
  request: AppRequest,
  origin: string | undefined,
  headersOf: () => Record<string, string>,
): Response {
  const { headers } = keptHeaders(key, request, origin, headersOf);
  const response = new Response(body, { status: key.status, headers });
  // The response's own copy takes the RateLimit headers: one copy, where a copied Headers object
  // passed to the Response was copied again (12 → 10 µs per call in a one-line Worker).
  if (request.rateLimit) {
    const limits = rateLimitHeaders(request.rateLimit, request.receivedAt);
    setHeaders(response.headers, limits);
    request.rateLimitSent = limits;
  }
  request.decorated = response;
  return response;
}

/**
 * The headers `repeatedResponse` sent for `key` and `origin`, as the log keeps them: the kept
 * record (one object for every call that repeats the answer) and this call's RateLimit headers.
 */
export function repeatedHeaders(
  key: { status: number },
  request: AppRequest,
  origin: string | undefined,
): { kept: Readonly<Record<string, string>>; own?: Record<string, string> } {
  const { record } = built.get(key)!.get(origin ?? NO_ORIGIN)!;
  return { kept: record, own: request.rateLimitSent };
}

function keptHeaders(
  key: object,
  request: AppRequest,
  origin: string | undefined,
  headersOf: () => Record<string, string>,
): Kept {
  let byOrigin = built.get(key);
  if (!byOrigin) built.set(key, (byOrigin = new Map()));
  let kept = byOrigin.get(origin ?? NO_ORIGIN);
  if (!kept) {
    if (byOrigin.size >= MAX_ORIGINS) byOrigin.clear();
    byOrigin.set(origin ?? NO_ORIGIN, (kept = keep(request, headersOf)));
  }
  return kept;
}

function keep(request: AppRequest, headersOf: () => Record<string, string>): Kept {
  const record = headersOf();
  addCors(record, request);
  return { headers: new Headers(record), record };
}
