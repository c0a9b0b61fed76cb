import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import {
  consume,
  dailySeries,
  dayOf,
  emptyCounters,
  evaluate,
  type Counters,
  type Decision,
  type Limits,
} from './policy';

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
  private counters: Counters = emptyCounters();
  /** Days already written under their own `daily:` key. */
  private readonly persistedDays = new Set<string>();

  /**
   * The synchronous SQLite-backed KV API: no await between reading and writing the counters, so no
   * other request can interleave (exact counts), and no promise round trip on the hot path. Output
   * gates still hold each response until its write is durable.
   */
  private load(): Account | null {
    if (this.account === undefined) {
      const kv = this.ctx.storage.kv;
      this.account = kv.get<Account>('account') ?? null;
      const daily: Record<string, number> = {};
      for (const [key, n] of kv.list<number>({ prefix: DAILY_PREFIX })) {
        daily[key.slice(DAILY_PREFIX.length)] = n;
        this.persistedDays.add(key.slice(DAILY_PREFIX.length));
      }
      const stored = kv.get<StoredWindow>('window');
      if (stored) {
        const { today, todayCount, ...window } = stored;
        this.counters = { ...window, daily: { ...daily, [today]: todayCount } };
      } else this.counters = { ...emptyCounters(), daily };
    }
    return this.account;
  }

  private saveAccount(account: Account): Omit<Account, 'keyHash'> {
    this.account = account;
    this.ctx.storage.kv.put('account', account);
    return strip(account);
  }

  async create(id: string, keyHash: string, limits: Limits, now: number): Promise<Omit<Account, 'keyHash'>> {
    if (this.load()) throw new Error('key id collision');
    return this.saveAccount({
      id,
      keyHash,
      createdAt: new Date(now).toISOString(),
      limits,
      revoked: false,
      apis: [],
    });
  }

  /** Authenticates a presented key and, when `count` is set, consumes one request of its quota. */
  async authorize(keyHash: string, now: number, count: boolean): Promise<Authorization> {
    const account = this.load();
    if (!account || !timingSafeEqual(account.keyHash, keyHash)) return { ok: false, reason: 'unknown' };
    if (account.revoked) return { ok: false, reason: 'revoked' };
    return { ok: true, account: strip(account), decision: this.count(account.limits, now, count) };
  }

  /** A mock call, counted against the API owner's key without any credential from the caller. */
  async consumeForMock(
    now: number,
  ): Promise<{ ok: true; decision: Decision } | { ok: false; reason: 'unknown' | 'revoked' }> {
    const account = this.load();
    if (!account) return { ok: false, reason: 'unknown' };
    if (account.revoked) return { ok: false, reason: 'revoked' };
    return { ok: true, decision: this.count(account.limits, now, true) };
  }

  /**
   * A bucket with no key behind it (e.g. signups from one client address): the same exact counting,
   * with the limits supplied by the caller.
   */
  async consumeBucket(now: number, limits: Limits): Promise<Decision> {
    this.load();
    return this.count(limits, now, true);
  }

  async usage(now: number): Promise<Usage | null> {
    const account = this.load();
    if (!account) return null;
    return {
      id: account.id,
      limits: account.limits,
      decision: evaluate(this.counters, account.limits, now),
      daily: dailySeries(this.counters, now),
    };
  }

  async setLimits(limits: Limits): Promise<Omit<Account, 'keyHash'> | null> {
    const account = this.load();
    return account ? this.saveAccount({ ...account, limits }) : null;
  }

  async revoke(): Promise<boolean> {
    const account = this.load();
    if (!account) return false;
    this.saveAccount({ ...account, revoked: true });
    return true;
  }

  async addApi(api: string): Promise<void> {
    const account = this.load();
    if (account && !account.apis.includes(api))
      this.saveAccount({ ...account, apis: [...account.apis, api].sort() });
  }

  async removeApi(api: string): Promise<void> {
    const account = this.load();
    if (account?.apis.includes(api))
      this.saveAccount({ ...account, apis: account.apis.filter((a) => a !== api) });
  }

  private count(limits: Limits, now: number, count: boolean): Decision {
    if (!count) return evaluate(this.counters, limits, now);
    const before = this.counters;
    const { counters, decision } = consume(before, limits, now);
    this.counters = counters;
    const { daily, ...window } = counters;
    const today = dayOf(now);
    const kv = this.ctx.storage.kv;
    // One write per request: the windows together with today's count. A finished day is written
    // once, under its own key, when the first request of the next day arrives.
    kv.put('window', { ...window, today, todayCount: daily[today] ?? 0 } satisfies StoredWindow);
    for (const day of Object.keys(before.daily)) {
      if (!(day in daily)) kv.delete(DAILY_PREFIX + day);
      else if (day !== today && before.daily[day] !== undefined && !this.persistedDays.has(day)) {
        kv.put(DAILY_PREFIX + day, before.daily[day]);
        this.persistedDays.add(day);
      }
    }
    return decision;
  }
}

interface StoredWindow extends Omit<Counters, 'daily'> {
  today: string;
  todayCount: number;
}

const DAILY_PREFIX = 'daily:';

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

/** The account object of one key id (or of a signup bucket such as `signup:<address>`). */
export function accountStub(env: Env, id: string) {
  return env.QUOTA.get(env.QUOTA.idFromName(id));
}
