import type { MockRequest } from '../mock/call';

/**
 * The request built last and its runtime headers, for reading one header without the rest. A
 * repeated call reads its few headers right after its request is built, with no await between, so
 * the last one is the one asked about; any other is answered from its record. (A WeakMap entry per
 * call cost more than the lookups it served.)
 */
let lastRequest: MockRequest | undefined;
let lastRaw: Headers | undefined;

/**
 * The pure mock's view of the HTTP request; `path` is what follows `baseUrl` (the mock or sandbox
 * URL, or a mock host's origin). The mock token is a specmock credential, not a parameter of the
 * mocked API: it is never validated or seeded.
 *
 * Its header record is read from the runtime when first used: a repeated call is answered from
 * the few headers its kept answer depends on (`headerOf`), and walking every header costs more
 * than reading six by name (workerd crosses into native code per header and builds a pair each:
 * in one 12-round run a one-line Worker spent 21 µs of CPU per request walking autocannon's
 * headers, 5 reading six names).
 * The record is an own, enumerable accessor, so a spread or a structured clone (a sandbox's RPC)
 * reads it like a plain member.
 */
export function mockRequestOf(
  request: Request,
  at: { path: string; baseUrl: string },
  call: Pick<MockRequest, 'method' | 'query' | 'body'>,
): MockRequest {
  const raw = request.headers;
  let record: Record<string, string> | undefined;
  const mockRequest: MockRequest = {
    method: call.method,
    path: at.path,
    baseUrl: at.baseUrl,
    query: call.query,
    get headers() {
      return (record ??= recordOf(raw));
    },
    // One shape for every call (no spread of an empty object): absent, the body is undefined.
    body: call.body,
  };
  lastRequest = mockRequest;
  lastRaw = raw;
  return mockRequest;
}

/** One header of a mock request by lower-case name: `headers[name]`, without reading the others. */
export function headerOf(request: MockRequest, name: string): string | undefined {
  return request === lastRequest ? (lastRaw!.get(name) ?? undefined) : request.headers[name];
}

function recordOf(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
