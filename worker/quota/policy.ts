/**
 * Pure quota arithmetic with an injected clock: fixed one-minute windows and calendar months (UTC).
 * A rejected request is not counted, so a client hammering past its limit does not push its own
 * reset further away.
 */
export interface Limits {
  perMinute: number;
  perMonth: number;
}

export interface Counters {
  /** Start (epoch ms) of the minute window `minuteUsed` belongs to. */
  minuteStart: number;
  minuteUsed: number;
  /** "YYYY-MM" of the month `monthUsed` belongs to. */
  month: string;
  monthUsed: number;
  /** "YYYY-MM-DD" → requests, for the last 30 days. */
  daily: Record<string, number>;
}

export interface WindowState {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch ms when the window resets. */
  resetAt: number;
}

export interface Decision {
  allowed: boolean;
  /** Which limit refused the request. */
  exceeded?: 'minute' | 'month';
  /** Seconds until the refusing window resets. */
  retryAfter?: number;
  minute: WindowState;
  month: WindowState;
}

const DAILY_HISTORY_DAYS = 30;
export const MINUTE = 60_000;

export function emptyCounters(): Counters {
  return { minuteStart: 0, minuteUsed: 0, month: '', monthUsed: 0, daily: {} };
}

/** Counters as they stand at `now`, with expired windows reset. */
function roll(counters: Counters, now: number): Counters {
  const minuteStart = Math.floor(now / MINUTE) * MINUTE;
  const month = monthOf(now);
  return {
    minuteStart,
    minuteUsed: counters.minuteStart === minuteStart ? counters.minuteUsed : 0,
    month,
    monthUsed: counters.month === month ? counters.monthUsed : 0,
    daily: pruneDaily(counters.daily, now),
  };
}

export function evaluate(counters: Counters, limits: Limits, now: number): Decision {
  const c = roll(counters, now);
  const minute = windowState(limits.perMinute, c.minuteUsed, c.minuteStart + MINUTE);
  const month = windowState(limits.perMonth, c.monthUsed, nextMonthStart(now));
  const exceeded = month.remaining <= 0 ? 'month' : minute.remaining <= 0 ? 'minute' : undefined;
  if (!exceeded) return { allowed: true, minute, month };
  const resetAt = exceeded === 'month' ? month.resetAt : minute.resetAt;
  return {
    allowed: false,
    exceeded,
    retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    minute,
    month,
  };
}

/**
 * Counts `n` requests (a lease, or 1) if both windows have room for at least one; `n` is cut to
 * what both windows still hold. Returns the new counters, how many were counted, and the decision.
 */
export function consume(
  counters: Counters,
  limits: Limits,
  now: number,
  n = 1,
): { counters: Counters; decision: Decision; counted: number } {
  const before = evaluate(counters, limits, now);
  if (!before.allowed || n < 1) return { counters: roll(counters, now), decision: before, counted: 0 };
  const counted = Math.min(n, before.minute.remaining, before.month.remaining);
  const c = roll(counters, now);
  const day = dayOf(now);
  const next: Counters = {
    ...c,
    minuteUsed: c.minuteUsed + counted,
    monthUsed: c.monthUsed + counted,
    daily: { ...c.daily, [day]: (c.daily[day] ?? 0) + counted },
  };
  // Report the windows after this request, but the verdict is the one taken before it.
  const after = evaluate(next, limits, now);
  return { counters: next, decision: { allowed: true, minute: after.minute, month: after.month }, counted };
}

/** Requests counted earlier but never served (a lease's unspent tokens), and when they were counted. */
export interface Refund {
  tokens: number;
  minuteStart: number;
  month: string;
  day: string;
}

/**
 * Gives unspent tokens back to the windows they were counted in, where those windows are still
 * current: a past minute is over anyway, but the month and the day keep the correction.
 */
export function refund(counters: Counters, refunds: readonly Refund[], now: number): Counters {
  const c = roll(counters, now);
  for (const r of refunds) {
    const tokens = Math.max(0, Math.floor(r.tokens));
    if (tokens === 0) continue;
    if (r.minuteStart === c.minuteStart) c.minuteUsed = Math.max(0, c.minuteUsed - tokens);
    if (r.month === c.month) c.monthUsed = Math.max(0, c.monthUsed - tokens);
    if (c.daily[r.day] !== undefined) c.daily = { ...c.daily, [r.day]: Math.max(0, c.daily[r.day] - tokens) };
  }
  return c;
}

/** The last 30 days, oldest first, with zeros for quiet days (what the dashboard charts). */
export function dailySeries(counters: Counters, now: number): { date: string; count: number }[] {
  const out: { date: string; count: number }[] = [];
  for (let i = DAILY_HISTORY_DAYS - 1; i >= 0; i--) {
    const date = dayOf(now - i * 86_400_000);
    out.push({ date, count: counters.daily[date] ?? 0 });
  }
  return out;
}

function windowState(limit: number, used: number, resetAt: number): WindowState {
  return { limit, used, remaining: Math.max(0, limit - used), resetAt };
}

function pruneDaily(daily: Record<string, number>, now: number): Record<string, number> {
  const oldest = dayOf(now - (DAILY_HISTORY_DAYS - 1) * 86_400_000);
  const out: Record<string, number> = {};
  for (const [day, n] of Object.entries(daily)) if (day >= oldest) out[day] = n;
  return out;
}

export function monthOf(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

export function dayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function nextMonthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Limits must be whole, positive and sane: an absurd limit is a typo, not a plan. */
const LIMIT_CAPS = { perMinute: 1_000_000, perMonth: 10_000_000_000 } as const;

export function checkLimits(
  raw: unknown,
  defaults: Limits,
): { ok: true; limits: Limits } | { ok: false; errors: { pointer: string; message: string }[] } {
  if (raw === undefined || raw === null) return { ok: true, limits: defaults };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return {
      ok: false,
      errors: [{ pointer: '/limits', message: 'must be an object with perMinute and/or perMonth' }],
    };
  const input = raw as Record<string, unknown>;
  const errors: { pointer: string; message: string }[] = [];
  const limits = { ...defaults };
  for (const key of ['perMinute', 'perMonth'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMIT_CAPS[key]) {
      errors.push({
        pointer: `/limits/${key}`,
        message: `must be a whole number from 1 to ${LIMIT_CAPS[key]}`,
      });
    } else limits[key] = value;
  }
  for (const key of Object.keys(input)) {
    if (key !== 'perMinute' && key !== 'perMonth')
      errors.push({ pointer: `/limits/${key}`, message: 'unknown limit' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, limits };
}
