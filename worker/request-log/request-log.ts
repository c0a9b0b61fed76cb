import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import type { LoggedCall, LoggedCallWithId } from './record';
import { sha256Hex } from '../util/hash';
import { LogBatchBuilder, rowsOf, withSharedBody, type LogBatch } from './log-rows';

/** Retention per API: the newest calls only, and none older than a week. */
export const MAX_LOGGED_CALLS = 1000;
const MAX_LOG_AGE_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_PAGE = 200;
/** Six columns a row: 16 rows bind 96 values, under the 100 a Durable Object's SQLite allows. */
const ROWS_PER_INSERT = 16;

/** One call as the log's table stores it: the indexed columns, and the record as JSON text. */
export interface LogQuery {
  limit?: number;
  version?: string;
  /** An exact status (404) or a class (4 for 4xx). */
  status?: number;
  statusClass?: number;
  sandbox?: string;
  /** Only calls older than this id (paging back). */
  before?: number;
  /** Only calls newer than this id (a live view polling for new calls). */
  after?: number;
}

/**
 * The request log of one API: a SQLite table in its own object, so logging never contends with the
 * registry (publish) or the quota (counting) objects, and deleting the API drops it as a whole. Ids are
 * the table's increasing row ids, so "newest first" and paging are index walks.
 */
