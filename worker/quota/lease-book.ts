import {
  BASE_LEASE,
  deposit,
  mergeRefunds,
  needsRefill,
  nextWant,
  refundOf,
  spend,
  view,
  type Grant,
  type Lease,
} from './lease-policy';
import type { Decision, Refund } from './policy';

export type Refusal = { ok: false; reason: 'unknown' | 'revoked' };
export type Draw = { ok: true; decision: Decision } | Refusal;

/** The key's Durable Object as the book sees it: one renewal, returning what the isolate did not spend. */
export type Renew = (refunds: Refund[], want: number) => Promise<({ ok: true } & Grant) | Refusal>;

interface Slot {
  lease?: Lease;
  /** Unspent tokens of retired leases, returned with the next renewal. */
  owed: Refund[];
  /** Renewals in flight in this isolate; while one is out, others ask for a single token. */
  renewing: number;
  /** Tokens a renewal asks for (nextWant). */
  want: number;
  /** When the last renewal was asked for (NaN before the first). */
  toppedUpAt: number;
}

const MAX_SLOTS = 10_000;
/** Timer turns a request that finds the lease empty waits for a renewal in flight before its own. */
const FOLLOWER_WAITS = 2;

/**
 * One isolate's mock-quota leases, one per owner key, as plain numbers (never a shared promise:
 * in workerd a promise resolved by another request continues in that request's I/O context).
 * A call spends a token synchronously when the lease has one; whichever request finds it empty
 * renews it with its own call, and the request that brings it down to half a renewal tops it up
 * before it returns, so under concurrency the lease rarely runs dry. Renewals grow while top-ups come
 * fast and shrink while they come slowly (lease-policy.ts, nextWant). The clock and the renewal are
 * injected, so it runs in Node tests.
 */
export class LeaseBook {
  private readonly slots = new Map<string, Slot>();

  /** A token the lease holds is spent at once, without a promise (the common call). */
  draw(owner: string, now: number, renew: Renew): Draw | Promise<Draw> {
    const slot = this.slotOf(owner);
    const local = spend(slot.lease, now);
    if (!local) return this.renewAndDraw(slot, now, renew);
    const drawn: Draw = { ok: true, decision: local };
    if (slot.renewing === 0 && needsRefill(slot.lease!, now, slot.want))
      return this.refill(slot, now, renew).then(() => drawn);
    return drawn;
  }

  private async renewAndDraw(slot: Slot, now: number, renew: Renew): Promise<Draw> {
    // A renewal is already out: its tokens are likely to land in a moment, cheaper than a call.
    for (let i = 0; i < FOLLOWER_WAITS && slot.renewing > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const late = spend(slot.lease, now);
      if (late) return { ok: true, decision: late };
    }
    const refunds = takeRefunds(slot);
    slot.renewing += 1;
    if (slot.renewing === 1) this.resize(slot, now);
    let grant: Awaited<ReturnType<Renew>>;
    try {
      grant = await renew(refunds, slot.renewing > 1 ? 1 : slot.want);
    } catch (error) {
      slot.owed = mergeRefunds([...slot.owed, ...refunds]);
      throw error;
    } finally {
      slot.renewing -= 1;
    }
    if (!grant.ok) return grant;
    if (grant.tokens >= 1) {
      const { lease, owed } = deposit(slot.lease, grant, grant.tokens - 1, now);
      slot.lease = lease;
      slot.owed = mergeRefunds([...slot.owed, ...owed]);
      return { ok: true, decision: view(lease) };
    }
    // Refused by the object; tokens another request of this isolate deposited meanwhile still pay.
    return { ok: true, decision: spend(slot.lease, now) ?? grant.decision };
  }

  /**
   * Tops up a live lease (this request already holds its token): all the granted tokens are
   * deposited. A failure only means the next request renews the usual way.
   */
  private async refill(slot: Slot, now: number, renew: Renew): Promise<void> {
    slot.renewing += 1;
    this.resize(slot, now);
    try {
      const grant = await renew([], slot.want);
      if (!grant.ok)
        slot.lease = undefined; // revoked or gone: its tokens are worth nothing
      else if (grant.tokens > 0) {
        const { lease, owed } = deposit(slot.lease, grant, grant.tokens, now);
        slot.lease = lease;
        slot.owed = mergeRefunds([...slot.owed, ...owed]);
      }
    } catch {
      // the renewal that finds the lease empty will try again
    } finally {
      slot.renewing -= 1;
    }
  }

  /** Sizes the renewal about to be asked for by the time since the last one (nextWant). */
  private resize(slot: Slot, now: number): void {
    slot.want = nextWant(slot.want, now - slot.toppedUpAt);
    slot.toppedUpAt = now;
  }

  /** Retires the lease of `owner`; its unspent tokens are for the caller to return. */
  take(owner: string): Refund[] {
    const slot = this.slots.get(owner);
    return slot ? takeRefunds(slot) : [];
  }

  /** Tokens this isolate holds for `owner` (unspent, or owed back). */
  held(owner: string): number {
    const slot = this.slots.get(owner);
    if (!slot) return 0;
    return [...slot.owed, ...refundOf(slot.lease)].reduce((n, r) => n + r.tokens, 0);
  }

  private slotOf(owner: string): Slot {
    let slot = this.slots.get(owner);
    if (!slot) {
      if (this.slots.size >= MAX_SLOTS) this.slots.clear(); // bounded memory; dropped tokens are stranded
      slot = { owed: [], renewing: 0, want: BASE_LEASE, toppedUpAt: NaN };
      this.slots.set(owner, slot);
    }
    return slot;
  }
}

function takeRefunds(slot: Slot): Refund[] {
  const refunds = mergeRefunds([...slot.owed, ...refundOf(slot.lease)]);
  slot.lease = undefined;
  slot.owed = [];
  return refunds;
}
