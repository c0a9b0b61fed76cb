import type { Behaviour } from '../behaviour/settings';

export type Visibility = 'public' | 'private';

/**
 * The mutable, per-API state that steers mock calls, kept by the API's registry object beside (not
 * inside) its immutable versions. The mock token itself is never stored: only its SHA-256, to verify
 * it at the mock edge, and the random nonce it was derived from (see mock-token.ts).
 */
export interface SteeringState {
  visibility: Visibility;
  behaviour: Behaviour;
  token?: { nonce: string; hash: string; createdAt: string };
}

export const DEFAULT_STEERING: SteeringState = { visibility: 'public', behaviour: {} };

/** What the mock path keeps of it: never the nonce, so a memo in an isolate cannot rebuild a token. */
export interface MockSteering {
  visibility: Visibility;
  tokenHash: string | null;
  behaviour: Behaviour;
}

export function toMockSteering(state: SteeringState): MockSteering {
  return { visibility: state.visibility, tokenHash: state.token?.hash ?? null, behaviour: state.behaviour };
}

/** Whether a call presenting this token hash (null: none) may proceed. */
export function admits(steering: MockSteering, presentedHash: string | null): boolean {
  if (steering.visibility === 'public') return true;
  return (
    presentedHash !== null &&
    steering.tokenHash !== null &&
    timingSafeEqual(steering.tokenHash, presentedHash)
  );
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
