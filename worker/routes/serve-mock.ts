import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { fail, ProblemError } from '../http/problem';
import type { MockRequest, MockResponse, MockTarget } from '../mock/mock';
import type { RequestBody } from '../mock/validate-request';
import { enforce } from '../quota/enforce';
import { admitMock } from '../quota/mock-admission';
import { locateVersion } from '../registry/locate-version';
import { amendCall, noteCall } from '../request-log/log-call';
import type { Behaviour } from '../behaviour/settings';
import { admitCall, withoutMockToken } from '../steering/admit-call';
import { delay, STEERED_HEADER, steeredMock } from '../steering/steered-mock';
import { loadTarget } from '../storage/target-cache';
import { readMockBody } from '../http/read-mock-body';
import { mockUrl } from '../http/mock-url';

const MOCK_PATH = /^\/mock\/([^/]+)\/([^/]+)(\/.*)?$/;
const API_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * ANY /mock/{api}/{version}/{path…}: no credential; counted against the API owner's key. The spec is
 * never parsed here: the stored plan is read (KV, then the isolate memo) and the pure mock runs.
 */
export async function mockRoute(request: AppRequest, env: Env): Promise<Response> {
  const m = MOCK_PATH.exec(new URL(request.url).pathname);
  // The raw, still-encoded segment must already be canonical: "%70etstore" or "PetStore" is not
  // another name for "petstore", so no spelling can reach an API around its owner's quota.
  if (!m || !API_NAME.test(m[1])) fail('api-not-found', 'No such API.');
  const [, api, versionName, rest = '/'] = m;
  return serveMock(request, env, {
    api,
    versionName,
    path: rest,
    baseUrl: mockUrl(request, api, versionName),
  });
}

/**
 * One stateless mock call, whichever URL named the mock: the path form above, or a mock's own host
 * (see serve-host.ts). `path` is the spec's path; `baseUrl` the absolute URL it is relative to.
 */
export async function serveMock(
  request: AppRequest,
  env: Env,
  at: { api: string; versionName: string; path: string; baseUrl: string },
): Promise<Response> {
  const { call, target } = await admitMockCall(request, env, at);
  const { outcome, operationId, steering, label } = steeredMock(
    target,
    mockRequestOf(request, at.path, call, at.baseUrl),
    call.behaviour,
  );
  const steered: Record<string, string> = label ? { [STEERED_HEADER]: label } : {};
  amendCall(request, {
    operation: operationId,
    problems: outcome.ok ? undefined : outcome.problem.errors,
    steered: label ?? undefined,
  });
  await delay(steering.latencyMs);
  // A refusal the spec has an error response for is answered in it (`outcome.response`).
  if (!outcome.ok && !outcome.response)
    throw new ProblemError({ ...outcome.problem, headers: { ...outcome.problem.headers, ...steered } });
  return answerMockCall(request, outcome.response!, operationId, steered);
}

/** A mock call that passed admission: which version answers, whose key pays, and its body. */
export interface AdmittedCall {
  api: string;
  version: string;
  entry: { hash: string; createdAt: string };
  owner: string;
  /** Set for calls to a stateful sandbox of the version. */
  sandboxId?: string;
  body?: RequestBody;
  /** The request's query without the mock token: what the mock validates and seeds, and the log keeps. */
  query: [string, string][];
  /** The API's behaviour settings (latency, injected errors, forced responses). */
  behaviour: Behaviour;
}

/**
 * Admission shared by every mock-shaped route (stateless `/mock/…` and stateful `/sandbox/…`):
 * admit the call (a private API needs its mock token), locate the API and version, then count it
 * against the owner's quota (429 when over), load the plan and read the body. The quota is asked
 * only once the call is admitted, so strangers never spend the owner's quota; both are usually
 * local (the steering is memoized per isolate, the quota is a lease). The call is noted for the
 * request log, whichever way it ends.
 */
export async function admitMockCall(
  request: AppRequest,
  env: Env,
  at: { api: string; versionName: string; path: string; sandboxId?: string },
): Promise<{ call: AdmittedCall; target: MockTarget }> {
  const { api, versionName, path, sandboxId } = at;
  const url = new URL(request.url);
  // A private mock answers a stranger 401 before anything else, so its version names are no oracle;
  // both lookups are usually isolate memo hits.
  const located = locateVersion(env, api, versionName, request.receivedAt);
  located.catch(() => undefined);
  const { behaviour } = await admitCall(env, api, request, url);
  const { owner, version, entry } = await located;
  const [quota, target, body] = await Promise.all([
    admitMock(env, owner, request.receivedAt),
    loadTarget(env.SPECS, api, version, entry.hash, entry.createdAt),
    readMockBody(request),
  ]);
  const query = withoutMockToken(url.searchParams);
  noteCall(request, {
    api,
    version,
    ...(sandboxId ? { sandbox: sandboxId } : {}),
    path,
    query,
    requestBody: body?.text,
    plan: target?.plan,
  });
  if (!quota.ok)
    fail(
      'forbidden',
      `The owner of "${api}" can no longer serve mocks (its key was ${quota.reason === 'revoked' ? 'revoked' : 'removed'}).`,
    );
  if (quota.decision) {
    request.rateLimit = quota.decision;
    enforce(quota.decision, request.receivedAt);
  }
  if (!target)
    fail(
      'version-not-found',
      `Version "${version}" of "${api}" is still propagating; retry in a few seconds.`,
    );
  const call: AdmittedCall = {
    api,
    version,
    entry,
    owner,
    query,
    behaviour,
    ...(sandboxId ? { sandboxId } : {}),
    ...(body !== undefined ? { body } : {}),
  };
  return { call, target };
}

/**
 * The pure mock's view of the HTTP request; `path` is what follows `baseUrl` (the mock or sandbox
 * URL, or a mock host's origin). The mock
 * token is a specmock credential, not a parameter of the mocked API: it is never validated or seeded.
 */
export function mockRequestOf(
  request: Request,
  path: string,
  call: AdmittedCall,
  baseUrl: string,
): MockRequest {
  return {
    method: request.method,
    path,
    baseUrl,
    query: call.query,
    headers: Object.fromEntries(request.headers),
    ...(call.body !== undefined ? { body: call.body } : {}),
  };
}

/** The HTTP answer of an admitted call, the same for stateless and stateful calls. */
export function answerMockCall(
  request: Request,
  response: MockResponse,
  operationId: string | undefined,
  extraHeaders: Record<string, string> = {},
): Response {
  const { status, headers, body: payload } = response;
  return new Response(status === 204 || status === 304 || request.method === 'HEAD' ? null : payload, {
    status,
    headers: {
      ...headers,
      ...(operationId !== undefined
        ? { 'x-specmock-operation': operationId.slice(0, 200).replace(/[^\x20-\x7e]/g, '?') }
        : {}),
      ...extraHeaders,
    },
  });
}
