import type { Behaviour } from '../behaviour/settings';
import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { fail } from '../http/problem';
import { queryPairs, type RequestTarget } from '../http/request-target';
import { readMockBody } from '../http/read-mock-body';
import type { MockTarget } from '../mock/call';
import type { RequestBody } from '../mock/validate-request';
import { chargeMockCall } from '../quota/mock-quota';
import { enforce } from '../quota/enforce';
import type { MockSettings } from '../registry/api-settings';
import { locateVersion, type Located } from '../registry/locate-version';
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
  /** The request's method, as sent. */
  method: string;
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
export function admitCall(
  request: AppRequest,
  env: Env,
  at: CallAt,
  url: RequestTarget,
): AdmittedCall | Promise<AdmittedCall> {
  const { api, versionName } = at;
  const located = locateVersion(env, api, versionName, request.receivedAt);
  // A token refusal comes first; a failed lookup must then not go unhandled.
  if (located instanceof Promise) located.catch(() => undefined);
  const sent = queryPairs(url);
  const settings = checkToken(env, api, request, sent);
  const query = withoutMockToken(sent);
  if (!(located instanceof Promise) && !(settings instanceof Promise))
    return admitLocated(request, env, at, query, located, settings.behaviour);
  return (async () => {
    const { behaviour } = await settings;
    return admitLocated(request, env, at, query, await located, behaviour);
  })();
}

/**
 * The quota, the plan and the body of a located call, each started once (the quota is charged once,
 * the body read once) and waited for only when pending: a memoized call makes no promise at all.
 */
function admitLocated(
  request: AppRequest,
  env: Env,
  at: CallAt,
  query: [string, string][],
  located: Located,
  behaviour: Behaviour,
): AdmittedCall | Promise<AdmittedCall> {
  const { owner, version, entry } = located;
  const quota = chargeMockCall(env, owner, request.receivedAt);
  const target = loadTarget(env.SPECS, at.api, version, entry.hash, entry.createdAt);
  const body = readMockBody(request, request.verb);
  if (quota instanceof Promise || target instanceof Promise || body instanceof Promise)
    return Promise.all([quota, target, body]).then(([q, t, b]) =>
      admitted(request, env, at, query, located, behaviour, q, t, b),
    );
  return admitted(request, env, at, query, located, behaviour, quota, target, body);
}

function admitted(
  request: AppRequest,
  env: Env,
  at: CallAt,
  query: [string, string][],
  { owner, version, entry }: Located,
  behaviour: Behaviour,
  quota: Awaited<ReturnType<typeof chargeMockCall>>,
  target: MockTarget | null,
  body: RequestBody | undefined,
): AdmittedCall {
  const { api, path, sandboxId } = at;
  noteCall(request, env, {
    api,
    version,
    sandbox: sandboxId,
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
    method: request.verb,
    version,
    entry,
    owner,
    query,
    behaviour,
    target,
    sandboxId,
    body,
  };
}

/**
 * A private API needs its mock token. Refused: 401 problem+json (CORS is added by the edge like on
 * every response), thrown before any quota is counted. Returns the settings the call runs under, at
 * once when they are memoized.
 */
function checkToken(
  env: Env,
  api: string,
  request: AppRequest,
  query: [string, string][],
): MockSettings | Promise<MockSettings> {
  const settings = mockSettingsFor(env, api, request.receivedAt);
  return settings instanceof Promise
    ? settings.then((s) => checkedToken(api, request, query, s))
    : checkedToken(api, request, query, settings);
}

function checkedToken(
  api: string,
  request: AppRequest,
  query: [string, string][],
  settings: MockSettings,
): MockSettings {
  // A public mock reads no token: most calls never look for one.
  if (settings.visibility === 'public') return settings;
  const token = presentedMockToken(request.headers, query);
  if (!tokenAccepted(settings, token ? hashMockToken(token) : null)) refuseToken(api, token);
  return settings;
}

function refuseToken(api: string, token: string | null): never {
  return fail(
    'mock-token-required',
    token
      ? `The mock token of "${api}" is wrong or was rotated.`
      : `"${api}" is a private mock: send its mock token as X-Specmock-Token or ?__token=.`,
    { headers: { 'www-authenticate': 'SpecmockToken realm="mock"' } },
  );
}
