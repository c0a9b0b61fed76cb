import type { Env } from '../env';
import { registryStub } from '../registry/api-registry';
import type { MockSettings } from '../registry/api-settings';

/**
 * Per-isolate memo of each API's settings (visibility, token hash, behaviour), asked of the API's
 * registry object, the source of truth. A change applies in the isolate that made it at once (the
 * routes call forgetSettings) and in every other isolate within SETTINGS_MEMO_MS: the bound on
 * staleness, instead of the KV mirror's minute. The mock path thus pays at most one registry round
 * trip per API per second per isolate, keeping quota leases' no-I/O path, and a flood of refused
 * calls to a private mock never reaches the registry object.
 */
const SETTINGS_MEMO_MS = 1_000;
const memo = new Map<string, { settings: MockSettings; until: number }>();

/**
 * Only resolved values are memoized: workerd forbids awaiting a promise of another request's I/O,
 * so concurrent calls on a miss each ask (at most once per second per burst).
 */
export async function mockSettingsFor(env: Env, api: string, now: number): Promise<MockSettings> {
  const hit = memo.get(api);
  if (hit && hit.until > now) return hit.settings;
  const settings = await registryStub(env, api).mockSettings();
  if (memo.size > 1000) memo.clear();
  memo.set(api, { settings, until: now + SETTINGS_MEMO_MS });
  return settings;
}

/** Called by the routes that change settings, so this isolate sees its own writes immediately. */
export function forgetSettings(api: string): void {
  memo.delete(api);
}
