import { config } from '../config';
import { chargeDelivery } from '../hooks/charge-delivery';
import type { Env } from '../env';
import { deliveriesStub, MAX_DELIVERY_PAGE, type DeliveryQuery } from '../hooks/durable/deliveries-object';
import { draftFor } from '../hooks/draft';
import { readSubscriptions } from '../hooks/subscriptions';
import { forgetSubscriptions } from '../hooks/subscriptions-memo';
import { checkTarget } from '../hooks/target-policy';
import { checkVersionName } from '../http/api-names';
import type { AppRequest } from '../http/app-request';
import { fail } from '../http/problem';
import { queryInteger } from '../http/query-integer';
import type { MockTarget } from '../mock/call';
import { isJsonMediaType } from '../mock/negotiate';
import type { HookPlan } from '../mock/plan';
import { validateValue } from '../mock/validate-schema';
import { latestOf } from '../registry/latest-version';
import { loadTarget } from '../storage/target-cache';
import { ownedState } from './apis';
import { readJsonObject } from './keys';

type Owned = Awaited<ReturnType<typeof ownedState>>;

/** The plan of `version` (default: latest) of an owned API, compiled as mock calls use it. */
async function targetOf(
  env: Env,
  state: Owned,
  version: string | undefined,
): Promise<{ target: MockTarget; version: string }> {
  const name =
    version === undefined || version === 'latest'
      ? (latestOf(state.order).latest ?? '')
      : checkVersionName(version);
  const record = state.versions[name];
  if (!record) fail('version-not-found', `"${state.api}" has no version "${version ?? 'latest'}".`);
  const target = await loadTarget(env.SPECS, state.api, record.version, record.hash, record.createdAt);
  if (!target)
    fail('version-not-found', 'The stored plan of this version is not available yet; retry shortly.');
  return { target, version: record.version };
}

function hookNamed(target: MockTarget, name: string): HookPlan {
  const hook = (target.plan.hooks ?? []).find((h) => h.name === name);
  if (!hook) {
    const names = (target.plan.hooks ?? []).map((h) => h.name);
    fail(
      'webhook-not-found',
      `No webhook or callback is named "${name}"; this version has ${names.length ? names.join(', ') : 'none'}.`,
    );
  }
  return hook;
}

/**
 * POST /v1/apis/{api}/webhooks/{name}/deliveries {url, version?, payload?, seed?} → 202: one
 * delivery now, of a webhook or a callback, signed like every other. A given payload must satisfy
 * the hook's body schema (400 otherwise, every violation listed).
 */
export async function sendWebhook(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const body = await readJsonObject(request);
  if (typeof body.url !== 'string')
    fail('bad-request', '`url` is required: where to send the delivery.', {
      errors: [{ pointer: '/url', message: 'must be a string' }],
    });
  const allowed = checkTarget(body.url, config(env).webhookTargets);
  if (!allowed.ok)
    fail('invalid-webhook-target', `The delivery cannot go to this URL: ${allowed.reason}.`, {
      errors: [{ pointer: '/url', message: allowed.reason }],
    });
  const { target, version } = await targetOf(
    env,
    state,
    typeof body.version === 'string' ? body.version : undefined,
  );
  const hook = hookNamed(target, decodeURIComponent(request.params.name));
  const given = body.payload === undefined ? undefined : givenRequest(target, hook, body.payload);
  if (!(await chargeDelivery(env, state.owner, request.receivedAt)))
    fail('quota-exceeded', 'Deliveries count as mock calls, and this key’s mock quota is used up.');
  const draft = draftFor(target, hook, {
    version,
    on: 'api',
    url: body.url,
    seed: typeof body.seed === 'string' ? body.seed : `${Date.now()}`,
    policy: config(env).webhookTargets,
    ...(given ? { request: given } : {}),
  });
  const [delivery] = await deliveriesStub(env, state.api).enqueue([draft]);
  return Response.json(delivery, { status: 202 });
}

