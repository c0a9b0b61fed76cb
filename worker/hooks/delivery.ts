import type { HookRequest } from './payload';

/**
 * One delivery: a webhook or callback sent to one URL, with every attempt. Stored whole (one JSON
 * record per row) by the API's Deliveries object; this is also exactly what the API returns.
 */
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'refused';

export interface Attempt {
  at: string;
  /** The receiver's status; absent when it never answered (timeout, connection refused). */
  status?: number;
  durationMs: number;
  error?: string;
}

export interface Delivery {
  id: string;
  kind: 'webhook' | 'callback';
  name: string;
  url: string;
  status: DeliveryStatus;
  createdAt: string;
  version: string;
  /** What fired it: `POST /pets` (a callback or subscription), `api` (sent on demand), `redeliver`. */
  on: string;
  sandboxId?: string;
  redeliveryOf?: string;
  /** As last sent: headers include the signature of the latest attempt. */
  request: HookRequest & { url: string };
  attempts: Attempt[];
  /** The receiver's latest answer, the body cut to MAX_RESPONSE_BODY. */
  response?: { status: number; headers: Record<string, string>; body: string; truncated?: true };
  nextAttemptAt?: string;
}

/** What the Worker hands the object to store and send; the object gives id, times and attempts. */
export interface DeliveryDraft {
  kind: Delivery['kind'];
  name: string;
  url: string;
  version: string;
  on: string;
  sandboxId?: string;
  redeliveryOf?: string;
  request: HookRequest;
  /** Set when the delivery must not be sent (a target WEBHOOK_TARGETS refuses, an unresolved URL). */
  refused?: string;
}

export const MAX_RESPONSE_BODY = 16 * 1024;
export const MAX_PAYLOAD_BYTES = 256 * 1024;
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** Retry delays after the first attempt: 3 more tries over about six minutes. */
const DEFAULT_RETRY_DELAYS_MS = [10_000, 60_000, 300_000];

/** WEBHOOK_RETRY_DELAYS_MS ("200,400"): tests shorten the schedule; bad values keep the default. */
export function retryDelays(raw: string | undefined): number[] {
  if (!raw) return DEFAULT_RETRY_DELAYS_MS;
  const list = raw.split(',').map((s) => Number(s.trim()));
  return list.length > 0 &&
    list.length <= 10 &&
    list.every((n) => Number.isInteger(n) && n >= 0 && n <= 86_400_000)
    ? list
    : DEFAULT_RETRY_DELAYS_MS;
}

/** Whether an attempt's outcome is worth another try: no answer, a 5xx, or 429. */
function retriable(attempt: Attempt): boolean {
  return attempt.status === undefined || attempt.status >= 500 || attempt.status === 429;
}

/** The status after an attempt, and when the next one is due (undefined: none). */
export function afterAttempt(
  attempt: Attempt,
  made: number,
  delays: number[],
  now: number,
): { status: DeliveryStatus; nextAt?: number } {
  if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300)
    return { status: 'delivered' };
  if (!retriable(attempt) || made > delays.length) return { status: 'failed' };
  return { status: 'retrying', nextAt: now + delays[made - 1] };
}
