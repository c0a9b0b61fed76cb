import type { Env } from '../env';
import type { DeliveryDraft } from './delivery';
import { deliveriesStub } from './durable/deliveries-object';

/**
 * Deliveries fired by mock calls reach the API's Deliveries object in batches: the first call of a
 * burst waits BATCH_WINDOW_MS (in its own waitUntil, after its answer) and sends every draft the
 * isolate fired for that API meanwhile in one round trip. One round trip per call cost the calls a
 * third of their throughput; a window adds at most its length to a callback's arrival. Only plain
 * data crosses requests here: the round trip is made from the first call's context.
 */
const BATCH_WINDOW_MS = 10;
const MAX_BATCH = 100;
const pending = new Map<string, DeliveryDraft[]>();

export async function enqueueBatched(env: Env, api: string, drafts: DeliveryDraft[]): Promise<void> {
  const open = pending.get(api);
  if (open && open.length + drafts.length <= MAX_BATCH) {
    open.push(...drafts);
    return;
  }
  const batch = [...drafts];
  pending.set(api, batch);
  await new Promise((resolve) => setTimeout(resolve, BATCH_WINDOW_MS));
  if (pending.get(api) === batch) pending.delete(api);
  await deliveriesStub(env, api).enqueue(batch);
}
