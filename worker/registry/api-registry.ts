import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import type { Plan, PlanWarning } from '../mock/plan';
import { latestOf } from './latest-version';
import { deleteMirror, deleteVersionBlobs, writeMirror, type ApiMirror } from '../storage/specs';
import type { Behaviour } from '../behaviour/settings';
import {
  DEFAULT_SETTINGS,
  toMockSettings,
  type ApiSettings,
  type MockSettings,
  type Visibility,
} from './api-settings';

export interface VersionRecord {
  version: string;
  hash: string;
  createdAt: string;
  operations: number;
  title: string;
  infoVersion: string;
  dialect: Plan['dialect'];
  warnings: PlanWarning[];
  /** Published as several files (multipart or an archive): the entry and how many files it uses. */
  source?: { entry: string; files: number; archive?: 'zip' | 'tar.gz' | 'tar' };
}

export interface ApiState {
  api: string;
  owner: string;
  createdAt: string;
  /** Publish order (`latest` is chosen from it by latestOf). */
  order: string[];
  versions: Record<string, VersionRecord>;
}

export type PublishCheck = 'new' | 'same' | 'conflict' | 'forbidden' | 'full';

/** Versions are immutable and kept until deleted; a cap keeps one API's history bounded. */
export const MAX_VERSIONS_PER_API = 500;
export type RemoveResult = 'deleted' | 'not-found' | 'forbidden';

const STATE = 'state';
/** Stored under the key they had when they were called "steering": existing objects keep them. */
const SETTINGS = 'steering';

/**
 * One object per API name: the single writer that decides ownership and version immutability, so
 * two concurrent PUTs of one version can never both win. It mirrors its state into KV for the mock
 * path, which must not pay a Durable Object round trip just to find a plan.
 */
export class ApiRegistry extends DurableObject<Env> {
  private async state(): Promise<ApiState | undefined> {
    return this.ctx.storage.get<ApiState>(STATE);
  }

  async describe(): Promise<ApiState | null> {
    return (await this.state()) ?? null;
  }

  /** The mock path's view, straight from the source of truth (when the KV mirror is stale). */
  async mirror(): Promise<ApiMirror | null> {
    const state = await this.state();
    return state ? mirrorOf(state) : null;
  }

  /** A cheap early answer so that a rejected upload writes nothing to KV. */
  async check(
    owner: string,
    version: string,
    hash: string,
  ): Promise<{ result: PublishCheck; record?: VersionRecord }> {
    return classify(await this.state(), owner, version, hash);
  }

  /** Records a version whose blobs are already in KV; the authoritative, serialized decision. */
  async commit(
    api: string,
    owner: string,
    record: VersionRecord,
  ): Promise<{ result: PublishCheck; record?: VersionRecord }> {
    let outcome: { result: PublishCheck; record?: VersionRecord } = { result: 'forbidden' };
    await this.ctx.blockConcurrencyWhile(async () => {
      const current = await this.state();
      outcome = classify(current, owner, record.version, record.hash);
      if (outcome.result !== 'new') return;
      const next: ApiState = current ?? { api, owner, createdAt: record.createdAt, order: [], versions: {} };
      next.versions[record.version] = record;
      next.order = [...next.order, record.version];
      await this.ctx.storage.put(STATE, next);
      await writeMirror(this.env.SPECS, mirrorOf(next));
      outcome = { result: 'new', record };
    });
    return outcome;
  }

  async removeVersion(owner: string, version: string): Promise<RemoveResult> {
    return this.removeAsOwner(owner, async (current) => {
      const record = current.versions[version];
      if (!record) return 'not-found';
      delete current.versions[version];
      current.order = current.order.filter((v) => v !== version);
      await this.ctx.storage.put(STATE, current);
      await writeMirror(this.env.SPECS, mirrorOf(current));
      await deleteVersionBlobs(this.env.SPECS, current.api, version, record.hash);
      return 'deleted';
    });
  }

