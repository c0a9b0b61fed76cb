import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../env';

export interface SandboxEntry {
  id: string;
  api: string;
  version: string;
  createdAt: string;
}

const PREFIX = 'sandbox:';

/**
 * One object per key: the sandboxes it holds, so `GET /v1/sandboxes` needs no KV read-after-write
 * and the per-key cap is decided by a single writer.
 */
export class SandboxIndex extends DurableObject<Env> {
  /** Records a new sandbox unless the key already holds `max`. */
  async add(entry: SandboxEntry, max: number): Promise<boolean> {
    const kv = this.ctx.storage.kv;
    if ([...kv.list({ prefix: PREFIX })].length >= max) return false;
    kv.put(PREFIX + entry.id, entry);
    return true;
  }

  async remove(id: string): Promise<void> {
    this.ctx.storage.kv.delete(PREFIX + id);
  }

  async list(): Promise<SandboxEntry[]> {
    return [...this.ctx.storage.kv.list<SandboxEntry>({ prefix: PREFIX })].map(([, entry]) => entry);
  }
}

/** The index object of the key with this id. */
export function sandboxIndexStub(env: Env, owner: string) {
  return env.SANDBOX_INDEX.get(env.SANDBOX_INDEX.idFromName(owner));
}
