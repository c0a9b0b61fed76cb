import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import type { LoggedCall, LoggedCallWithId } from './record';
import { sha256Hex } from '../util/hash';
import { LogBatchBuilder, recordLines, withSharedBody, type LogBatch } from './log-rows';
import {
  keptEntries,
  MAX_LOGGED_CALLS,
  MAX_PAGE,
  newestFirst,
  selectPage,
  type BatchColumns,
  type CallEntry,
  type LogQuery,
} from './log-index';
import { createLogTables, insertCalls, lastStoredId, prune } from './log-table';
import { applyRepeat, readLine } from './repeated-calls';
import { resolveHeaders, type StoredHeaders } from './shared-headers';

/** A record as stored: its headers members may name the batch's shared headers. */
type StoredCall = Omit<LoggedCall, 'request' | 'response'> & {
  request: Omit<LoggedCall['request'], 'headers'> & { headers: StoredHeaders };
  response: Omit<LoggedCall['response'], 'headers'> & { headers: StoredHeaders };
};

export { MAX_LOGGED_CALLS, MAX_PAGE, type LogQuery } from './log-index';

/** A Durable Object's SQLite binds at most 100 values per statement. */
const MAX_BOUND = 100;

/**
 * The request log of one API: SQLite in its own object, so logging never contends with the
 * registry (publish) or the quota (counting) objects, and deleting the API drops it as a whole.
 * Calls are stored as the Worker sends them, a batch per row (log-table.ts); ids are consecutive
 * and increasing, so "after" and "before" are comparisons.
 */
export class RequestLog extends DurableObject<Env> {
  /** The last id given: read once, then kept (the object alone writes its table). */
  private lastId: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    createLogTables(ctx.storage.sql);
    this.lastId = lastStoredId(ctx.storage.sql);
  }

  /** Stores one call and applies retention; the record is already redacted and capped. */
  async append(call: LoggedCall): Promise<string> {
    const batch = new LogBatchBuilder();
    batch.add(call);
    return this.appendRows(batch.wire);
  }

  /**
   * Stores a batch (log-rows.ts) as it came, then prunes; returns the last id. Large response
   * bodies arrive once per batch and are stored once per log, by hash.
   */
  async appendRows(batch: LogBatch): Promise<string> {
    if (batch.at.length === 0) return String(this.lastId);
    const sql = this.ctx.storage.sql;
    const hashes = batch.bodies.map(sha256Hex);
    for (const [i, json] of batch.bodies.entries())
      sql.exec('INSERT OR IGNORE INTO bodies (hash, json) VALUES (?, ?)', hashes[i], json);
    const columns: BatchColumns = {
      at: batch.at,
      version: batch.version,
      status: batch.status,
      sandbox: batch.sandbox,
      body: batch.body.map((i) => (i >= 0 ? hashes[i] : null)),
    };
    const headers = batch.headers.length > 0 ? `[${batch.headers.join(',')}]` : null;
    this.lastId = insertCalls(sql, this.lastId, columns, batch.records, headers);
    prune(sql, this.lastId, Date.now());
    return String(this.lastId);
  }

  /** Every kept call from the batches that may hold ids above `after`, unordered. */
  private entries(after = 0): CallEntry[] {
    const now = Date.now();
    const from = Math.max(after, this.lastId - MAX_LOGGED_CALLS);
    const out: CallEntry[] = [];
    for (const { last, columns } of this.ctx.storage.sql.exec<{ last: number; columns: string }>(
      'SELECT last, columns FROM batches WHERE last > ?',
      from,
    ))
      for (const e of keptEntries(last, JSON.parse(columns) as BatchColumns, this.lastId, now)) out.push(e);
    return out;
  }

  /** The calls' records, in the order given, with shared bodies and headers back in place. */
  private records(entries: CallEntry[]): LoggedCallWithId[] {
    const sql = this.ctx.storage.sql;
    const stored = new Map<number, { lines: string[]; headers?: Record<string, string>[] }>();
    for (const batch of chunks([...new Set(entries.map((e) => e.batch))]))
      for (const { last, records, headers } of sql.exec<{
        last: number;
        records: string;
        headers: string | null;
      }>(`SELECT last, records, headers FROM batches WHERE last IN (${placeholders(batch)})`, ...batch))
        stored.set(last, {
          lines: recordLines(records),
          headers: headers === null ? undefined : (JSON.parse(headers) as Record<string, string>[]),
        });
    const bodies = new Map<string, string>();
    const hashes = [...new Set(entries.flatMap((e) => (e.body === null ? [] : [e.body])))];
    for (const batch of chunks(hashes))
      for (const { hash, json } of sql.exec<{ hash: string; json: string }>(
        `SELECT hash, json FROM bodies WHERE hash IN (${placeholders(batch)})`,
        ...batch,
      ))
        bodies.set(hash, json);
    return entries.map((e) => {
      const batch = stored.get(e.batch)!;
      const { json, repeat } = readLine(batch.lines, e.line);
      const whole = JSON.parse(
        e.body === null ? json : withSharedBody(json, bodies.get(e.body)),
      ) as StoredCall;
      const call = repeat ? applyRepeat(whole, repeat, e.at) : whole;
      return {
        id: String(e.id),
        ...call,
        request: { ...call.request, headers: resolveHeaders(call.request.headers, batch.headers) },
        response: { ...call.response, headers: resolveHeaders(call.response.headers, batch.headers) },
      };
    });
  }

  /**
   * Newest first by arrival; calls past retention are never returned, even before the next write
   * prunes their batch. `before` pages back from a listed call; `after` returns what was written
   * since (a live view's poll).
   */
  async list(query: LogQuery): Promise<LoggedCallWithId[]> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
    // The anchor of `before` may be older than `after`: only then are all kept calls read.
    const after = query.before === undefined ? query.after : undefined;
    return this.records(selectPage(this.entries(after), query, limit));
  }

  /** Every kept call to one version, newest first (at most MAX_LOGGED_CALLS): what a diff replays. */
  async callsTo(version: string): Promise<LoggedCallWithId[]> {
    return this.records(
      this.entries()
        .filter((e) => e.version === version)
        .sort(newestFirst),
    );
  }

  /** Everything stored, records, shared headers and shared bodies, for tests that prove what storage holds (and does not). */
  async dump(): Promise<string[]> {
    const sql = this.ctx.storage.sql;
    return [
      ...[
        ...sql.exec<{ records: string; headers: string | null }>('SELECT records, headers FROM batches'),
      ].flatMap((r) => [...recordLines(r.records), ...(r.headers === null ? [] : [r.headers])]),
      ...[...sql.exec<{ json: string }>('SELECT json FROM bodies')].map((r) => r.json),
    ];
  }

  /** How many shared bodies are stored (pruning keeps only those a stored batch names). */
  async sharedBodies(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM bodies').one().n;
  }

  /** How many calls are kept. */
  async count(): Promise<number> {
    return this.entries().length;
  }

  /** Deleting an API deletes its log. */
  async clear(): Promise<void> {
    await this.ctx.storage.deleteAll();
    createLogTables(this.ctx.storage.sql);
    this.lastId = 0;
  }
}

function chunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += MAX_BOUND) out.push(values.slice(i, i + MAX_BOUND));
  return out;
}

const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');

/** The log object of one API name. */
export function requestLogStub(env: Env, api: string) {
  return env.REQUEST_LOG.get(env.REQUEST_LOG.idFromName(api));
}
