import { call, auth } from './helpers';

/** A spec that names a credential in each place a security scheme can: header, query, cookie, bearer. */
export const SECURED_SPEC = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Secured', version: '1' },
  components: {
    securitySchemes: {
      headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      cookieKey: { type: 'apiKey', in: 'cookie', name: 'session' },
      bearer: { type: 'http', scheme: 'bearer' },
    },
    schemas: { Thing: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } },
  },
  security: [{ headerKey: [] }, { queryKey: [] }, { cookieKey: [] }, { bearer: [] }],
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '404': {
            description: 'missing',
            content: { 'application/json': { examples: { gone: { value: { gone: true } } } } },
          },
          '503': { description: 'down', content: { 'application/json': { example: { down: true } } } },
        },
      },
      put: {
        operationId: 'putThing',
        security: [],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
        },
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
    '/open': {
      get: {
        operationId: 'open',
        security: [],
        responses: {
          '200': { description: 'ok', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
  },
});

export interface Logged {
  id: string;
  at: string;
  version: string;
  sandbox?: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  operation: string | null;
  problems: { message: string; location?: string[] }[];
  steered?: string;
  request: { headers: Record<string, string>; body: string | null; truncated?: boolean };
  response: { headers: Record<string, string>; body: string | null; truncated?: boolean };
}

export async function requests(key: string, api: string, query = ''): Promise<Logged[]> {
  const res = await call(`/v1/apis/${api}/requests${query}`, { headers: auth(key) });
  if (res.status !== 200) throw new Error(`requests: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { requests: Logged[] }).requests;
}

/** Log writes run in waitUntil, after the response: poll until they have landed. */
export async function waitForCalls(key: string, api: string, n: number, query = ''): Promise<Logged[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const sep = query ? '&' : '?';
    const got = await requests(key, api, `${query}${sep}limit=200`);
    if (got.length >= n) return got;
    if (Date.now() > deadline) throw new Error(`only ${got.length} of ${n} calls logged`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function putBehaviour(key: string, api: string, behaviour: unknown): Promise<Response> {
  return call(`/v1/apis/${api}/behaviour`, {
    method: 'PUT',
    headers: auth(key, { 'content-type': 'application/json' }),
    body: JSON.stringify(behaviour),
  });
}

/** A key whose limits a test of thousands of calls cannot reach (the admin may set limits). */
export async function roomyKey(): Promise<string> {
  const res = await call('/v1/keys', {
    method: 'POST',
    headers: auth('test-admin-token'),
    body: JSON.stringify({ limits: { perMinute: 1_000_000, perMonth: 1_000_000 } }),
  });
  if (res.status !== 201) throw new Error(`key: ${res.status}`);
  return ((await res.json()) as { key: string }).key;
}
