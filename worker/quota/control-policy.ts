import { MINUTE, type WindowState } from './policy';

/**
 * The control plane's own budget (usage, listing, publishing, deleting): one fixed minute window
 * per key that mock traffic never touches, so a spent mock quota never locks an owner out.
 */
export interface ControlCounter {
  minuteStart: number;
  used: number;
}

export interface ControlDecision {
  kind: 'control';
  allowed: boolean;
  retryAfter?: number;
  window: WindowState;
}

export function emptyControl(): ControlCounter {
  return { minuteStart: 0, used: 0 };
}

export function evaluateControl(counter: ControlCounter, limit: number, now: number): ControlDecision {
  const minuteStart = Math.floor(now / MINUTE) * MINUTE;
  const used = counter.minuteStart === minuteStart ? counter.used : 0;
  const resetAt = minuteStart + MINUTE;
  const window = { limit, used, remaining: Math.max(0, limit - used), resetAt };
  if (window.remaining > 0) return { kind: 'control', allowed: true, window };
  return {
    kind: 'control',
    allowed: false,
    retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    window,
  };
}

/** Counts one control-plane call if the minute has room; a refused call is not counted. */
export function consumeControl(
  counter: ControlCounter,
  limit: number,
  now: number,
): { counter: ControlCounter; decision: ControlDecision } {
  const before = evaluateControl(counter, limit, now);
  const minuteStart = before.window.resetAt - MINUTE;
  if (!before.allowed) return { counter: { minuteStart, used: before.window.used }, decision: before };
  const next = { minuteStart, used: before.window.used + 1 };
  return { counter: next, decision: { ...evaluateControl(next, limit, now), allowed: true } };
}
