import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { SANDBOX_PREFIX, unjoined } from '../http/joined-link';
import { fail } from '../http/problem';
import { requestTarget, type RequestTarget } from '../http/request-target';
import type { MockRequest, MockTarget } from '../mock/call';
import type { OperationPlan } from '../mock/plan';
import type { CallInputs, CallResult } from '../mock-call/call-result';
import { serveCall } from '../mock-call/serve-call';
import { plainRequest } from '../mock-call/mock-request';
import { sandboxStub, type SandboxMeta, type Served } from '../sandbox/durable/sandbox-object';

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
  return `${requestTarget(request.url).origin}/sandbox/${id}`;
}

type Pinned = Pick<SandboxMeta, 'owner' | 'api' | 'version' | 'hash'>;

/** What a sandbox serves never changes after creation, so it is memoized per isolate. */
const pinned = new Map<string, Pinned>();

export function forgetSandbox(id: string): void {
  pinned.delete(id);
}

/**
 * ANY /sandbox/{id}/{path…}: the spec's paths, statefully. Admission (version, quota against the
 * creator's key, body) and the answer are every mock call's (worker/mock-call/); the sandbox's
 * object runs the same pure mock with the stateful layer over its items.
 */
export function sandboxRoute(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  target: RequestTarget,
): Promise<Response> {
  // A next link some SDK joined to its base URL is served as the link (joined-link.ts).
  const url = unjoined(target, SANDBOX_PREFIX);
  const m = SANDBOX_PATH.exec(url.pathname);
  if (!m || !isSandboxId(m[1])) fail('sandbox-not-found', 'No such sandbox.');
  const [, id, path = '/'] = m;
  return serveSandbox(request, env, ctx, { id, path, baseUrl: `${url.origin}/sandbox/${id}` }, url);
}

/**
 * One call to a sandbox, whichever URL named it: the path form above, or the sandbox's own host
 * (see serve-host.ts). `path` is the spec's path; `baseUrl` the absolute URL it is relative to.
 */
export async function serveSandbox(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  at: { id: string; path: string; baseUrl: string },
  url: RequestTarget,
): Promise<Response> {
  const { id, path, baseUrl } = at;
  const stub = sandboxStub(env, id);
  const meta = pinned.get(id) ?? (await stub.describe(request.receivedAt));
  if (!meta) fail('sandbox-not-found', 'This sandbox expired, was deleted or never existed.');
  pinned.set(id, { owner: meta.owner, api: meta.api, version: meta.version, hash: meta.hash });
  if (pinned.size > 10_000) pinned.clear();

  const call = { api: meta.api, versionName: meta.version, path, baseUrl, sandboxId: id };
  return serveCall(request, env, ctx, call, url, async (mockRequest, admitted) => {
    // The version was deleted, or the name released and claimed by another key, since creation.
    if (admitted.entry.hash !== meta.hash || admitted.owner !== meta.owner)
      fail('sandbox-not-found', `The version this sandbox served (${meta.api} ${meta.version}) is gone.`);
    // Plain JSON text each way (sandbox-object.ts says why).
    const text = await stub.serve(
      JSON.stringify(plainRequest(mockRequest)),
      request.receivedAt,
      admitted.behaviour,
    );
    const served = JSON.parse(text) as Served;
    if (served.kind === 'gone') {
      forgetSandbox(id);
      fail('sandbox-not-found', 'This sandbox expired or was deleted.');
    }
    return withCall(served, admitted.target, mockRequest);
  });
}

/** The object sends the validated call without the plan's operation; it is found here by its id. */
function withCall(served: CallResult<CallInputs>, target: MockTarget, request: MockRequest): CallResult {
  if (served.kind !== 'answer' || !served.call) return served as CallResult;
  const operation = served.operationId !== undefined ? operationById(target, served.operationId) : undefined;
  if (!operation) return { ...served, call: undefined };
  return { ...served, call: { ...served.call, operation, request } };
}

const operationIndex = new WeakMap<MockTarget, Map<string, OperationPlan>>();

function operationById(target: MockTarget, id: string): OperationPlan | undefined {
  let index = operationIndex.get(target);
  if (!index) {
    index = new Map();
    for (const op of target.plan.operations) if (!index.has(op.id)) index.set(op.id, op);
    operationIndex.set(target, index);
  }
  return index.get(id);
}