export class RequestLog extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.createTable();
  }

  private createTable(): void {
    const sql = this.ctx.storage.sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS calls (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      version TEXT NOT NULL,
      status INTEGER NOT NULL,
      sandbox TEXT,
      record TEXT NOT NULL,
      body TEXT
    )`);
    // Logs made before bodies were shared have no `body` column (the hash of a shared body).
    if (!sql.exec('SELECT * FROM calls LIMIT 0').columnNames.includes('body'))
      sql.exec('ALTER TABLE calls ADD COLUMN body TEXT');
    sql.exec('CREATE INDEX IF NOT EXISTS calls_at ON calls (at)');
    sql.exec('CREATE INDEX IF NOT EXISTS calls_body ON calls (body) WHERE body IS NOT NULL');
    // Each distinct large response body once, by the SHA-256 of its JSON (log-rows.ts).
    sql.exec('CREATE TABLE IF NOT EXISTS bodies (hash TEXT PRIMARY KEY, json TEXT NOT NULL)');
  }

  /** Stores one call and applies retention; the record is already redacted and capped. */
  async append(call: LoggedCall): Promise<string> {
    const batch = new LogBatchBuilder();
    batch.add(call);
    return this.appendRows(batch.wire);
  }

  /**
   * Stores a batch (log-rows.ts), a few rows per statement, then prunes once; returns the last id.
   * The records arrive as JSON text, which is what the table stores. Large response bodies arrive
   * once per batch and are stored once per log, by hash; retention drops those no row names.
   */
  async appendRows(batch: LogBatch): Promise<string> {
    const hashes = batch.bodies.map(sha256Hex);
    const sql = this.ctx.storage.sql;
    for (const [i, json] of batch.bodies.entries())
      sql.exec('INSERT OR IGNORE INTO bodies (hash, json) VALUES (?, ?)', hashes[i], json);
    const rows = rowsOf(batch);
    let seq = 0;
    const kept = rows.slice(0, MAX_LOGGED_CALLS);
    for (let i = 0; i < kept.length; i += ROWS_PER_INSERT) {
      const chunk = kept.slice(i, i + ROWS_PER_INSERT);
      const values: (string | number | null)[] = [];
      for (const row of chunk)
        values.push(
          row.at,
          row.version,
          row.status,
          row.sandbox,
          row.json,
          row.body === undefined ? null : hashes[row.body],
        );
      for (const { seq: s } of sql.exec<{ seq: number }>(
        `INSERT INTO calls (at, version, status, sandbox, record, body) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')} RETURNING seq`,
        ...values,
      ))
        seq = Math.max(seq, s);
    }
    sql.exec('DELETE FROM calls WHERE at < ?', Date.now() - MAX_LOG_AGE_MS);
    sql.exec('DELETE FROM calls WHERE seq <= ?', seq - MAX_LOGGED_CALLS);
    sql.exec('DELETE FROM bodies WHERE hash NOT IN (SELECT body FROM calls WHERE body IS NOT NULL)');
    return String(seq);
  }

  /** Stored rows as the records they were: shared bodies back in place. */
  private records(rows: { seq: number; record: string; body: string | null }[]): LoggedCallWithId[] {
    const hashes = [...new Set(rows.flatMap((r) => (r.body === null ? [] : [r.body])))];
    const bodies = new Map<string, string>();
    if (hashes.length > 0)
      for (const { hash, json } of this.ctx.storage.sql.exec<{ hash: string; json: string }>(
        `SELECT hash, json FROM bodies WHERE hash IN (${hashes.map(() => '?').join(', ')})`,
        ...hashes,
      ))
        bodies.set(hash, json);
    return rows.map((r) => ({
      id: String(r.seq),
      ...(JSON.parse(
        r.body === null ? r.record : withSharedBody(r.record, bodies.get(r.body)),
      ) as LoggedCall),
    }));
  }

  /**
   * Newest first by arrival (writes land in waitUntil, so two concurrent calls may be written in the
   * other order); calls past the age limit are never returned, even before the next write prunes them.
   * `before` pages back from a listed call; `after` returns what was written since (a live view's poll).
   */
  async list(query: LogQuery): Promise<LoggedCallWithId[]> {
    const sql = this.ctx.storage.sql;
    const where = ['at >= ?'];
    const args: (string | number)[] = [Date.now() - MAX_LOG_AGE_MS];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (query.version !== undefined) add('version = ?', query.version);
    if (query.status !== undefined) add('status = ?', query.status);
    if (query.statusClass !== undefined)
      add('status BETWEEN ? AND ?', query.statusClass * 100, query.statusClass * 100 + 99);
    if (query.sandbox !== undefined) add('sandbox = ?', query.sandbox);
    if (query.after !== undefined) add('seq > ?', query.after);
    if (query.before !== undefined) {
      const anchor = [...sql.exec<{ at: number }>('SELECT at FROM calls WHERE seq = ?', query.before)][0];
      if (anchor) add('(at < ? OR (at = ? AND seq < ?))', anchor.at, anchor.at, query.before);
      else add('seq < ?', query.before);
    }
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
    const rows = sql.exec<{ seq: number; record: string; body: string | null }>(
      `SELECT seq, record, body FROM calls WHERE ${where.join(' AND ')} ORDER BY at DESC, seq DESC LIMIT ${limit}`,
      ...args,
    );
    return this.records([...rows]);
  }

  /**
   * Every retained call to one version, newest first (at most MAX_LOGGED_CALLS): what a diff replays.
   * One indexed read instead of five pages of `list`.
   */
  async callsTo(version: string): Promise<LoggedCallWithId[]> {
    const rows = this.ctx.storage.sql.exec<{ seq: number; record: string; body: string | null }>(
      `SELECT seq, record, body FROM calls WHERE at >= ? AND version = ? ORDER BY at DESC, seq DESC LIMIT ${MAX_LOGGED_CALLS}`,
      Date.now() - MAX_LOG_AGE_MS,
      version,
    );
    return this.records([...rows]);
  }

  /** Everything stored, rows and shared bodies, for tests that prove what storage holds (and does not). */
  async dump(): Promise<string[]> {
    const sql = this.ctx.storage.sql;
    return [
      ...[...sql.exec<{ record: string }>('SELECT record FROM calls')].map((r) => r.record),
      ...[...sql.exec<{ json: string }>('SELECT json FROM bodies')].map((r) => r.json),
    ];
  }

  /** How many shared bodies are stored (retention keeps only those some row still names). */
  async sharedBodies(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM bodies').one().n;
  }

  async count(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM calls').one().n;
  }

  /** Deleting an API deletes its log. */
  async clear(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.createTable();
  }
}

/** The log object of one API name. */
export function requestLogStub(env: Env, api: string) {
  return env.REQUEST_LOG.get(env.REQUEST_LOG.idFromName(api));
}
