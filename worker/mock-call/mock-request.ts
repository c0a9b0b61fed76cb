import type { MockRequest } from '../mock/call';

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
 *
 * A class, its record behind a getter of its prototype: an object literal with its own getter
 * (a new closure per call) is built in V8's slow path, as a dictionary whose every later read is
 * a lookup (Node: 0.7 µs per object against 0.02; 3.8 % of local mode's samples under load). A
 * spread or a structured clone does not see a prototype's getter, so the engine and a sandbox's
 * RPC get the plain object of `plainRequest`.
 */
class CallRequest implements MockRequest {
  readonly method: string;
  readonly path: string;
  readonly baseUrl: string;
  readonly query: [string, string][];
  readonly body: MockRequest['body'];
  readonly #raw: Headers;
  #record: Record<string, string> | undefined = undefined;

  constructor(
    raw: Headers,
    at: { path: string; baseUrl: string },
    call: Pick<MockRequest, 'method' | 'query' | 'body'>,
  ) {
    this.method = call.method;
    this.path = at.path;
    this.baseUrl = at.baseUrl;
    this.query = call.query;
    this.body = call.body;
    this.#raw = raw;
  }

  get headers(): Record<string, string> {
    return (this.#record ??= recordOf(this.#raw));
  }

  /** One header by lower-case name, without reading the others. */
  header(name: string): string | undefined {
    return this.#record ? this.#record[name] : (this.#raw.get(name) ?? undefined);
  }
}

export function mockRequestOf(
  request: Request,
  at: { path: string; baseUrl: string },
  call: Pick<MockRequest, 'method' | 'query' | 'body'>,
): MockRequest {
  return new CallRequest(request.headers, at, call);
}

/** One header of a mock request by lower-case name: `headers[name]`, without reading the others. */
export function headerOf(request: MockRequest, name: string): string | undefined {
  return request instanceof CallRequest ? request.header(name) : request.headers[name];
}

/** The request as a plain object, every header read: what a spread or a structured clone can copy. */
export function plainRequest(request: MockRequest): MockRequest {
  if (!(request instanceof CallRequest)) return request;
  const { method, path, baseUrl, query, headers, body } = request;
  return { method, path, baseUrl, query, headers, body };
}

function recordOf(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
