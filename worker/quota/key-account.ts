import { DurableObject } from 'cloudflare:workers';
import { config } from '../config';
import type { Env } from '../env';
import {
  consumeControl,
  emptyControl,
  evaluateControl,
  type ControlCounter,
  type ControlDecision,
} from './control-policy';
import type { Refusal } from './lease-book';
import { grantWindow, leaseSize, type Grant } from './lease-policy';
import {
  consume,
  dailySeries,
  dayOf,
  emptyCounters,
  evaluate,
  refund,
  type Counters,
  type Decision,
  type Limits,
  type Refund,
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
  { ok: true; account: Omit<Account, 'keyHash'>; decision: ControlDecision } | Refusal;

export interface Usage {
  id: string;
  limits: Limits;
  /** The mock quota (minute and month). */
  decision: Decision;
  /** The control plane's own per-minute budget. */
  control: ControlDecision;
  daily: { date: string; count: number }[];
}

/**
 * One object per API key, reached by the key's id: it authenticates the key, holds its limits and
 * counts its requests. Being a single-threaded object is what makes the limits exact under
 * concurrency. Two budgets: the mock quota (minute and month, spent through leases granted to
 * isolates, see lease-policy.ts) and the control plane's per-minute limit, which mock traffic
 * never touches.
 */
export class KeyAccount extends DurableObject<Env> {
  private account: Account | null | undefined;
  private counters: Counters = emptyCounters();
  private control: ControlCounter = emptyControl();
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
      this.control = kv.get<ControlCounter>('control') ?? emptyControl();
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

  /**
   * Authenticates a presented key and, when `count` is set, counts one control-plane call against
   * the key's control budget (never against its mock quota).
   */
  async authorize(keyHash: string, now: number, count: boolean): Promise<Authorization> {
    const account = this.load();
    if (!account || !timingSafeEqual(account.keyHash, keyHash)) return { ok: false, reason: 'unknown' };
    if (account.revoked) return { ok: false, reason: 'revoked' };
    const limit = config(this.env).controlPerMinute;
    if (!count)
      return { ok: true, account: strip(account), decision: evaluateControl(this.control, limit, now) };
    const { counter, decision } = consumeControl(this.control, limit, now);
    this.control = counter;
    this.ctx.storage.kv.put('control', counter);
    return { ok: true, account: strip(account), decision };
  }

  /** One mock call, counted against the API owner's key without any credential from the caller. */
  async consumeForMock(now: number): Promise<{ ok: true; decision: Decision } | Refusal> {
    const lease = await this.leaseForMock(now, [], 1);
    return lease.ok ? { ok: true, decision: lease.decision } : lease;
  }

  /**
   * A lease of up to `want` mock calls for one isolate, counted as used at once, after taking back
   * the tokens the isolate did not spend (`refunds`). A grant of 0 tokens is a refusal.
   */
  async leaseForMock(
    now: number,
    refunds: Refund[],
    want: number,
  ): Promise<({ ok: true } & Grant) | Refusal> {
    const account = this.load();
    if (!account) return { ok: false, reason: 'unknown' };
    if (account.revoked) return { ok: false, reason: 'revoked' };
    const before = refunds.length > 0 ? refund(this.counters, refunds, now) : this.counters;
    const n = leaseSize(evaluate(before, account.limits, now), want);
    const { counters, decision, counted } = consume(before, account.limits, now, n);
    if (counted > 0 || refunds.length > 0) this.persist(counters, now);
    else this.counters = counters;
    return { ok: true, tokens: counted, decision, ...grantWindow(now) };
  }

  /**
   * A bucket with no key behind it (e.g. signups from one client address): the same exact counting,
   * with the limits supplied by the caller.
   */
  async consumeBucket(now: number, limits: Limits): Promise<Decision> {
    this.load();
    const { counters, decision, counted } = consume(this.counters, limits, now);
    if (counted > 0) this.persist(counters, now);
    return decision;
  }

  /** Limits, both budgets and daily counts, after taking back an isolate's unspent tokens. */
  async usage(now: number, refunds: Refund[] = []): Promise<Usage | null> {
    const account = this.load();
    if (!account) return null;
    if (refunds.length > 0) this.persist(refund(this.counters, refunds, now), now);
    return {
      id: account.id,
      limits: account.limits,
      decision: evaluate(this.counters, account.limits, now),
      control: evaluateControl(this.control, config(this.env).controlPerMinute, now),
      daily: dailySeries(this.counters, now),
    };
  }

  async setLimits(limits: Limits): Promise<Omit<Account, 'keyHash'> | null> {
    const account = this.load();
    return account ? this.saveAccount({ ...account, limits }) : null;
  }

  async revoke(refunds: Refund[] = []): Promise<boolean> {
    const account = this.load();
    if (!account) return false;
    if (refunds.length > 0) this.persist(refund(this.counters, refunds, Date.now()), Date.now());
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

  /** Keeps the new counters and writes them: one write per call (the windows and today's count). */
  private persist(counters: Counters, now: number): void {
    const before = this.counters;
    this.counters = counters;
    const { daily, ...window } = counters;
    const today = dayOf(now);
    const kv = this.ctx.storage.kv;
    kv.put('window', { ...window, today, todayCount: daily[today] ?? 0 } satisfies StoredWindow);
    // A finished day is written once, under its own key, when the first request of the next day
    // arrives; a refund of a finished day rewrites it.
    for (const day of Object.keys(before.daily)) {
      if (!(day in daily)) kv.delete(DAILY_PREFIX + day);
      else if (day !== today && (!this.persistedDays.has(day) || before.daily[day] !== daily[day])) {
        kv.put(DAILY_PREFIX + day, daily[day]);
        this.persistedDays.add(day);
      }
    }
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
