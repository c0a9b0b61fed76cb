import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { fail, ProblemError } from '../http/problem';
import { sandboxStub, type SandboxMeta, type Served } from '../sandbox/durable/sandbox-object';
import { amendCall } from '../request-log/log-call';
import { delay, STEERED_HEADER } from '../steering/steered-mock';
import { admitMockCall, answerMockCall, mockRequestOf } from './serve-mock';

const SANDBOX_PATH = /^\/sandbox\/([^/]+)(\/.*)?$/;
const SANDBOX_ID = /^sb_[0-9a-f]{32}$/;

/** 128 random bits: the sandbox URL is as hard to guess as a key. */
export function newSandboxId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `sb_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function isSandboxId(id: string): boolean {
  return SANDBOX_ID.test(id);
}

/** The absolute URL under which a sandbox serves the spec's paths, on the origin the caller used. */
export function sandboxUrl(request: Request, id: string): string {
  return `${new URL(request.url).origin}/sandbox/${id}`;
}

type Pinned = Pick<SandboxMeta, 'owner' | 'api' | 'version' | 'hash'>;

/** What a sandbox serves never changes after creation, so it is memoized per isolate. */
const pinned = new Map<string, Pinned>();

export function forgetSandbox(id: string): void {
  pinned.delete(id);
}

/**
 * ANY /sandbox/{id}/{path…}: the spec's paths, statefully. Admission (version, quota against the
 * creator's key, body) and the answer are the stateless route's own; the sandbox's object then runs
 * the same pure mock with the stateful layer over its items.
 */
export async function sandboxRoute(request: AppRequest, env: Env): Promise<Response> {
  const m = SANDBOX_PATH.exec(new URL(request.url).pathname);
  if (!m || !isSandboxId(m[1])) fail('sandbox-not-found', 'No such sandbox.');
  const [, id, rest = '/'] = m;
  return serveSandbox(request, env, { id, path: rest, baseUrl: sandboxUrl(request, id) });
}

/**
 * One call to a sandbox, whichever URL named it: the path form above, or the sandbox's own host
 * (see serve-host.ts). `path` is the spec's path; `baseUrl` the absolute URL it is relative to.
 */
export async function serveSandbox(
  request: AppRequest,
  env: Env,
  at: { id: string; path: string; baseUrl: string },
): Promise<Response> {
  const { id, path: rest, baseUrl } = at;
  const stub = sandboxStub(env, id);
  const meta = pinned.get(id) ?? (await stub.describe(request.receivedAt));
  if (!meta) fail('sandbox-not-found', 'This sandbox expired, was deleted or never existed.');
  pinned.set(id, { owner: meta.owner, api: meta.api, version: meta.version, hash: meta.hash });
  if (pinned.size > 10_000) pinned.clear();

  const { call } = await admitMockCall(request, env, {
    api: meta.api,
    versionName: meta.version,
    path: rest,
    sandboxId: id,
  });
  // The version was deleted, or the name released and claimed by another key, since creation.
  if (call.entry.hash !== meta.hash || call.owner !== meta.owner)
    fail('sandbox-not-found', `The version this sandbox served (${meta.api} ${meta.version}) is gone.`);
  // RPC typing cannot express Problem's `unknown` extensions; the object returns a Served.
  const served = (await stub.serve(
    mockRequestOf(request, rest, call, baseUrl),
    request.receivedAt,
    call.behaviour,
  )) as Served;
  if (served.kind === 'gone') {
    forgetSandbox(id);
    fail('sandbox-not-found', 'This sandbox expired or was deleted.');
  }
  // The API's behaviour settings apply as on the stateless route (the object decided them).
  const { latencyMs, label } = served.steering;
  const steered: Record<string, string> = label ? { [STEERED_HEADER]: label } : {};
  amendCall(request, {
    operation: served.operationId,
    problems: served.kind === 'problem' ? served.problem.errors : served.problems,
    steered: label ?? undefined,
  });
  await delay(latencyMs);
  if (served.kind === 'problem')
    throw new ProblemError({ ...served.problem, headers: { ...served.problem.headers, ...steered } });
  return answerMockCall(request, served.response, served.operationId, steered);
}
