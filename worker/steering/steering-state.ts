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

/** What a mock call learns from the registry in its one round trip. */
export interface Admission {
  admitted: boolean;
  visibility: Visibility;
  behaviour: Behaviour;
}

/** The registry's decision for a presented token hash (null: none presented). */
export function admit(state: SteeringState, presentedHash: string | null): Admission {
  const admitted =
    state.visibility === 'public' ||
    (presentedHash !== null && state.token !== undefined && timingSafeEqual(state.token.hash, presentedHash));
  // A refused call learns nothing about the settings.
  return { admitted, visibility: state.visibility, behaviour: admitted ? state.behaviour : {} };
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
