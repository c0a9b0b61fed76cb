import type { Env } from '../env';
import { fail, ProblemError } from '../http/problem';
import { enforce } from '../quota/enforce';
import { mock, type MockRequest, type MockResponse } from '../mock/mock';
import type { RequestBody } from '../mock/validate-request';
import { loadTarget } from '../storage/target-cache';
import { admitMock } from '../quota/mock-admission';
import { locateVersion } from '../registry/locate-version';
import type { AppRequest } from '../http/app-request';

const MOCK_PATH = /^\/mock\/([^/]+)\/([^/]+)(\/.*)?$/;
const API_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_MOCK_BODY_BYTES = 1024 * 1024;

/**
 * ANY /mock/{api}/{version}/{path…}: no credential; counted against the API owner's key. The spec is
 * never parsed here: the stored plan is read (KV, then the isolate memo) and the pure mock runs.
 */
export async function mockRoute(request: AppRequest, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const m = MOCK_PATH.exec(url.pathname);
  // The raw, still-encoded segment must already be canonical: "%70etstore" or "PetStore" is not
  // another name for "petstore", so no spelling can reach an API around its owner's quota.
  if (!m || !API_NAME.test(m[1])) fail('api-not-found', 'No such API.');
  const [, api, versionName, rest = '/'] = m;
  const { call, loaded: target } = await admitMockCall(request, env, { api, versionName }, (version, entry) =>
    loadTarget(env.SPECS, api, version, entry.hash, entry.createdAt),
  );
  if (!target)
    fail(
      'version-not-found',
      `Version "${call.version}" of "${api}" is still propagating; retry in a few seconds.`,
    );
  const mockRequest = mockRequestOf(request, rest, call.body);
  const outcome = mock(target, mockRequest);
  if (!outcome.ok) throw new ProblemError(outcome.problem);
  return answerMockCall(request, call, outcome.response, outcome.operation.id);
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
}

/**
 * Admission shared by every mock-shaped route (stateless `/mock/…` and stateful `/sandbox/…`):
 * locate the API and version, admit the call against the owner's quota (429 when over), read the
 * body. `load` runs alongside the quota check, so the plan load costs no extra latency.
 */
export async function admitMockCall<T>(
  request: AppRequest,
  env: Env,
  target: { api: string; versionName: string; sandboxId?: string },
  load: (version: string, entry: { hash: string; createdAt: string }) => Promise<T>,
): Promise<{ call: AdmittedCall; loaded: T }> {
  const { api, versionName } = target;
  const { owner, version, entry } = await locateVersion(env, api, versionName, request.receivedAt);

  // The quota check (usually a local lease, no I/O), the plan load and the body read are independent.
  const [quota, loaded, body] = await Promise.all([
    admitMock(env, owner, request.receivedAt),
    load(version, entry),
    readMockBody(request),
  ]);
  if (!quota.ok)
    fail(
      'forbidden',
      `The owner of "${api}" can no longer serve mocks (its key was ${quota.reason === 'revoked' ? 'revoked' : 'removed'}).`,
    );
  if (quota.decision) {
    request.rateLimit = quota.decision;
    enforce(quota.decision, request.receivedAt);
  }
  const call: AdmittedCall = {
    api,
    version,
    entry,
    owner,
    ...(target.sandboxId ? { sandboxId: target.sandboxId } : {}),
    ...(body !== undefined ? { body } : {}),
  };
  return { call, loaded };
}

/** The pure mock's view of the HTTP request; `path` is what follows the mock or sandbox URL. */
export function mockRequestOf(request: Request, path: string, body: RequestBody | undefined): MockRequest {
  return {
    method: request.method,
    path,
    query: [...new URL(request.url).searchParams],
    headers: Object.fromEntries(request.headers),
    ...(body !== undefined ? { body } : {}),
  };
}

/**
 * The HTTP answer of an admitted call, the same for stateless and stateful calls; `call` is what an
 * after-call hook (the request log) needs to know: API, version, owner and sandbox.
 */
export function answerMockCall(
  request: Request,
  _call: AdmittedCall,
  response: MockResponse,
  operationId: string,
): Response {
  const { status, headers, body: payload } = response;
  return new Response(status === 204 || status === 304 || request.method === 'HEAD' ? null : payload, {
    status,
    headers: {
      ...headers,
      'x-specmock-operation': operationId.slice(0, 200).replace(/[^\x20-\x7e]/g, '?'),
    },
  });
}

/** The body, read at the edge so the pure mock can stay synchronous; multipart is parsed here. */
async function readMockBody(request: Request): Promise<RequestBody | undefined> {
  if (!request.body || request.method === 'GET' || request.method === 'HEAD') return undefined;
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_MOCK_BODY_BYTES) tooLarge();
  const header = request.headers.get('content-type') ?? '';
  const contentType = header.split(';')[0].trim().toLowerCase();
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_MOCK_BODY_BYTES) tooLarge();
  const text = new TextDecoder().decode(bytes);
  if (contentType !== 'multipart/form-data') return { contentType, text };
  try {
    const form = await new Response(bytes, { headers: { 'content-type': header } }).formData();
    const fields: [string, string][] = [];
    for (const [name, value] of form)
      fields.push([name, typeof value === 'string' ? value : await value.text()]);
    return { contentType, text, form: fields };
  } catch {
    return { contentType, text, form: [] };
  }
}

function tooLarge(): never {
  fail('payload-too-large', `Mock request bodies are capped at ${MAX_MOCK_BODY_BYTES / 1024} KiB.`);
}
