import type { Behaviour } from '../behaviour/settings';
import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { fail } from '../http/problem';
import { readMockBody } from '../http/read-mock-body';
import type { MockTarget } from '../mock/call';
import type { RequestBody } from '../mock/validate-request';
import { chargeMockCall } from '../quota/mock-quota';
import { enforce } from '../quota/enforce';
import { locateVersion } from '../registry/locate-version';
import { noteCall } from '../request-log/log-call';
import { loadTarget } from '../storage/target-cache';
import { hashMockToken, presentedMockToken, tokenAccepted, withoutMockToken } from './mock-token';
import { mockSettingsFor } from './settings-memo';

/** Which mock a call names, and where: whatever URL form named it (path form or a mock's host). */
export interface CallAt {
  api: string;
  versionName: string;
  /** The spec's path, below `baseUrl`, percent-encoded as received. */
  path: string;
  /** The absolute URL the spec's paths are relative to. */
  baseUrl: string;
  /** Set for calls to a stateful sandbox of the version. */
  sandboxId?: string;
}

/** A mock call that passed admission: which version answers, whose key pays, and its body. */
export interface AdmittedCall {
  api: string;
  version: string;
  entry: { hash: string; createdAt: string };
  owner: string;
  sandboxId?: string;
  body?: RequestBody;
  /** The request's query without the mock token: what the mock validates and seeds, and the log keeps. */
  query: [string, string][];
  /** The API's behaviour settings (latency, injected errors, forced responses). */
  behaviour: Behaviour;
  /** The version's compiled plan. */
  target: MockTarget;
}

/**
 * The one admission of a mock call, stateless or to a sandbox: a private API needs its mock token
 * (401 before anything else, so its version names are no oracle), the version is located, the call
 * is counted against the owner's quota (429 when over), and the plan and the body are read. The
 * quota is asked only once the call is admitted, so strangers never spend the owner's quota; all of
 * it is usually local (settings and mirror are memoized per isolate, the quota is a lease). The call
 * is noted for the request log, whichever way it ends.
 */
export async function admitCall(request: AppRequest, env: Env, at: CallAt, url: URL): Promise<AdmittedCall> {
  const { api, versionName, path, sandboxId } = at;
  const located = locateVersion(env, api, versionName, request.receivedAt);
  located.catch(() => undefined);
  const { behaviour } = await checkToken(env, api, request, url);
  const { owner, version, entry } = await located;
  const [quota, target, body] = await Promise.all([
    chargeMockCall(env, owner, request.receivedAt),
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
  return {
    api,
    version,
    entry,
    owner,
    query,
    behaviour,
    target,
    ...(sandboxId ? { sandboxId } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

/**
 * A private API needs its mock token. Refused: 401 problem+json (CORS is added by the router like on
 * every response), thrown before any quota is counted. Returns the settings the call runs under.
 */
async function checkToken(env: Env, api: string, request: AppRequest, url: URL) {
  const token = presentedMockToken(request.headers, url.searchParams);
  const settings = await mockSettingsFor(env, api, request.receivedAt);
  if (!tokenAccepted(settings, token ? await hashMockToken(token) : null))
    fail(
      'mock-token-required',
      token
        ? `The mock token of "${api}" is wrong or was rotated.`
        : `"${api}" is a private mock: send its mock token as X-Specmock-Token or ?__token=.`,
      { headers: { 'www-authenticate': 'SpecmockToken realm="mock"' } },
    );
  return settings;
}
