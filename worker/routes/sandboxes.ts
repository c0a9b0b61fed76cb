import { callerOf } from '../auth/with-key';
import { config } from '../config';
import type { Env } from '../env';
import { checkApiName, checkVersionName } from '../http/api-names';
import type { AppRequest } from '../http/app-request';
import { fail } from '../http/problem';
import { registryStub } from '../registry/api-registry';
import { sandboxIndexStub } from '../sandbox/durable/sandbox-index';
import { sandboxStub, type SandboxMeta } from '../sandbox/durable/sandbox-object';
import { forgetSandbox, isSandboxId, newSandboxId, sandboxUrl } from './serve-sandbox';
import { readJsonObject } from './keys';
import { hostUrlField } from '../http/mock-url';

const DEFAULT_TTL_SECONDS = 86_400;
const MIN_TTL_SECONDS = 60;
const MAX_TTL_SECONDS = 7 * 86_400;
const MAX_SEED_LENGTH = 200;

/** POST /v1/sandboxes: a stateful sandbox of one of the caller's versions. */
export async function createSandbox(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const body = await readJsonObject(request);
  if (typeof body.api !== 'string')
    fail('bad-request', 'Name the API: {"api": "petstore", "version": "latest"}.');
  const api = checkApiName(body.api);
  const versionName = checkVersionName(typeof body.version === 'string' ? body.version : 'latest', {
    allowLatest: true,
  });
  const seed = body.seed ?? '';
  if (typeof seed !== 'string' || seed.length > MAX_SEED_LENGTH)
    fail('bad-request', `"seed" must be a string of at most ${MAX_SEED_LENGTH} characters.`);
  const ttlSeconds = body.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (
    !Number.isInteger(ttlSeconds) ||
    (ttlSeconds as number) < MIN_TTL_SECONDS ||
    (ttlSeconds as number) > MAX_TTL_SECONDS
  )
    fail('bad-request', `"ttlSeconds" must be an integer from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}.`);

  const state = await registryStub(env, api).describe();
  if (!state) fail('api-not-found', `No API named "${api}" is published here.`);
  if (state.owner !== caller.account.id) fail('not-owner', `The API "${api}" belongs to another key.`);
  const version = versionName === 'latest' ? state.order.at(-1) : versionName;
  const record = version ? state.versions[version] : undefined;
  if (!version || !record) fail('version-not-found', `"${api}" has no version "${versionName}".`);

  const id = await chosenId(body.id, env, request.receivedAt);
  const createdAt = new Date(request.receivedAt).toISOString();
  const admitted = await sandboxIndexStub(env, caller.account.id).add(
    { id, api, version, createdAt },
    config(env).maxSandboxesPerKey,
  );
  if (!admitted)
    fail(
      'limit-reached',
      `A key holds at most ${config(env).maxSandboxesPerKey} sandboxes; delete one first.`,
    );
  const meta: SandboxMeta = {
    id,
    owner: caller.account.id,
    api,
    version,
    hash: record.hash,
    versionCreatedAt: record.createdAt,
    seed: seed as string,
    ttlSeconds: ttlSeconds as number,
    createdAt,
    expiresAt: request.receivedAt + (ttlSeconds as number) * 1000,
  };
  await sandboxStub(env, id).init(meta);
  return Response.json(view(request, env, meta), {
    status: 201,
    headers: { location: `/v1/sandboxes/${id}` },
  });
}

/**
 * A new sandbox's id: random, except for the one sandbox the deployment's ROOT_MOCK names, which
 * may be created under that id while it does not exist (local mode serves it at its port's root).
 */
async function chosenId(wanted: unknown, env: Env, now: number): Promise<string> {
  if (wanted === undefined) return newSandboxId();
  const root = config(env).rootMock;
  if (root?.kind !== 'sandbox' || wanted !== root.id)
    fail('bad-request', 'A sandbox id is chosen by the service; leave "id" out.');
  if (await sandboxStub(env, root.id).describe(now))
    fail('bad-request', `The sandbox "${root.id}" already exists.`);
  return root.id;
}

/** GET /v1/sandboxes: the caller's live sandboxes, newest first; `?api=` narrows to one API. */
export async function listSandboxes(request: AppRequest, env: Env): Promise<Response> {
  const caller = callerOf(request);
  const only = new URL(request.url).searchParams.get('api');
  const entries = (await sandboxIndexStub(env, caller.account.id).list()).filter(
    (e) => !only || e.api === only,
  );
  const metas: (SandboxMeta | null)[] = await Promise.all(
    entries.map((e) => sandboxStub(env, e.id).describe(request.receivedAt)),
  );
  const sandboxes = metas
    .filter((m): m is SandboxMeta => m !== null && m.owner === caller.account.id)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((m) => view(request, env, m));
  return Response.json({ sandboxes });
}

/** GET /v1/sandboxes/{id}. */
export async function getSandbox(request: AppRequest, env: Env): Promise<Response> {
  return Response.json(view(request, env, await owned(request, env)));
}

/** DELETE /v1/sandboxes/{id}: the sandbox and all its items, at once. */
export async function deleteSandbox(request: AppRequest, env: Env): Promise<Response> {
  const meta = await owned(request, env);
  await sandboxStub(env, meta.id).destroy();
  await sandboxIndexStub(env, meta.owner).remove(meta.id);
  forgetSandbox(meta.id);
  return new Response(null, { status: 204 });
}

/** POST /v1/sandboxes/{id}/reset: back to the seeded start. */
export async function resetSandbox(request: AppRequest, env: Env): Promise<Response> {
  const meta = await owned(request, env);
  const reset = await sandboxStub(env, meta.id).reset(request.receivedAt);
  if (!reset) fail('sandbox-not-found', 'This sandbox expired or was deleted.');
  return Response.json(view(request, env, reset));
}

/** The sandbox of the path, which must belong to the caller (403 for another key's). */
async function owned(request: AppRequest, env: Env): Promise<SandboxMeta> {
  const caller = callerOf(request);
  const id = request.params.id;
  const meta = isSandboxId(id) ? await sandboxStub(env, id).describe(request.receivedAt) : null;
  if (!meta)
    fail('sandbox-not-found', `No sandbox "${id.slice(0, 80)}": it expired, was deleted or never existed.`);
  if (meta.owner !== caller.account.id) fail('forbidden', 'This sandbox belongs to another key.');
  return meta;
}

function view(request: Request, env: Env, meta: SandboxMeta) {
  return {
    id: meta.id,
    sandboxUrl: sandboxUrl(request, meta.id),
    ...hostUrlField('hostUrl', request, config(env).mockDomain, { kind: 'sandbox', id: meta.id }),
    api: meta.api,
    version: meta.version,
    seed: meta.seed,
    ttlSeconds: meta.ttlSeconds,
    createdAt: meta.createdAt,
    expiresAt: new Date(meta.expiresAt).toISOString(),
  };
}
