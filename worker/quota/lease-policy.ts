import { dayOf, MINUTE, monthOf, type Decision, type Refund } from './policy';

/**
 * Pure arithmetic of mock-quota leases (clock injected). The key's Durable Object counts a lease's
 * tokens as used when it grants them, so an isolate that spends only tokens it holds can never
 * serve more than the limit; what it does not spend goes back on its next renewal.
 */

/** What an isolate asks for until it spends faster (see nextWant). */
export const BASE_LEASE = 64;
/** The most tokens one grant holds: the tokens an evicted isolate can strand, per key. */
export const MAX_LEASE = 1024;
/**
 * Top-ups this close together double what the next renewal asks for: the isolate spends half a
 * lease in less than this. A renewal is a round trip and a committed write (about 200 µs of CPU on
 * the bench's machine): at 64 tokens a busy isolate paid it every 32 calls, about 6 µs per call.
 */
const FAST_TOP_UPS_MS = 250;
/** Top-ups this far apart halve it again, down to BASE_LEASE: a quiet isolate holds little. */
const SLOW_TOP_UPS_MS = 1_000;
/** A grant takes at most this fraction (1/n) of what is left, so leases shrink to 1 near the limit. */
const LEASE_SHARE = 16;
/** How long a grant may be spent: bounds how stale a revocation or a limit change is elsewhere. */
export const LEASE_MS = 2_000;

/** What the Durable Object hands an isolate: tokens already counted in these windows. */
export interface Grant {
  tokens: number;
  minuteStart: number;
  month: string;
  day: string;
  expiresAt: number;
  /** The windows after the grant was counted. */
  decision: Decision;
}

/** An isolate's unspent tokens of one key. */
export type Lease = Grant;

/** Tokens to grant for a renewal that asks for `want`, given the windows before it. */
export function leaseSize(before: Decision, want: number): number {
  if (!before.allowed) return 0;
  const left = Math.min(before.minute.remaining, before.month.remaining);
  return Math.max(1, Math.min(want, MAX_LEASE, Math.floor(left / LEASE_SHARE)));
}

/** A grant's identity and lifetime: never past the end of the minute its tokens were counted in. */
export function grantWindow(now: number): Omit<Grant, 'tokens' | 'decision'> {
  const minuteStart = Math.floor(now / MINUTE) * MINUTE;
  return {
    minuteStart,
    month: monthOf(now),
    day: dayOf(now),
    expiresAt: Math.min(now + LEASE_MS, minuteStart + MINUTE),
  };
}

function isLive(lease: Lease | undefined, now: number): lease is Lease {
  return (
    lease !== undefined && now < lease.expiresAt && Math.floor(now / MINUTE) * MINUTE === lease.minuteStart
  );
}

/**
 * Spends one token of a live lease, synchronously; returns the windows to report (what the object
 * counted, plus the tokens this isolate still holds), or null when the lease cannot pay.
 */
export function spend(lease: Lease | undefined, now: number): Decision | null {
  if (!isLive(lease, now) || lease.tokens < 1) return null;
  lease.tokens -= 1;
  return view(lease);
}

/** The windows as one isolate sees them: tokens it holds are still available to its callers. */
export function view(lease: Lease): Decision {
  const { minute, month } = lease.decision;
  return {
    allowed: true,
    minute: { ...minute, remaining: minute.remaining + lease.tokens },
    month: { ...month, remaining: month.remaining + lease.tokens },
  };
}

/**
 * Whether a request that just spent from this lease should top it up before it returns, so that
 * concurrent requests keep finding tokens instead of each making its own round trip: once it is
 * down to half of what a renewal asks for (`want`). Only far from the limit: near it, every token
 * should stay with the object for whoever asks first.
 */
export function needsRefill(lease: Lease, now: number, want: number): boolean {
  const left = Math.min(lease.decision.minute.remaining, lease.decision.month.remaining);
  return isLive(lease, now) && lease.tokens <= want / 2 && left >= want * LEASE_SHARE;
}

/**
 * What the next renewal asks for, from the time since the previous one: a lease that lasts the
 * isolate between a quarter and one second of its own calls, between BASE_LEASE and MAX_LEASE. So a
 * busy isolate renews every few hundred calls, and an evicted one strands at most about a second
 * of what it was serving.
 */
export function nextWant(want: number, sinceLastTopUp: number): number {
  if (sinceLastTopUp < FAST_TOP_UPS_MS) return Math.min(want * 2, MAX_LEASE);
  if (sinceLastTopUp > SLOW_TOP_UPS_MS) return Math.max(want / 2, BASE_LEASE);
  return want;
}

/** A lease's unspent tokens as a refund (nothing for an empty one). */
export function refundOf(lease: Lease | undefined): Refund[] {
  if (!lease || lease.tokens < 1) return [];
  return [{ tokens: lease.tokens, minuteStart: lease.minuteStart, month: lease.month, day: lease.day }];
}

/**
 * Adds the tokens left from a grant to the isolate's lease. Tokens of the same live minute merge;
 * otherwise the older lease is retired and owed back, so its tokens can never be spent late.
 */
export function deposit(
  current: Lease | undefined,
  grant: Grant,
  leftover: number,
  now: number,
): { lease: Lease; owed: Refund[] } {
  if (isLive(current, now) && current.minuteStart === grant.minuteStart) {
    const newer = grant.expiresAt >= current.expiresAt;
    return {
      lease: {
        ...(newer ? grant : current),
        tokens: current.tokens + leftover,
      },
      owed: [],
    };
  }
  return { lease: { ...grant, tokens: leftover }, owed: refundOf(current) };
}

/** Merges refunds of the same windows, so what an isolate owes stays a short list. */
export function mergeRefunds(refunds: readonly Refund[]): Refund[] {
  const byWindow = new Map<string, Refund>();
  for (const r of refunds) {
    const key = `${r.minuteStart}/${r.month}/${r.day}`;
    const hit = byWindow.get(key);
    if (hit) hit.tokens += r.tokens;
    else byWindow.set(key, { ...r });
  }
  return [...byWindow.values()].filter((r) => r.tokens > 0);
}
