import type { Env } from '../env';
import { deliveriesStub } from './durable/deliveries-object';
import type { Subscription } from './subscriptions';

/**
 * Per-isolate memo of each API's webhook subscriptions, asked of its Deliveries object (the source of
 * truth) at most once per second per isolate: every 2xx of an API that declares webhooks needs them,
 * and a round trip per call cost a fifth of the call's throughput. As with the behaviour settings
 * (settings-memo.ts), a change applies at once in the isolate that made it and in every other one
 * within SUBSCRIPTIONS_MEMO_MS. Only resolved values are kept (workerd forbids awaiting another
 * request's I/O).
 */
const SUBSCRIPTIONS_MEMO_MS = 1_000;
const memo = new Map<string, { list: Subscription[]; until: number }>();

export async function subscriptionsFor(env: Env, api: string, now: number): Promise<Subscription[]> {
  const hit = memo.get(api);
  if (hit && hit.until > now) return hit.list;
  const list = await deliveriesStub(env, api).subscriptions();
  if (memo.size > 1000) memo.clear();
  memo.set(api, { list, until: now + SUBSCRIPTIONS_MEMO_MS });
  return list;
}

/** Called by the route that replaces subscriptions, so this isolate sees its own write at once. */
export function forgetSubscriptions(api: string): void {
  memo.delete(api);
}
