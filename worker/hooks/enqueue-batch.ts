import type { Env } from '../env';
import { WindowedBatches } from '../util/windowed-batches';
import type { DeliveryDraft } from './delivery';
import { deliveriesStub } from './durable/deliveries-object';

/** Makes the drafts of one call's deliveries: payloads, subscriptions, quota (see fire.ts). */
export type DraftJob = () => Promise<DeliveryDraft[]>;

/**
 * Deliveries fired by mock calls are made and stored in batches (windowed-batches.ts). A call only
 * leaves a job; after the window, the batch makes the drafts of every job and stores them in one
 * round trip to the API's Deliveries object. Making a payload right after each answer cost a caller
 * sending calls back to back that time on its next call; a round trip per call cost a third of the
 * throughput. A window adds at most its length to a callback's arrival.
 */
const deliveries = new WindowedBatches<DraftJob[]>({
  windowMs: 10,
  create: () => [],
  isFull: (jobs) => jobs.length >= 100,
  write: flush,
});

export function batchDeliveries(env: Env, ctx: ExecutionContext, api: string, job: DraftJob): void {
  deliveries.join(env, ctx, api).push(job);
}

async function flush(env: Env, api: string, batch: DraftJob[]): Promise<void> {
  const drafts: DeliveryDraft[] = [];
  // One job's failure (a payload that cannot be made throws nowhere, but a quota round trip can)
  // must not drop the others' deliveries.
  for (const job of batch) drafts.push(...(await job().catch(() => [])));
  if (drafts.length > 0) await deliveriesStub(env, api).enqueue(drafts);
}
