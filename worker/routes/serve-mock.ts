import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { MOCK_PREFIX, unjoined } from '../http/joined-link';
import { fail } from '../http/problem';
import type { RequestTarget } from '../http/request-target';
import { serveCall } from '../mock-call/serve-call';

const MOCK_PATH = /^\/mock\/([^/]+)\/([^/]+)(\/.*)?$/;
const API_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * ANY /mock/{api}/{version}/{path…}: no credential; counted against the API owner's key. The spec is
 * never parsed here: the stored plan is read (KV, then the isolate memo) and the pure mock runs
 * (worker/mock-call/ does the rest, as for a mock's own host).
 */
export function mockRoute(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  target: RequestTarget,
): Response | Promise<Response> {
  // A next link some SDK joined to its base URL is served as the link (joined-link.ts).
  const url = unjoined(target, MOCK_PREFIX);
  const m = MOCK_PATH.exec(url.pathname);
  // The raw, still-encoded segment must already be canonical: "%70etstore" or "PetStore" is not
  // another name for "petstore", so no spelling can reach an API around its owner's quota.
  if (!m || !API_NAME.test(m[1])) fail('api-not-found', 'No such API.');
  const [, api, versionName, path = '/'] = m;
  const baseUrl = `${url.origin}/mock/${api}/${versionName}`;
  return serveCall(request, env, ctx, { api, versionName, path, baseUrl }, url);
}
