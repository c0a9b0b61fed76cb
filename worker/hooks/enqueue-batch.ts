import type { Env } from '../env';
import type { DeliveryDraft } from './delivery';
import { deliveriesStub } from './durable/deliveries-object';

/** Makes the drafts of one call's deliveries: payloads, subscriptions, quota (see fire.ts). */
export type DraftJob = () => Promise<DeliveryDraft[]>;

/**
 * Deliveries fired by mock calls are made and stored in batches. A call only leaves a job; the first
 * call of a burst waits BATCH_WINDOW_MS (in its own waitUntil, after its answer), then makes the
 * drafts of every job the isolate left for that API meanwhile and stores them in one round trip to
 * the API's Deliveries object. Making a payload right after each answer cost a caller sending calls
 * back to back that time on its next call; a round trip per call cost a third of the throughput. A
 * window adds at most its length to a callback's arrival. Only plain data crosses requests here:
 * the jobs run, and the round trip is made, in the first call's context.
 */
const BATCH_WINDOW_MS = 10;
const MAX_BATCH = 100;
const pending = new Map<string, DraftJob[]>();

export function batchDeliveries(env: Env, ctx: ExecutionContext, api: string, job: DraftJob): void {
  const open = pending.get(api);
  if (open && open.length < MAX_BATCH) {
    open.push(job);
    return;
  }
  const batch = [job];
  pending.set(api, batch);
  ctx.waitUntil(
    new Promise((resolve) => setTimeout(resolve, BATCH_WINDOW_MS))
      .then(() => flush(env, api, batch))
      .catch(() => undefined),
  );
}

async function flush(env: Env, api: string, batch: DraftJob[]): Promise<void> {
  if (pending.get(api) === batch) pending.delete(api);
  const drafts: DeliveryDraft[] = [];
  // One job's failure (a payload that cannot be made throws nowhere, but a quota round trip can)
  // must not drop the others' deliveries.
  for (const job of batch) drafts.push(...(await job().catch(() => [])));
  if (drafts.length > 0) await deliveriesStub(env, api).enqueue(drafts);
}
