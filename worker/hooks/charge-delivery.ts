import type { Env } from '../env';
import { chargeMockCall } from '../quota/mock-quota';

/** A delivery (not each retry) counts as one mock call of the API's owner; false when over quota. */
export async function chargeDelivery(env: Env, owner: string, now: number): Promise<boolean> {
  const charged = await chargeMockCall(env, owner, now);
  return charged.ok && charged.decision?.allowed !== false;
}
