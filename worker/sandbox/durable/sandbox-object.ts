import { DurableObject } from 'cloudflare:workers';
import { config } from '../../config';
import type { Env } from '../../env';
import type { Behaviour } from '../../behaviour/settings';
import type { MockRequest } from '../../mock/call';
import { resultOf, type CallInputs, type CallResult } from '../../mock-call/call-result';
import { hasBehaviour, runMock } from '../../mock-call/run-mock';
import { loadTarget } from '../../storage/target-cache';
import { modelOf } from '../sandbox-model';
import { sandboxLayer } from '../stateful-layer';
import { sandboxIndexStub } from './sandbox-index';
import { ReadCache, readKey } from './read-cache';
import { SqlItemStore } from './sql-item-store';

export interface SandboxMeta {
  id: string;
  /** Id of the key that created it: the API's owner, who pays for its calls. */
  owner: string;
  api: string;
  version: string;
  /** Content hash and publish time of the version it serves. */
  hash: string;
  versionCreatedAt: string;
  seed: string;
  ttlSeconds: number;
  createdAt: string;
  /** Epoch ms: idle expiry, pushed back by every call. */
  expiresAt: number;
}

/** A sandbox call's result: the edge's own, with the validated call as plain data. */
export type Served = { kind: 'gone' } | CallResult<CallInputs>;

const META = 'meta';
/** The idle expiry is persisted (and the alarm moved) at most once a minute, not on every call. */
const TOUCH_RESOLUTION_MS = 60_000;
const GONE = JSON.stringify({ kind: 'gone' } satisfies Served);

/**
 * One object per sandbox: its metadata and its items on SQLite. A thin shell: the pure mock runs here
 * with the stateful layer of worker/sandbox/ over this object's store, so every call of one sandbox
 * is serialized in one place and a write is visible to the next read from anywhere. An alarm
 * deletes everything once the sandbox has been idle for its TTL.
 */
export class Sandbox extends DurableObject<Env> {
  private cached: SandboxMeta | null | undefined;
  private store?: SqlItemStore;
  private reads = new ReadCache<string>();

  private items(): SqlItemStore {
    return (this.store ??= new SqlItemStore(this.ctx.storage.sql));
  }

  private meta(): SandboxMeta | null {
    if (this.cached === undefined) this.cached = this.ctx.storage.kv.get<SandboxMeta>(META) ?? null;
    return this.cached;
  }

  /** The metadata of a live sandbox; an expired one is removed on the spot. */
  private async live(now: number): Promise<SandboxMeta | null> {
    const meta = this.meta();
    if (meta && now >= meta.expiresAt) {
      await this.expire(meta);
      return null;
    }
    return meta;
  }

  async init(meta: SandboxMeta): Promise<void> {
    this.cached = meta;
    this.ctx.storage.kv.put(META, meta);
    this.items();
    await this.ctx.storage.setAlarm(meta.expiresAt);
  }

  async describe(now: number): Promise<SandboxMeta | null> {
    return this.live(now);
  }

  /**
   * One call; `request.baseUrl` is the URL the call named the sandbox by (for `Location` and links).
   * The request and the result cross the RPC as JSON text: the runtime's structured clone of the
   * same plain objects cost more CPU than JSON on both sides (a one-line Worker's object RPC 69 µs
   * per call, 59 as text, median of 11 rounds), and a kept read is kept as its text.
   */
  async serve(text: string, now: number, behaviour: Behaviour): Promise<string> {
    const request = JSON.parse(text) as MockRequest;
    const meta = await this.live(now);
    if (!meta) return GONE;
    const key = hasBehaviour(behaviour) ? undefined : readKey(request);
    const store = this.items();
    const writes = store.writes;
    let out = key === undefined ? undefined : this.reads.get(key, writes);
    if (out === undefined) {
      const served = await this.answer(meta, request, behaviour, store);
      out = JSON.stringify(served);
      if (key !== undefined && served.kind === 'answer')
        this.reads.set(key, out, writes, store.writes, out.length);
    }
    await this.touch(meta, now);
    return out;
  }

  private async answer(
    meta: SandboxMeta,
    request: MockRequest,
    behaviour: Behaviour,
    store: SqlItemStore,
  ): Promise<Served> {
    const target = await loadTarget(this.env.SPECS, meta.api, meta.version, meta.hash, meta.versionCreatedAt);
    if (!target)
      return {
        kind: 'problem',
        latencyMs: 0,
        label: null,
        problem: { type: 'version-not-found', detail: `Version "${meta.version}" of "${meta.api}" is gone.` },
      };
    const settings = config(this.env);
    const layer = sandboxLayer({
      target,
      model: modelOf(target),
      store,
      seed: meta.seed,
      baseUrl: request.baseUrl ?? '',
      limits: { maxItemsPerCollection: settings.sandboxMaxItems, maxBytes: settings.sandboxMaxBytes },
    });
    const result = resultOf(runMock(target, request, behaviour, layer));
    // The validated call is for callbacks and webhooks only: without any, it does not cross back.
    if (result.kind !== 'answer' || !result.call) return result;
    if (!target.plan.hooks) return { ...result, call: undefined };
    // The operation (a part of the plan) and the request stay here: the edge has both.
    const { operation: _operation, request: _request, ...inputs } = result.call;
    return { ...result, call: inputs };
  }

  /** Back to the seeded start; the metadata and the URL stay. */
  async reset(now: number): Promise<SandboxMeta | null> {
    const meta = await this.live(now);
    if (!meta) return null;
    this.items().clear();
    return this.touch(meta, now, true);
  }

  async destroy(): Promise<boolean> {
    const meta = this.meta();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.cached = null;
    this.store = undefined;
    this.reads = new ReadCache();
    return meta !== null;
  }

  override async alarm(): Promise<void> {
    const meta = this.meta();
    if (!meta) return;
    if (Date.now() < meta.expiresAt) await this.ctx.storage.setAlarm(meta.expiresAt);
    else await this.expire(meta);
  }

  private async expire(meta: SandboxMeta): Promise<void> {
    await sandboxIndexStub(this.env, meta.owner).remove(meta.id);
    await this.destroy();
  }

  private async touch(meta: SandboxMeta, now: number, force = false): Promise<SandboxMeta> {
    const expiresAt = now + meta.ttlSeconds * 1000;
    if (!force && expiresAt - meta.expiresAt < TOUCH_RESOLUTION_MS) return meta;
    const next = { ...meta, expiresAt };
    this.cached = next;
    this.ctx.storage.kv.put(META, next);
    await this.ctx.storage.setAlarm(expiresAt);
    return next;
  }
}

/** The object of the sandbox with this id. */
export function sandboxStub(env: Env, id: string) {
  return env.SANDBOX.get(objectIdOf(env.SANDBOX, id));
}

/** idFromName hashes the name on every call; the id is a plain value, so each isolate keeps it. */
const objectIds = new Map<string, DurableObjectId>();

function objectIdOf(namespace: DurableObjectNamespace<Sandbox>, name: string): DurableObjectId {
  let id = objectIds.get(name);
  if (!id) {
    if (objectIds.size >= 10_000) objectIds.clear();
    id = namespace.idFromName(name);
    objectIds.set(name, id);
  }
  return id;
}
