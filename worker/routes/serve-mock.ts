import type { Env } from '../env';
import { fail, ProblemError } from '../http/problem';
import { enforce } from '../quota/enforce';
import type { MockRequest } from '../mock/mock';
import type { RequestBody } from '../mock/validate-request';
import { loadTarget } from '../storage/target-cache';
import { admitMock } from '../quota/mock-admission';
import { locateVersion } from '../registry/locate-version';
import type { AppRequest } from '../http/app-request';
import { admitCall, withoutMockToken } from '../steering/admit-call';
import { delay, STEERED_HEADER, steeredMock } from '../steering/steered-mock';
import { amendCall, noteCall } from '../request-log/log-call';

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
  // A private mock answers a stranger 401 before anything else, so its version names are no oracle
  // and its owner's quota is never spent; both lookups are usually isolate memo hits.
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
  noteCall(request, { api, version, path: rest, query, requestBody: body?.text, plan: target?.plan });
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

  const mockRequest: MockRequest = {
    method: request.method,
    path: rest,
    query,
    headers: Object.fromEntries(request.headers),
    ...(body !== undefined ? { body } : {}),
  };
  const { outcome, operationId, steering, label } = steeredMock(target, mockRequest, behaviour);
  const steered: Record<string, string> = label ? { [STEERED_HEADER]: label } : {};
  amendCall(request, {
    operation: operationId,
    problems: outcome.ok ? outcome.problems : outcome.problem.errors,
    steered: label ?? undefined,
  });
  await delay(steering.latencyMs);
  if (!outcome.ok)
    throw new ProblemError({ ...outcome.problem, headers: { ...outcome.problem.headers, ...steered } });
  const { status, headers, body: payload } = outcome.response;
  return new Response(status === 204 || status === 304 || request.method === 'HEAD' ? null : payload, {
    status,
    headers: {
      ...headers,
      'x-specmock-operation': outcome.operation.id.slice(0, 200).replace(/[^\x20-\x7e]/g, '?'),
      ...steered,
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
