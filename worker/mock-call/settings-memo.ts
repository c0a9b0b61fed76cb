import type { Env } from '../env';
import { registryStub } from '../registry/api-registry';
import type { MockSettings } from '../registry/api-settings';

/**
 * Per-isolate memo of each API's settings (visibility, token hash, behaviour), asked of the API's
 * registry object, the source of truth. A change applies in the isolate that made it at once (the
 * routes call forgetSettings) and in every other isolate within SETTINGS_MEMO_MS (plus the round trip
 * that fetches them): the bound on
 * staleness, instead of the KV mirror's minute. The mock path thus pays at most one registry round
 * trip per API per second per isolate, keeping quota leases' no-I/O path, and a flood of refused
 * calls to a private mock never reaches the registry object.
 */
const SETTINGS_MEMO_MS = 1_000;
/** How long calls keep the old settings while one request of this isolate asks for new ones. */
const REFRESH_GRACE_MS = 1_000;
const memo = new Map<string, { settings: MockSettings; until: number; refreshing?: boolean }>();

/**
 * Only resolved values are memoized: workerd forbids awaiting a promise of another request's I/O.
 * Once the memo is due, the first call asks the registry and waits; calls arriving meanwhile keep
 * the settings they had (for at most REFRESH_GRACE_MS more), instead of each asking too: under
 * load, a busy isolate would otherwise send a burst of identical round trips every second.
 */
export function mockSettingsFor(env: Env, api: string, now: number): MockSettings | Promise<MockSettings> {
  const hit = memo.get(api);
  if (hit && (hit.until > now || (hit.refreshing && hit.until + REFRESH_GRACE_MS > now))) return hit.settings;
  return askRegistry(env, api, now, hit);
}

async function askRegistry(
  env: Env,
  api: string,
  now: number,
  hit: { refreshing?: boolean } | undefined,
): Promise<MockSettings> {
  if (hit) hit.refreshing = true;
  let settings: MockSettings;
  try {
    settings = await registryStub(env, api).mockSettings();
  } finally {
    if (hit) hit.refreshing = false;
  }
  if (memo.size > 1000) memo.clear();
  memo.set(api, { settings, until: now + SETTINGS_MEMO_MS });
  return settings;
}

/** Called by the routes that change settings, so this isolate sees its own writes immediately. */
export function forgetSettings(api: string): void {
  memo.delete(api);
}
