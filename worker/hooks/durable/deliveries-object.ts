import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../env';
import { config } from '../../config';
import { randomHex } from '../../util/hash';
import { afterAttempt, type Delivery, type DeliveryDraft } from '../delivery';
import { sendAttempt } from '../send-attempt';
import { DELIVERY_HEADER, newSecret, signature, SIGNATURE_HEADER, WEBHOOK_HEADER } from '../signature';
import type { Subscription } from '../subscriptions';

/** Retention per API, like the request log's: the newest deliveries only. */
const MAX_DELIVERIES = 500;
export const MAX_DELIVERY_PAGE = 200;
/** Attempts sent at once by one alarm; the rest wait for the next one, a moment later. */
const BATCH = 20;

export interface DeliveryQuery {
  limit?: number;
  /** Only deliveries newer than this `seq` (a live view polling). */
  after?: number;
  webhook?: string;
  status?: string;
}

export type ListedDelivery = Delivery & { seq: number };

/**
 * The webhook state of one API: its signing secret, its subscriptions and its deliveries, in one
 * SQLite object so a rotation or a subscription is read-after-write consistent (KV is not) and
 * retries live in its alarm, never in a sleeping request. Deleting the API clears it.
 */
export class Deliveries extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS deliveries (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      status TEXT NOT NULL,
      next_at INTEGER,
      record TEXT NOT NULL
    )`);
    sql.exec(`CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_at)`);
  }

  private meta(k: string): string | undefined {
    return this.ctx.storage.sql.exec<{ v: string }>(`SELECT v FROM meta WHERE k = ?`, k).toArray()[0]?.v;
  }

  private setMeta(k: string, v: string): void {
    this.ctx.storage.sql.exec(`INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)`, k, v);
  }

  /** The API's signing secret, made on first use. */
  secret(): string {
    const found = this.meta('secret');
    if (found) return found;
    const made = newSecret();
    this.setMeta('secret', made);
    return made;
  }

  /** A new secret; the old one signs nothing from now on. */
  rotateSecret(): string {
    const made = newSecret();
    this.setMeta('secret', made);
    return made;
  }

  subscriptions(): Subscription[] {
    return JSON.parse(this.meta('subscriptions') ?? '[]') as Subscription[];
  }

  setSubscriptions(list: Subscription[]): Subscription[] {
    this.setMeta('subscriptions', JSON.stringify(list));
    return list;
  }

  /** Stores the drafts and sends them at once (by the alarm); refused ones are stored as refused. */
  async enqueue(drafts: DeliveryDraft[]): Promise<ListedDelivery[]> {
    const now = Date.now();
    const stored = drafts.map((draft) => this.insert(draft, now));
    if (stored.some((d) => d.status === 'pending')) await this.wake(now);
    return stored;
  }

  private insert(draft: DeliveryDraft, now: number): ListedDelivery {
    const id = `dlv_${randomHex(12)}`;
    const at = new Date(now).toISOString();
    const delivery: Delivery = {
      id,
      kind: draft.kind,
      name: draft.name,
      url: draft.url,
      status: draft.refused ? 'refused' : 'pending',
      createdAt: at,
      version: draft.version,
      on: draft.on,
      ...(draft.sandboxId ? { sandboxId: draft.sandboxId } : {}),
      ...(draft.redeliveryOf ? { redeliveryOf: draft.redeliveryOf } : {}),
      request: { ...draft.request, url: draft.url },
      attempts: draft.refused ? [{ at, durationMs: 0, error: draft.refused }] : [],
      ...(draft.refused ? {} : { nextAttemptAt: at }),
    };
    const sql = this.ctx.storage.sql;
    const seq = sql
      .exec<{ seq: number }>(
        `INSERT INTO deliveries (id, name, status, next_at, record) VALUES (?, ?, ?, ?, ?) RETURNING seq`,
        id,
        delivery.name,
        delivery.status,
        draft.refused ? null : now,
        JSON.stringify(delivery),
      )
      .one().seq;
    sql.exec(`DELETE FROM deliveries WHERE seq <= ?`, seq - MAX_DELIVERIES);
    return { ...delivery, seq };
  }

  /** When the alarm is set for, as this instance last set or read it (saves a read per enqueue). */
  private alarmAt: number | null | undefined;

  private async wake(at: number): Promise<void> {
    this.alarmAt ??= await this.ctx.storage.getAlarm();
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  list(query: DeliveryQuery): ListedDelivery[] {
    const filters: [string, string | number | undefined][] = [
      ['seq > ?', query.after],
      ['name = ?', query.webhook],
      ['status = ?', query.status],
    ];
    const used = filters.filter(([, v]) => v !== undefined) as [string, string | number][];
    const where = used.map(([clause]) => clause);
    const args = used.map(([, v]) => v);
    const limit = Math.min(query.limit ?? 50, MAX_DELIVERY_PAGE);
    const rows = this.ctx.storage.sql
      .exec<{ seq: number; record: string }>(
        `SELECT seq, record FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
        ...args,
        limit,
      )
      .toArray();
    return rows.map((r) => ({ ...(JSON.parse(r.record) as Delivery), seq: r.seq }));
  }

  get(id: string): ListedDelivery | undefined {
    const [row] = this.ctx.storage.sql
      .exec<{ seq: number; record: string }>(`SELECT seq, record FROM deliveries WHERE id = ?`, id)
      .toArray();
    return row ? { ...(JSON.parse(row.record) as Delivery), seq: row.seq } : undefined;
  }

  /** The same request to the same URL again, as a new delivery. */
  async redeliver(id: string): Promise<ListedDelivery | undefined> {
    const old = this.get(id);
    if (!old) return undefined;
    const { url: _url, ...request } = old.request;
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([k]) => ![SIGNATURE_HEADER, DELIVERY_HEADER, WEBHOOK_HEADER].includes(k),
      ),
    );
    const draft: DeliveryDraft = {
      kind: old.kind,
      name: old.name,
      url: old.url,
      version: old.version,
      on: 'redeliver',
      redeliveryOf: old.id,
      request: { ...request, headers },
      ...(old.status === 'refused' ? { refused: old.attempts[0]?.error ?? 'refused' } : {}),
    };
    return (await this.enqueue([draft]))[0];
  }

  async clear(): Promise<void> {
    this.alarmAt = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** Sends every attempt that is due, records it, and sets the alarm for the next one. */
  override async alarm(): Promise<void> {
    // This alarm has fired: none is set until an enqueue or the end of this one sets the next.
    this.alarmAt = null;
    const now = Date.now();
    const due = this.ctx.storage.sql
      .exec<{ record: string }>(
        `SELECT record FROM deliveries WHERE next_at <= ? ORDER BY next_at LIMIT ?`,
        now,
        BATCH,
      )
      .toArray()
      .map((r) => JSON.parse(r.record) as Delivery);
    await Promise.all(due.map((d) => this.attempt(d)));
    const [next] = this.ctx.storage.sql
      .exec<{ at: number }>(`SELECT MIN(next_at) AS at FROM deliveries WHERE next_at IS NOT NULL`)
      .toArray();
    const at = next?.at ?? null;
    if (at === null) return;
    this.alarmAt = Math.max(at, Date.now());
    await this.ctx.storage.setAlarm(this.alarmAt);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const body = delivery.request.body ?? '';
    const t = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'user-agent': 'specmock-webhooks/1',
      ...delivery.request.headers,
      [SIGNATURE_HEADER]: await signature(this.secret(), body, t),
      [DELIVERY_HEADER]: delivery.id,
      [WEBHOOK_HEADER]: delivery.name,
    };
    const { attempt, response } = await sendAttempt(delivery, headers, Date.now);
    const attempts = [...delivery.attempts, attempt];
    const { status, nextAt } = afterAttempt(
      attempt,
      attempts.length,
      config(this.env).webhookRetryDelays,
      Date.now(),
    );
    const updated: Delivery = {
      ...delivery,
      status,
      attempts,
      request: { ...delivery.request, headers },
      ...(response ? { response } : {}),
    };
    if (nextAt !== undefined) updated.nextAttemptAt = new Date(nextAt).toISOString();
    else delete updated.nextAttemptAt;
    this.ctx.storage.sql.exec(
      `UPDATE deliveries SET status = ?, next_at = ?, record = ? WHERE id = ?`,
      status,
      nextAt ?? null,
      JSON.stringify(updated),
      delivery.id,
    );
  }
}

export function deliveriesStub(env: Env, api: string) {
  return env.DELIVERIES.get(env.DELIVERIES.idFromName(api));
}
