import type { Env } from '../env';
import { accountStub } from '../quota/key-account';
import { checkApiName, checkVersionName } from '../http/api-names';
import { fail } from '../http/problem';
import type { VersionRecord } from '../registry/api-registry';
import { readPlan } from '../storage/specs';
import { sourceListing, versionSource } from './version-source';
import { forgetMirror } from '../storage/target-cache';
import { callerOf } from '../auth/with-key';
import type { AppRequest } from '../http/app-request';
import { describeOperations } from '../mock/describe-operations';
import { hostUrlField, mockUrl } from '../http/mock-url';
import { config } from '../config';
import { registryStub } from '../registry/api-registry';
import { requestLogStub } from '../request-log/request-log';
import { deliveriesStub } from '../hooks/durable/deliveries-object';
import { describeHooks } from '../hooks/describe-hooks';
import { accessOf } from './visibility';
import { latestOf } from '../registry/latest-version';

/** GET /v1/apis: the caller's APIs with their latest version. */
export async function listApis(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const states = await Promise.all(caller.account.apis.map((api) => registryStub(env, api).describe()));
  const apis = states.flatMap((s) => {
    if (!s || s.owner !== caller.account.id) return [];
    const { latest } = latestOf(s.order);
    return [
      {
        api: s.api,
        latest,
        versions: s.order.length,
        updatedAt: latest ? s.versions[latest].createdAt : s.createdAt,
      },
    ];
  });
  return Response.json({ apis });
}

export async function ownedState(request: AppRequest, env: Env, api: string) {
  const caller = callerOf(request);
  const state = await registryStub(env, checkApiName(api)).describe();
  // Another tenant's API is indistinguishable from a missing one: names are not an oracle.
  if (!state || state.owner !== caller.account.id) fail('api-not-found', `You have no API named "${api}".`);
  return state;
}

/**
 * GET /v1/apis/{api}: the API and its versions, most recently published first, with `latest` and
 * the rule that chose it (`semver` when every version is a semantic version, else `last-published`).
 */
export async function getApi(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const versions = [...state.order].reverse().map((v) => summary(request, env, state.api, state.versions[v]));
  const { latest, rule } = latestOf(state.order);
  return Response.json({
    api: state.api,
    latest,
    latestRule: rule,
    latestUrl: mockUrl(request, state.api, 'latest'),
    ...latestHostUrl(request, env, state.api),
    createdAt: state.createdAt,
    ...(await accessOf(request, env, state.api)),
    webhookSecret: await deliveriesStub(env, state.api).secret(),
    versions,
  });
}

function summary(request: Request, env: Env, api: string, r: VersionRecord) {
  return {
    version: r.version,
    createdAt: r.createdAt,
    operations: r.operations,
    title: r.title,
    infoVersion: r.infoVersion,
    dialect: r.dialect,
    mockUrl: mockUrl(request, api, r.version),
    ...hostUrlField('hostUrl', request, config(env).mockDomain, { kind: 'api', api, version: r.version }),
  };
}

function latestHostUrl(request: Request, env: Env, api: string) {
  return hostUrlField('latestHostUrl', request, config(env).mockDomain, {
    kind: 'api',
    api,
    version: 'latest',
  });
}

/** GET /v1/apis/{api}/versions/{version}: metadata and operations; `?format=source` for the upload. */
export async function getVersion(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const wanted =
    request.params.version === 'latest'
      ? (latestOf(state.order).latest ?? '')
      : checkVersionName(request.params.version);
  const record = state.versions[wanted];
  if (!record) fail('version-not-found', `"${state.api}" has no version "${request.params.version}".`);
  const query = new URL(request.url).searchParams;
  if (query.get('format') === 'source') return versionSource(env.SPECS, state.api, record, query.get('file'));
  const stored = await readPlan(env.SPECS, state.api, record.version, record.hash);
  if (!stored)
    fail('version-not-found', 'The stored plan of this version is not available yet; retry shortly.');
  return Response.json({
    api: state.api,
    ...summary(request, env, state.api, record),
    latestUrl: mockUrl(request, state.api, 'latest'),
    ...latestHostUrl(request, env, state.api),
    hash: record.hash,
    warnings: record.warnings,
    operations: describeOperations(stored.plan, Date.parse(record.createdAt)),
    securitySchemes: stored.plan.securitySchemes,
    webhooks: describeHooks(stored.plan),
    ...(await sourceListing(env.SPECS, state.api, record)),
  });
}

/** DELETE /v1/apis/{api}/versions/{version}. */
export async function deleteVersion(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const api = checkApiName(request.params.api);
  const version = checkVersionName(request.params.version);
  const result = await registryStub(env, api).removeVersion(caller.account.id, version);
  if (result === 'forbidden') fail('not-owner', `The API "${api}" belongs to another key.`);
  if (result === 'not-found') fail('version-not-found', `"${api}" has no version "${version}".`);
  forgetMirror(api);
  return new Response(null, { status: 204 });
}

/** DELETE /v1/apis/{api}: every version, and the name is released. */
export async function deleteApi(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const api = checkApiName(request.params.api);
  const result = await registryStub(env, api).removeApi(caller.account.id);
  if (result === 'forbidden') fail('not-owner', `The API "${api}" belongs to another key.`);
  if (result === 'not-found') fail('api-not-found', `You have no API named "${api}".`);
  await Promise.all([
    accountStub(env, caller.account.id).removeApi(api),
    requestLogStub(env, api).clear(),
    deliveriesStub(env, api).clear(),
  ]);
  forgetMirror(api);
  return new Response(null, { status: 204 });
}
