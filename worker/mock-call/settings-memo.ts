import type { Env } from '../env';
import { registryStub } from '../registry/api-registry';
import type { MockSettings } from '../registry/api-settings';
import { RefreshingMemo } from '../util/refreshing-memo';

/**
 * Per-isolate memo of each API's settings (visibility, token hash, behaviour), asked of the API's
 * registry object, the source of truth. A change applies in the isolate that made it at once (the
 * routes call forgetSettings) and in every other isolate within SETTINGS_MEMO_MS plus the round trip
 * that fetches them: the bound on staleness, instead of the KV mirror's minute. The mock path thus
 * pays at most one registry round trip per API per second per isolate, keeping quota leases' no-I/O
 * path, and a flood of refused calls to a private mock never reaches the registry object.
 */
const SETTINGS_MEMO_MS = 1_000;
/** How long calls keep the old settings while one request of this isolate asks for new ones. */
const REFRESH_GRACE_MS = 1_000;
const memo = new RefreshingMemo<MockSettings>(SETTINGS_MEMO_MS, REFRESH_GRACE_MS);

/** Memoized settings are returned at once, without a promise (see RefreshingMemo). */
export function mockSettingsFor(env: Env, api: string, now: number): MockSettings | Promise<MockSettings> {
  return memo.read(api, now, () => registryStub(env, api).mockSettings());
}

/** Called by the routes that change settings, so this isolate sees its own writes immediately. */
export function forgetSettings(api: string): void {
  memo.forget(api);
}
