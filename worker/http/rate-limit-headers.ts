import type { ControlDecision } from '../quota/control-policy';
import type { Decision } from '../quota/policy';

/** The budget a response was counted against: the mock quota, or the control plane's own. */
export type RateLimitView = Decision | ControlDecision;

const MONTH_WIDTH = 30 * 86_400;

/**
 * IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy names each
 * window with its quota (q) and width in seconds (w); RateLimit gives what remains (r) and seconds
 * to reset (t). Mock calls report "minute" and "month"; control-plane calls report "control".
 */
export function rateLimitHeaders(view: RateLimitView, now: number): Record<string, string> {
  // Every counted response carries these: plain concatenation, no per-call arrays or closures.
  const headers =
    'kind' in view
      ? {
          'ratelimit-policy': `"control";q=${view.window.limit};w=60`,
          ratelimit: `"control";r=${view.window.remaining};t=${secondsUntil(view.window.resetAt, now)}`,
        }
      : {
          'ratelimit-policy': mockPolicy(view.minute.limit, view.month.limit),
          ratelimit: `"minute";r=${view.minute.remaining};t=${secondsUntil(view.minute.resetAt, now)}, "month";r=${view.month.remaining};t=${secondsUntil(view.month.resetAt, now)}`,
        };
  if (!view.allowed && view.retryAfter !== undefined)
    return { ...headers, 'retry-after': String(view.retryAfter) };
  return headers;
}

/**
 * Every name `rateLimitHeaders` may set: values of a call's own, which the request log keeps beside
 * an answer's shared headers (request-log/log-call.ts).
 */
export const RATE_LIMIT_HEADER_NAMES: ReadonlySet<string> = new Set([
  'ratelimit-policy',
  'ratelimit',
  'retry-after',
]);

function secondsUntil(resetAt: number, now: number): number {
  return Math.max(0, Math.ceil((resetAt - now) / 1000));
}

/** A key's limits change rarely; its policy text is made once, not on every counted call. */
let lastPolicy = { minute: -1, month: -1, text: '' };

function mockPolicy(minute: number, month: number): string {
  if (minute !== lastPolicy.minute || month !== lastPolicy.month)
    lastPolicy = { minute, month, text: `"minute";q=${minute};w=60, "month";q=${month};w=${MONTH_WIDTH}` };
  return lastPolicy.text;
}
