import { config } from '../config';
import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { hostTargetOf, type HostTarget } from '../http/mock-host';
import { BASE_PATH_PREFIX, unjoined } from '../http/joined-link';
import { fail } from '../http/problem';
import type { RequestTarget } from '../http/request-target';
import { serveCall } from '../mock-call/serve-call';
import { serveSandbox } from './serve-sandbox';

/** The path forms stay the path forms, also on a port whose root serves ROOT_MOCK. */
const PATH_FORM = /^\/(?:mock|sandbox)(?:\/|$)/;

/**
 * The edge's first dispatch (edge.ts), ahead of the path forms and the route table: a request to a mock's own host
 * (`{label}.{MOCK_DOMAIN}`) is that mock's whatever its path, since an API's own paths may look like
 * the service's (Stripe's start with `/v1/`). A host under the mock domain that names no mock is a
 * 404, never the service. With ROOT_MOCK (local mode), every host outside the mock domain serves
 * that mock at its root, except the path forms; the service then answers at the mock domain itself.
 * Everything after the dispatch (admission, private token, quota, behaviour, log, CORS) is the path
 * form's own code.
 */
export function hostDispatch(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  url: RequestTarget,
): Response | Promise<Response> | undefined {
  const { mockDomain, rootMock } = config(env);
  if (!mockDomain) return undefined;
  // The runtime's host name is already normalised (lower case, punycode).
  const { hostname } = url;
  const where = hostTargetOf(hostname, mockDomain);
  if (where.kind === 'unknown')
    fail('api-not-found', `No mock is served at ${hostname.slice(0, 200)}; see GET /v1/apis/{api}.`);
  if (where.kind === 'target') return serveAt(request, env, ctx, where.target, url);
  if (!rootMock) return undefined;
  const atDomain = hostname.replace(/\.$/, '') === mockDomain;
  if (!atDomain && !PATH_FORM.test(url.pathname)) return serveAt(request, env, ctx, rootMock, url);
  return undefined;
}

function serveAt(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  target: HostTarget,
  sent: RequestTarget,
): Response | Promise<Response> {
  const url = unjoined(sent, BASE_PATH_PREFIX);
  const at = { path: url.pathname, baseUrl: url.origin };
  return target.kind === 'sandbox'
    ? serveSandbox(request, env, ctx, { id: target.id, ...at }, url)
    : serveCall(request, env, ctx, { api: target.api, versionName: target.version, ...at }, url);
}
