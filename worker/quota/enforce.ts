import type { ControlDecision } from './control-policy';
import type { Decision } from './policy';
import { fail } from '../http/problem';
import { rateLimitHeaders } from '../http/rate-limit-headers';

/** Throws the 429 for a refused decision, naming the limit that was hit. */
export function enforce(decision: Decision | ControlDecision, now: number): void {
  if (decision.allowed) return;
  const headers = rateLimitHeaders(decision, now);
  if ('kind' in decision) {
    fail(
      'rate-limited',
      `The control-plane limit of ${decision.window.limit} requests per minute is used up; retry in ${decision.retryAfter} s. Mock traffic does not count against it.`,
      { headers, extensions: { limit: 'control', retryAfter: decision.retryAfter } },
    );
  }
  const which = decision.exceeded === 'month' ? decision.month : decision.minute;
  fail(
    decision.exceeded === 'month' ? 'quota-exceeded' : 'rate-limited',
    `The ${decision.exceeded === 'month' ? 'monthly' : 'per-minute'} limit of ${which.limit} requests is used up; retry in ${decision.retryAfter} s.`,
    { headers, extensions: { limit: decision.exceeded, retryAfter: decision.retryAfter } },
  );
}
