import { config } from '../config';
import type { Env } from '../env';
import { accountStub } from './key-account';
import { LeaseBook, type Refusal } from './lease-book';
import type { Decision, Refund } from './policy';

/** This isolate's leases (module scope: shared by every request the isolate serves). */
const book = new LeaseBook();

type Charge = { ok: true; decision?: Decision } | Refusal;

const UNCOUNTED: Charge = { ok: true };

/**
 * Counts one mock call against its owner's quota: usually a token spent from this isolate's lease,
 * with no I/O; a renewal with the owner's Durable Object when the lease is empty. With QUOTAS=off
 * (local mode only) there is no check at all and no decision to report.
 */
export function chargeMockCall(env: Env, owner: string, now: number): Charge | Promise<Charge> {
  if (!config(env).quotas) return UNCOUNTED;
  return book.draw(owner, now, (refunds, want) => accountStub(env, owner).leaseForMock(now, refunds, want));
}

/** Retires this isolate's lease of a key (for usage, a limit change or a revocation). */
export function takeLease(owner: string): Refund[] {
  return book.take(owner);
}
