import { config } from '../config';
import type { Env } from '../env';
import type { AnsweredCall } from '../mock-call/after-answer';
import type { HookPlan, JsonValue } from '../mock/plan';
import type { ValidatedCall } from '../mock/state-layer';
import { isPlain } from '../mock/realism/reflect';
import { chargeDelivery } from './charge-delivery';
import { draftFor } from './draft';
import { batchDeliveries } from './enqueue-batch';
import { subscriptionsFor } from './subscriptions-memo';
import { evaluate, type ExpressionInput } from './runtime-expression';
import { hookIndex, type IndexedCallback } from './hook-index';
import type { DeliveryDraft } from './delivery';

/**
 * After a 2xx of an operation that declares callbacks, each callback is sent to the URL its
 * expression names on this call; after a 2xx of an operation a subscription is `on`, its webhook is
 * sent. Both carry the call's values where their body has members of the same names (the answered
 * body first: in a sandbox that is the stored item). All of it runs in `waitUntil`, after the answer,
 * in batches (enqueue-batch.ts).
 */
export function fireHooks(env: Env, ctx: ExecutionContext, answered: AnsweredCall): void {
  const { call } = answered;
  if (!answered.target.plan.hooks || !call || answered.status < 200 || answered.status >= 300) return;
  const index = hookIndex(answered.target.plan);
  const callbacks = index.callbacks.get(call.operation.id) ?? [];
  if (callbacks.length === 0 && index.webhooks.size === 0) return;
  // Nothing is made now: the drafts are made with the batch, after the window (enqueue-batch.ts).
  batchDeliveries(env, ctx, answered.api, () => draftsOf(env, answered, call, callbacks, index.webhooks));
}

async function draftsOf(
  env: Env,
  answered: AnsweredCall,
  call: ValidatedCall,
  callbacks: IndexedCallback[],
  webhooks: Map<string, HookPlan>,
): Promise<DeliveryDraft[]> {
  const on = `${call.operation.method.toUpperCase()} ${call.operation.path}`;
  const subscriptions =
    webhooks.size > 0
      ? (await subscriptionsFor(env, answered.api, Date.now())).filter((s) => s.on === on)
      : [];
  if (callbacks.length === 0 && subscriptions.length === 0) return [];
  const input = expressionInput(answered, call);
  const common = {
    version: answered.version,
    on,
    ...(answered.sandboxId ? { sandboxId: answered.sandboxId } : {}),
    seed: `${answered.request.method} ${answered.request.path} ${answered.body ?? ''}`.slice(0, 512),
    values: merged(input.request.body, input.response.body),
    policy: config(env).webhookTargets,
  };
  const drafts: DeliveryDraft[] = [];
  for (const { hook, template } of callbacks) {
    const url = template ? evaluate(template, input) : { ok: false as const, missing: 'a valid expression' };
    drafts.push(
      draftFor(answered.target, hook, {
        ...common,
        url: url.ok ? url.value : (hook.expression ?? ''),
        ...(url.ok
          ? {}
          : {
              refused: `the callback URL ${hook.expression} has no value on this call (${url.missing} is missing)`,
            }),
      }),
    );
  }
  for (const sub of subscriptions) {
    const hook = webhooks.get(sub.webhook);
    if (hook) drafts.push(draftFor(answered.target, hook, { ...common, url: sub.url }));
  }
  for (const draft of drafts)
    if (!draft.refused && !(await chargeDelivery(env, answered.owner, Date.now())))
      draft.refused = "the API owner's mock quota is used up";
  return drafts;
}

function expressionInput(answered: AnsweredCall, call: ValidatedCall): ExpressionInput {
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
  if (isPlain(request) && isPlain(response)) return { ...request, ...response };
  return isPlain(response) ? response : request;
}
