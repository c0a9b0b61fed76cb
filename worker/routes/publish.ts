import type { Env } from '../env';
import { config } from '../config';
import { accountStub } from '../quota/key-account';
import { checkApiName, checkVersionName } from '../http/api-names';
import { fail } from '../http/problem';
import { MAX_VERSIONS_PER_API, registryStub, type VersionRecord } from '../registry/api-registry';
import { deleteVersionBlobs, putVersionBlobs } from '../storage/specs';
import { forgetMirror } from '../storage/target-cache';
import { callerOf } from '../auth/with-key';
import type { AppRequest } from '../http/app-request';
import { hostUrlField, mockUrl } from '../http/mock-url';
import { diffOnPublish, readFailOn, type PublishDiff } from './publish-diff';
import { readUpload } from '../upload/read-upload';
import { preparePublish, type PreparedPublish } from '../upload/prepare-publish';

/**
 * PUT /v1/apis/{api}/versions/{version}. An early ownership/immutability check on the content hash
 * (so CI re-publishing an unchanged spec costs no ingest), then ingest (nothing is stored for a
 * rejected document), then the blobs, then the registry's serialized commit.
 */
export async function publish(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const api = checkApiName(request.params.api);
  const version = checkVersionName(request.params.version);
  const cfg = config(env);
  const upload = await readUpload(request, {
    maxRequestBytes: cfg.maxSpecBytes,
    maxFiles: cfg.maxUploadFiles,
    maxTotalBytes: cfg.maxUploadBytes,
    maxFileBytes: cfg.maxSpecBytes,
  });
  const prepared = await preparePublish(upload);
  const strict = new URL(request.url).searchParams.get('strict') === 'true';
  const failOn = readFailOn(new URL(request.url));

  const owner = caller.account.id;
  const registry = registryStub(env, api);
  const early = await registry.check(owner, version, prepared.hash);
  if (early.result === 'same' && early.record)
    return published(request, env, api, early.record, 200, prepared);
  refuse(early.result, api, version);
  if (!caller.account.apis.includes(api) && caller.account.apis.length >= cfg.maxApisPerKey) {
    fail(
      'limit-reached',
      `This key already owns ${cfg.maxApisPerKey} APIs; delete one (DELETE /v1/apis/{api}) before creating another.`,
    );
  }
  const ingested = await prepared.ingest({ strict });
  // Against the previous latest, before anything is stored: `failOn` may refuse the publish.
  const diff = await diffOnPublish(request, env, { api, version, plan: ingested.plan, failOn });

  const record: VersionRecord = {
    version,
    hash: ingested.hash,
    createdAt: new Date(request.receivedAt).toISOString(),
    operations: ingested.plan.operations.length,
    title: ingested.plan.title,
    infoVersion: ingested.plan.infoVersion,
    dialect: ingested.plan.dialect,
    warnings: ingested.warnings.slice(0, 200),
    ...(prepared.files ? { source: prepared.files.record } : {}),
  };
  await putVersionBlobs(env.SPECS, api, version, ingested.hash, {
    planJson: JSON.stringify(ingested.plan),
    ...prepared.blobs,
  });
  const committed = await registry.commit(api, owner, record);
  if (committed.result === 'same' && committed.record)
    return published(request, env, api, committed.record, 200, prepared);
  if (committed.result !== 'new') {
    // Lost a race to a different upload: our blobs are referenced by nothing, so remove them.
    await deleteVersionBlobs(env.SPECS, api, version, ingested.hash);
    refuse(committed.result, api, version);
  }
  await accountStub(env, owner).addApi(api);
  forgetMirror(api);
  return published(request, env, api, record, 201, prepared, diff);
}

function refuse(result: string, api: string, version: string): void {
  if (result === 'forbidden')
    fail('not-owner', `The API "${api}" belongs to another key; choose another name.`);
  if (result === 'full')
    fail(
      'limit-reached',
      `"${api}" already has ${MAX_VERSIONS_PER_API} versions; delete old ones before publishing more.`,
    );
  if (result === 'conflict') {
    fail(
      'version-conflict',
      `Version "${version}" of "${api}" already exists with different content. Versions are immutable: publish under a new version name.`,
      {
        extensions: { api, version },
      },
    );
  }
}

function published(
  request: Request,
  env: Env,
  api: string,
  record: VersionRecord,
  status: 200 | 201,
  prepared: PreparedPublish,
  diff?: PublishDiff,
): Response {
  const { mockDomain } = config(env);
  return Response.json(
    {
      api,
      version: record.version,
      mockUrl: mockUrl(request, api, record.version),
      latestUrl: mockUrl(request, api, 'latest'),
      ...hostUrlField('hostUrl', request, mockDomain, { kind: 'api', api, version: record.version }),
      ...hostUrlField('latestHostUrl', request, mockDomain, { kind: 'api', api, version: 'latest' }),
      operations: record.operations,
      warnings: record.warnings,
      createdAt: record.createdAt,
      unchanged: status === 200,
      ...(prepared.files ? { files: prepared.files.answer } : {}),
      ...(diff ? { diff } : {}),
    },
    { status, headers: { location: `/v1/apis/${api}/versions/${record.version}` } },
  );
}
