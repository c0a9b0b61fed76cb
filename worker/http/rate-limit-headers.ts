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
  const seconds = (resetAt: number) => Math.max(0, Math.ceil((resetAt - now) / 1000));
  const windows =
    'kind' in view
      ? [{ name: 'control', width: 60, state: view.window }]
      : [
          { name: 'minute', width: 60, state: view.minute },
          { name: 'month', width: MONTH_WIDTH, state: view.month },
        ];
  const headers: Record<string, string> = {
    'ratelimit-policy': windows.map((w) => `"${w.name}";q=${w.state.limit};w=${w.width}`).join(', '),
    ratelimit: windows
      .map((w) => `"${w.name}";r=${w.state.remaining};t=${seconds(w.state.resetAt)}`)
      .join(', '),
  };
  if (!view.allowed && view.retryAfter !== undefined) headers['retry-after'] = String(view.retryAfter);
  return headers;
}
