import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { consume, dailySeries, emptyCounters, evaluate, type Counters, type Decision, type Limits } from './policy';

export interface Account {
  id: string;
  /** SHA-256 (hex) of the whole key; the key itself is never stored. */
  keyHash: string;
  createdAt: string;
  limits: Limits;
  revoked: boolean;
  /** APIs this key owns, for GET /v1/apis. */
  apis: string[];
}

export type Authorization =
  | { ok: true; account: Omit<Account, 'keyHash'>; decision: Decision }
  | { ok: false; reason: 'unknown' | 'revoked' };

export interface Usage {
  id: string;
  limits: Limits;
  decision: Decision;
  daily: { date: string; count: number }[];
}

/**
 * One object per API key, reached by the key's id: it authenticates the key, holds its limits and
 * counts its requests. Being a single-threaded object is what makes the limits exact under
 * concurrency; each request costs exactly one call here.
 */
export class KeyAccount extends DurableObject<Env> {
  private account: Account | null | undefined;
  private counters: Counters | undefined;

  private async load(): Promise<Account | null> {
    if (this.account === undefined) {
      this.account = (await this.ctx.storage.get<Account>('account')) ?? null;
      this.counters = (await this.ctx.storage.get<Counters>('counters')) ?? emptyCounters();
    }
    return this.account;
  }

  private async save(): Promise<void> {
    await this.ctx.storage.put({ account: this.account, counters: this.counters });
  }

  async create(id: string, keyHash: string, limits: Limits, now: number): Promise<Omit<Account, 'keyHash'>> {
    const existing = await this.load();
    if (existing) throw new Error('key id collision');
    this.account = { id, keyHash, createdAt: new Date(now).toISOString(), limits, revoked: false, apis: [] };
    this.counters = emptyCounters();
    await this.save();
    return strip(this.account);
  }

  /** Authenticates a presented key and, when `count` is set, consumes one request of its quota. */
  async authorize(keyHash: string, now: number, count: boolean): Promise<Authorization> {
    const account = await this.load();
    if (!account || !timingSafeEqual(account.keyHash, keyHash)) return { ok: false, reason: 'unknown' };
    if (account.revoked) return { ok: false, reason: 'revoked' };
    return { ok: true, account: strip(account), decision: await this.count(account, now, count) };
  }

  /** A mock call, counted against the API owner's key without any credential from the caller. */
  async consumeForMock(now: number): Promise<{ ok: true; decision: Decision } | { ok: false; reason: 'unknown' | 'revoked' }> {
    const account = await this.load();
    if (!account) return { ok: false, reason: 'unknown' };
    if (account.revoked) return { ok: false, reason: 'revoked' };
    return { ok: true, decision: await this.count(account, now, true) };
  }

  async usage(now: number): Promise<Usage | null> {
    const account = await this.load();
    if (!account) return null;
    return { id: account.id, limits: account.limits, decision: evaluate(this.counters!, account.limits, now), daily: dailySeries(this.counters!, now) };
  }

  async setLimits(limits: Limits): Promise<Omit<Account, 'keyHash'> | null> {
    const account = await this.load();
    if (!account) return null;
    account.limits = limits;
    await this.save();
    return strip(account);
  }

  async revoke(): Promise<boolean> {
    const account = await this.load();
    if (!account) return false;
    account.revoked = true;
    await this.save();
    return true;
  }

  async addApi(api: string): Promise<void> {
    const account = await this.load();
    if (!account || account.apis.includes(api)) return;
    account.apis = [...account.apis, api].sort();
    await this.save();
  }

  async removeApi(api: string): Promise<void> {
    const account = await this.load();
    if (!account || !account.apis.includes(api)) return;
    account.apis = account.apis.filter((a) => a !== api);
    await this.save();
  }

  private async count(account: Account, now: number, count: boolean): Promise<Decision> {
    if (!count) return evaluate(this.counters!, account.limits, now);
    const { counters, decision } = consume(this.counters!, account.limits, now);
    this.counters = counters;
    // Storage awaits keep the input gate closed, so no other request interleaves: counts are exact.
    await this.ctx.storage.put('counters', counters);
    return decision;
  }
}

function strip(account: Account): Omit<Account, 'keyHash'> {
  const { keyHash: _hidden, ...rest } = account;
  return rest;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
