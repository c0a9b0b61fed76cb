import { config } from '../config';
import type { Env } from '../env';
import type { AnsweredCall } from '../mock-call/after-answer';
import type { HookPlan, JsonValue } from '../mock/plan';
import { chargeMockCall } from '../quota/mock-quota';
import { draftFor } from './draft';
import { enqueueBatched } from './enqueue-batch';
import { subscriptionsFor } from './subscriptions-memo';
import { parseTemplate, evaluate, type ExpressionInput } from './runtime-expression';
import type { DeliveryDraft } from './delivery';

/**
 * After a 2xx of an operation that declares callbacks, each callback is sent to the URL its
 * expression names on this call; after a 2xx of an operation a subscription is `on`, its webhook is
 * sent. Both carry the call's values where their body has members of the same names (the answered
 * body first: in a sandbox that is the stored item). All of it runs in `waitUntil`, after the answer.
 */
export function fireHooks(env: Env, ctx: ExecutionContext, answered: AnsweredCall): void {
  const hooks = answered.target.plan.hooks;
  const call = answered.call;
  if (!hooks || !call || answered.status < 200 || answered.status >= 300) return;
  const callbacks = hooks.filter((h) => h.kind === 'callback' && h.trigger === call.operation.id);
  const subscribable = hooks.some((h) => h.kind === 'webhook');
  if (callbacks.length === 0 && !subscribable) return;
  ctx.waitUntil(fire(env, answered, callbacks, subscribable).catch(() => undefined));
}

async function fire(
  env: Env,
  answered: AnsweredCall,
  callbacks: HookPlan[],
  subscribable: boolean,
): Promise<void> {
  const call = answered.call!;
  const on = `${call.operation.method.toUpperCase()} ${call.operation.path}`;
  const subscriptions = subscribable
    ? (await subscriptionsFor(env, answered.api, Date.now())).filter((s) => s.on === on)
    : [];
  if (callbacks.length === 0 && subscriptions.length === 0) return;
  const input = expressionInput(answered);
  const values = merged(input.request.body, input.response.body);
  const policy = config(env).webhookTargets;
  const base = {
    version: answered.version,
    on,
    ...(answered.sandboxId ? { sandboxId: answered.sandboxId } : {}),
  };
  const seed = `${answered.request.method} ${answered.request.path} ${answered.body ?? ''}`.slice(0, 512);
  const drafts: DeliveryDraft[] = [];
  for (const hook of callbacks) {
    const template = parseTemplate(hook.expression ?? '');
    const url = template ? evaluate(template, input) : { ok: false as const, missing: 'a valid expression' };
    const target = url.ok ? url.value : (hook.expression ?? '');
    const unresolved = url.ok
      ? undefined
      : `the callback URL ${hook.expression} has no value on this call (${url.missing} is missing)`;
    drafts.push(
      draftFor(answered.target, hook, {
        ...base,
        url: target,
        seed,
        values,
        policy,
        ...(unresolved ? { refused: unresolved } : {}),
      }),
    );
  }
  for (const sub of subscriptions) {
    const hook = hooks(answered).find((h) => h.kind === 'webhook' && h.name === sub.webhook);
    if (hook) drafts.push(draftFor(answered.target, hook, { ...base, url: sub.url, seed, values, policy }));
  }
  for (const draft of drafts) {
    if (draft.refused) continue;
    const charged = await chargeMockCall(env, answered.owner, Date.now());
    if (!charged.ok || charged.decision?.allowed === false)
      draft.refused = "the API owner's mock quota is used up";
  }
  await enqueueBatched(env, answered.api, drafts);
}

const hooks = (answered: AnsweredCall): HookPlan[] => answered.target.plan.hooks ?? [];

function expressionInput(answered: AnsweredCall): ExpressionInput {
  const call = answered.call!;
  const { request } = answered;
  const query = request.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return {
    url: `${request.baseUrl ?? ''}${request.path}${query ? `?${query}` : ''}`,
    method: request.method,
    statusCode: answered.status,
    request: {
      headers: request.headers,
      query: request.query,
      path: call.pathParams,
      body: call.body ?? (request.fields ? Object.fromEntries(request.fields) : undefined),
    },
    response: { headers: answered.headers, body: parsed(answered.body) },
  };
}

function parsed(body: string | null): JsonValue | undefined {
  if (body === null || body === '') return undefined;
  try {
    return JSON.parse(body) as JsonValue;
  } catch {
    return undefined;
  }
}

/** The answered body's members over the request's: the stored item's values win in a sandbox. */
function merged(request: JsonValue | undefined, response: JsonValue | undefined): JsonValue | undefined {
  const isObject = (v: JsonValue | undefined): v is Record<string, JsonValue> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(request) && isObject(response)) return { ...request, ...response };
  return isObject(response) ? response : request;
}