  /** Deletes every version and releases the name, so any key may claim it afterwards. */
  async removeApi(owner: string): Promise<RemoveResult> {
    return this.removeAsOwner(owner, async (current) => {
      await deleteMirror(this.env.SPECS, current.api);
      await Promise.all(
        Object.values(current.versions).map((r) =>
          deleteVersionBlobs(this.env.SPECS, current.api, r.version, r.hash),
        ),
      );
      await this.ctx.storage.deleteAll();
      return 'deleted';
    });
  }

  /** Serialized like commit: only the owner may remove, and nothing interleaves with the removal. */
  private async removeAsOwner(
    owner: string,
    remove: (current: ApiState) => Promise<RemoveResult>,
  ): Promise<RemoveResult> {
    let result: RemoveResult = 'not-found';
    await this.ctx.blockConcurrencyWhile(async () => {
      const current = await this.state();
      if (!current) return;
      result = current.owner === owner ? await remove(current) : 'forbidden';
    });
    return result;
  }

  // --- Settings: visibility, mock token and behaviour settings (issue 14). Mutable, kept under
  // their own storage key beside the immutable versions; removeApi's deleteAll drops them too.

  private async settings(): Promise<ApiSettings> {
    return (await this.ctx.storage.get<ApiSettings>(SETTINGS)) ?? DEFAULT_SETTINGS;
  }

  /** What the mock path needs to admit calls and apply the behaviour (memoized briefly per isolate). */
  async mockSettings(): Promise<MockSettings> {
    return toMockSettings(await this.settings());
  }

  /** The owner's view of the settings; null when the API is missing or another key's. */
  async settingsOf(owner: string): Promise<ApiSettings | null> {
    const state = await this.state();
    return state && state.owner === owner ? this.settings() : null;
  }

  async setVisibility(
    owner: string,
    visibility: Visibility,
    token?: ApiSettings['token'],
  ): Promise<ApiSettings | RemoveResult> {
    return this.changeSettings(owner, (s) => ({ ...s, visibility, token: s.token ?? token }));
  }

  async setMockToken(owner: string, token: NonNullable<ApiSettings['token']>) {
    return this.changeSettings(owner, (s) => ({ ...s, token }));
  }

  async setBehaviour(owner: string, behaviour: Behaviour) {
    return this.changeSettings(owner, (s) => ({ ...s, behaviour }));
  }

  private async changeSettings(
    owner: string,
    change: (current: ApiSettings) => ApiSettings,
  ): Promise<ApiSettings | RemoveResult> {
    let result: ApiSettings | RemoveResult = 'not-found';
    await this.ctx.blockConcurrencyWhile(async () => {
      const state = await this.state();
      if (!state) return;
      if (state.owner !== owner) return void (result = 'forbidden');
      const next = change(await this.settings());
      await this.ctx.storage.put(SETTINGS, next);
      result = next;
    });
    return result;
  }
}

function classify(
  state: ApiState | undefined,
  owner: string,
  version: string,
  hash: string,
): { result: PublishCheck; record?: VersionRecord } {
  if (state && state.owner !== owner) return { result: 'forbidden' };
  const existing = state?.versions[version];
  if (!existing)
    return state && state.order.length >= MAX_VERSIONS_PER_API ? { result: 'full' } : { result: 'new' };
  return existing.hash === hash
    ? { result: 'same', record: existing }
    : { result: 'conflict', record: existing };
}

/** What the mock path needs of the state; the mirror in KV and the registry's direct answer alike. */
function mirrorOf(state: ApiState): ApiMirror {
  const versions: ApiMirror['versions'] = {};
  for (const [v, r] of Object.entries(state.versions)) versions[v] = { hash: r.hash, createdAt: r.createdAt };
  return { api: state.api, owner: state.owner, latest: latestOf(state.order).latest, versions };
}

/** The registry object of one API name: the source of truth for its owner and versions. */
export function registryStub(env: Env, api: string) {
  return env.REGISTRY.get(env.REGISTRY.idFromName(api));
}
