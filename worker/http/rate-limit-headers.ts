import type { Decision } from '../quota/policy';

/**
 * IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy names both
 * windows with their quota (q) and width in seconds (w); RateLimit gives what remains (r) and
 * seconds to reset (t) for each.
 */
export function rateLimitHeaders(decision: Decision, now: number): Record<string, string> {
  const seconds = (resetAt: number) => Math.max(0, Math.ceil((resetAt - now) / 1000));
  const monthWidth = 30 * 86_400;
  const headers: Record<string, string> = {
    'ratelimit-policy': `"minute";q=${decision.minute.limit};w=60, "month";q=${decision.month.limit};w=${monthWidth}`,
    ratelimit: `"minute";r=${decision.minute.remaining};t=${seconds(decision.minute.resetAt)}, "month";r=${decision.month.remaining};t=${seconds(decision.month.resetAt)}`,
  };
  if (!decision.allowed && decision.retryAfter !== undefined)
    headers['retry-after'] = String(decision.retryAfter);
  return headers;
}
