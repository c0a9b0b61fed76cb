import type { Behaviour } from '../behaviour/settings';

export type Visibility = 'public' | 'private';

/**
 * An API's settings: the mutable, per-API state kept by its registry object beside (not inside) its
 * immutable versions: who may call its mocks and what its behaviour settings do to them. The mock
 * token itself is never stored: only its SHA-256, to verify it at the mock edge, and the random nonce
 * it was derived from (see worker/mock-call/mock-token.ts).
 */
export interface ApiSettings {
  visibility: Visibility;
  behaviour: Behaviour;
  token?: { nonce: string; hash: string; createdAt: string };
}

export const DEFAULT_SETTINGS: ApiSettings = { visibility: 'public', behaviour: {} };

/** What the mock path keeps of them: never the nonce, so a memo in an isolate cannot rebuild a token. */
export interface MockSettings {
  visibility: Visibility;
  tokenHash: string | null;
  behaviour: Behaviour;
}

export function toMockSettings(settings: ApiSettings): MockSettings {
  return {
    visibility: settings.visibility,
    tokenHash: settings.token?.hash ?? null,
    behaviour: settings.behaviour,
  };
}