function givenRequest(target: MockTarget, hook: HookPlan, payload: unknown) {
  const content = hook.operation.requestBody?.content ?? {};
  const type = Object.keys(content).find(isJsonMediaType) ?? 'application/json';
  const schema = content[type]?.schema;
  const violations = schema === undefined ? [] : validateValue(schema, target.plan.defs, payload);
  if (violations.length > 0)
    fail('invalid-payload', `The payload does not match the body schema of ${hook.name}; see errors[].`, {
      errors: violations.map((v) => ({ pointer: `/payload${v.pointer}`, message: v.message })),
    });
  return {
    method: hook.operation.method.toUpperCase(),
    headers: { 'content-type': type },
    body: JSON.stringify(payload),
  };
}

/** GET /v1/apis/{api}/deliveries?limit&after&webhook&status: newest first. */
export async function listDeliveries(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const params = new URL(request.url).searchParams;
  const query: DeliveryQuery = {};
  const limit = params.get('limit');
  if (limit !== null) query.limit = queryInteger('limit', limit, 1, MAX_DELIVERY_PAGE);
  const after = params.get('after');
  if (after !== null) query.after = queryInteger('after', after, 0, Number.MAX_SAFE_INTEGER);
  const webhook = params.get('webhook');
  if (webhook !== null) query.webhook = webhook.slice(0, 300);
  const status = params.get('status');
  if (status !== null) query.status = status.slice(0, 20);
  return Response.json({ deliveries: await deliveriesStub(env, state.api).list(query) });
}

/** GET /v1/apis/{api}/deliveries/{id}: the request sent, every attempt, the receiver's answer. */
export async function getDelivery(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const delivery = await deliveriesStub(env, state.api).get(request.params.id);
  if (!delivery) fail('delivery-not-found', `"${state.api}" has no delivery "${request.params.id}".`);
  return Response.json(delivery);
}

/** POST /v1/apis/{api}/deliveries/{id}/redeliver → 202: the same request again, as a new delivery. */
export async function redeliver(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const stub = deliveriesStub(env, state.api);
  const old = await stub.get(request.params.id);
  if (!old) fail('delivery-not-found', `"${state.api}" has no delivery "${request.params.id}".`);
  const allowed = checkTarget(old.url, config(env).webhookTargets);
  if (!allowed.ok) fail('invalid-webhook-target', `The delivery cannot go to this URL: ${allowed.reason}.`);
  if (!(await chargeDelivery(env, state.owner, request.receivedAt)))
    fail('quota-exceeded', 'Deliveries count as mock calls, and this key’s mock quota is used up.');
  return Response.json(await stub.redeliver(old.id), { status: 202 });
}

/** GET /v1/apis/{api}/webhook-subscriptions. */
export async function getSubscriptions(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  return Response.json({ subscriptions: await deliveriesStub(env, state.api).subscriptions() });
}

/** PUT /v1/apis/{api}/webhook-subscriptions {subscriptions: [{webhook, url, on?}]}: replaces them all. */
export async function putSubscriptions(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const { target } = await targetOf(env, state, undefined);
  const operations = new Set(target.plan.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`));
  const read = readSubscriptions(await readJsonObject(request), target.plan.hooks ?? [], operations);
  if (!read.ok)
    fail('bad-request', 'The subscriptions are not valid; see errors[].', { errors: read.errors });
  const policy = config(env).webhookTargets;
  const refused = read.list.flatMap((s, i) => {
    const checked = checkTarget(s.url, policy);
    return checked.ok ? [] : [{ pointer: `/subscriptions/${i}/url`, message: checked.reason }];
  });
  if (refused.length > 0)
    fail('invalid-webhook-target', 'A subscription names a URL deliveries cannot go to; see errors[].', {
      errors: refused,
    });
  const stored = await deliveriesStub(env, state.api).setSubscriptions(read.list);
  forgetSubscriptions(state.api);
  return Response.json({ subscriptions: stored });
}

/** POST /v1/apis/{api}/webhook-secret: a new signing secret; the old one signs nothing more. */
export async function rotateWebhookSecret(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  return Response.json({ webhookSecret: await deliveriesStub(env, state.api).rotateSecret() });
}
