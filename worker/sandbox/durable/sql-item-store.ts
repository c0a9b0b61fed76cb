import type { JsonValue } from '../../mock/plan';
import type { ItemStore, StoredItem } from '../item-store';

/** An id of digits only, in SQL and in JS. */
const NUMERIC_ID = `id <> '' AND id NOT GLOB '*[^0-9]*'`;
const DIGITS = /^[0-9]+$/;

/**
 * The ItemStore of one sandbox on its Durable Object's SQLite. The SQL API is synchronous, so a
 * sandbox call's reads and writes run without an await between them: no other call interleaves,
 * and the object commits them together.
 */
export class SqlItemStore implements ItemStore {
  constructor(private readonly sql: SqlStorage) {
    // A scope's row says it was seeded. Its `created` column counted creates until a create's salt
    // became its item's place (nextPosition): that second write per create cost as much as the
    // item's own (bench/cpu-per-call.mjs). The column stays for objects made before; it is 0 now.
    sql.exec(`CREATE TABLE IF NOT EXISTS scopes (scope TEXT PRIMARY KEY, created INTEGER NOT NULL)`);
    // The table's key is its only index. Objects made before had two more, by position and by
    // numeric id, for the largest of each; both are kept in memory (memos below), so SQLite was
    // asked for them about once per object, while every create wrote both indexes (a sandbox
    // POST costs about 20 µs less CPU without them: bench/ab-loop.mjs).
    sql.exec(`DROP INDEX IF EXISTS items_by_pos`);
    sql.exec(`DROP INDEX IF EXISTS items_by_number`);
    // Every read and write finds an item by its key, so the table is its key's b-tree: a rowid
    // table wrote a second b-tree (the key's index) on every create and read through both (a
    // sandbox POST costs about 13 µs less CPU: bench/ab-loop.mjs). An object made before is moved
    // over when it wakes; a move cut short is finished on the next wake, never started again.
    const made = tableSql(sql, 'items');
    if (made !== undefined && !/WITHOUT ROWID/i.test(made))
      sql.exec(`ALTER TABLE items RENAME TO items_by_rowid`);
    sql.exec(
      `CREATE TABLE IF NOT EXISTS items (scope TEXT NOT NULL, id TEXT NOT NULL, pos INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (scope, id)) WITHOUT ROWID`,
    );
    if (tableSql(sql, 'items_by_rowid') !== undefined) {
      sql.exec(
        `INSERT OR IGNORE INTO items (scope, id, pos, body) SELECT scope, id, pos, body FROM items_by_rowid`,
      );
      sql.exec(`DROP TABLE items_by_rowid`);
    }
    // How many items the seed put in: positions up to it are seeded, later ones created.
    sql.exec(`CREATE TABLE IF NOT EXISTS seeded (scope TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
  }

  /** Writes so far: a read answered while this is unchanged answers the same again (read-cache.ts). */
  writes = 0;

  /**
   * What this store knows of each scope without asking SQLite again: read once per object, then kept
   * by every write (all of them pass through this store), forgotten by drop and clear.
   * - seeded: every call asks, and a scope stays seeded until drop or clear;
   * - count: a create checks the cap without counting the collection;
   * - maxId: every create asks for the largest numeric id; a put of a larger one raises it, removing
   *   the largest forgets it;
   * - lastPos: the largest position held; removing the item that holds it forgets it, so the next
   *   item takes the place after the largest left.
   * Without an index for them, maxId and lastPos are read by a scan of the scope's keys (about
   * 0.1 ms at 1,000 items): once per object, and again only after the item holding one is removed.
   */
  private readonly memos = new Map<string, ScopeMemo>();

  private memo(scope: string): ScopeMemo {
    let m = this.memos.get(scope);
    if (!m) this.memos.set(scope, (m = {}));
    return m;
  }

  isSeeded(scope: string): boolean {
    const m = this.memo(scope);
    m.seeded ||= this.sql.exec(`SELECT 1 FROM scopes WHERE scope = ?`, scope).toArray().length > 0;
    return m.seeded;
  }

  seed(scope: string, items: StoredItem[]): void {
    this.writes++;
    this.sql.exec(`INSERT OR IGNORE INTO scopes (scope, created) VALUES (?, 0)`, scope);
    for (const item of items) this.put(scope, item.id, item.value);
    this.sql.exec(
      `INSERT OR REPLACE INTO seeded (scope, n) VALUES (?, (SELECT COALESCE(MAX(pos), 0) FROM items WHERE scope = ?))`,
      scope,
      scope,
    );
  }

  list(scope: string): StoredItem[] {
    return this.sql
      .exec<{ id: string; body: string }>(
        `SELECT id, body FROM items WHERE scope = ?
         ORDER BY pos > COALESCE((SELECT n FROM seeded WHERE scope = ?), 0) DESC,
                  CASE WHEN pos > COALESCE((SELECT n FROM seeded WHERE scope = ?), 0) THEN -pos ELSE pos END`,
        scope,
        scope,
        scope,
      )
      .toArray()
      .map((row) => ({ id: row.id, value: JSON.parse(row.body) as JsonValue }));
  }

  maxNumericId(scope: string): number {
    const n = (this.memo(scope).maxId ??=
      this.sql
        .exec<{ n: number | null }>(
          `SELECT MAX(CAST(id AS INTEGER)) AS n FROM items WHERE scope = ? AND ${NUMERIC_ID}`,
          scope,
        )
        .one().n ?? 0);
    // The id after the largest is free (a digits-only id holding it would be larger): a create
    // that takes it need not ask SQLite whether it is taken.
    if (Number.isSafeInteger(n + 1)) this.absent = absentKey(scope, String(n + 1));
    return n;
  }

  /** Keeps `maxId` true after `id` was put (`added`) or removed. */
  private renumber(m: ScopeMemo, id: string, added: boolean): void {
    const max = m.maxId;
    if (max === undefined || !DIGITS.test(id)) return;
    const n = Number(id);
    // Past 2^53 a JS number and SQLite's CAST disagree: such an id is read back from SQLite.
    if (added ? n <= max : n < max) return;
    m.maxId = added && Number.isSafeInteger(n) ? n : undefined;
  }

  get(scope: string, id: string): JsonValue | undefined {
    const [row] = this.sql
      .exec<{ body: string }>(`SELECT body FROM items WHERE scope = ? AND id = ?`, scope, id)
      .toArray();
    if (!row) this.absent = absentKey(scope, id);
    return row ? (JSON.parse(row.body) as JsonValue) : undefined;
  }

  has(scope: string, id: string): boolean {
    // An empty scope is answered from the kept count: every create asks its collection's scope of
    // deleted items (used-parent.ts), which is nearly always empty, and asked SQLite each time.
    if (this.absent === absentKey(scope, id) || this.count(scope) === 0) return false;
    const found =
      this.sql.exec(`SELECT 1 FROM items WHERE scope = ? AND id = ?`, scope, id).toArray().length > 0;
    if (!found) this.absent = absentKey(scope, id);
    return found;
  }

  isSeededItem(scope: string, id: string): boolean {
    return (
      this.sql
        .exec(
          `SELECT 1 FROM items WHERE scope = ? AND id = ? AND pos <= COALESCE((SELECT n FROM seeded WHERE scope = ?), 0)`,
          scope,
          id,
          scope,
        )
        .toArray().length > 0
    );
  }

  /**
   * The item last read as absent, until the next write: a create checks its id is free, then puts
   * it, and the put need not ask again (the store is synchronous, so nothing writes in between).
   */
  private absent: string | undefined;

  put(scope: string, id: string, value: JsonValue): void {
    this.writes++;
    const body = JSON.stringify(value);
    const known = this.absent === absentKey(scope, id);
    this.absent = undefined;
    const [old] = known
      ? []
      : this.sql
          .exec<{ n: number }>(`SELECT LENGTH(body) AS n FROM items WHERE scope = ? AND id = ?`, scope, id)
          .toArray();
    if (this.total !== undefined) this.total += body.length - (old?.n ?? 0);
    if (old) {
      this.sql.exec(`UPDATE items SET body = ? WHERE scope = ? AND id = ?`, body, scope, id);
      return;
    }
    const m = this.memo(scope);
    if (m.count !== undefined) m.count++;
    this.renumber(m, id, true);
    const pos = this.nextPosition(scope);
    m.lastPos = pos;
    this.sql.exec(`INSERT INTO items (scope, id, pos, body) VALUES (?, ?, ?, ?)`, scope, id, pos, body);
  }

  remove(scope: string, id: string): boolean {
    this.writes++;
    this.absent = undefined;
    const [gone] = this.sql
      .exec<{ n: number; pos: number }>(
        `DELETE FROM items WHERE scope = ? AND id = ? RETURNING LENGTH(body) AS n, pos`,
        scope,
        id,
      )
      .toArray();
    if (gone && this.total !== undefined) this.total -= gone.n;
    if (gone) {
      const m = this.memo(scope);
      if (m.count !== undefined) m.count--;
      this.renumber(m, id, false);
      if (gone.pos === m.lastPos) m.lastPos = undefined;
    }
    return gone !== undefined;
  }

  count(scope: string): number {
    return (this.memo(scope).count ??= this.sql
      .exec<{ n: number }>(`SELECT COUNT(*) AS n FROM items WHERE scope = ?`, scope)
      .one().n);
  }

  drop(scope: string): void {
    this.writes++;
    this.absent = undefined;
    const gone = this.sql
      .exec<{ n: number }>(`DELETE FROM items WHERE scope = ? RETURNING LENGTH(body) AS n`, scope)
      .toArray();
    if (this.total !== undefined) for (const row of gone) this.total -= row.n;
    this.memos.delete(scope);
    this.sql.exec(`DELETE FROM scopes WHERE scope = ?`, scope);
    this.sql.exec(`DELETE FROM seeded WHERE scope = ?`, scope);
  }

  /** Summed once per object, then kept by put and remove: a write never reads every stored body. */
  private total: number | undefined;

  bytes(): number {
    this.total ??= this.sql
      .exec<{ n: number }>(`SELECT COALESCE(SUM(LENGTH(body)), 0) AS n FROM items`)
      .one().n;
    return this.total;
  }

  nextPosition(scope: string): number {
    const m = this.memo(scope);
    m.lastPos ??= this.sql
      .exec<{ n: number }>(`SELECT COALESCE(MAX(pos), 0) AS n FROM items WHERE scope = ?`, scope)
      .one().n;
    return m.lastPos + 1;
  }

  /** Back to the seeded start: every scope is seeded again on its next touch. */
  clear(): void {
    this.writes++;
    this.absent = undefined;
    this.sql.exec(`DELETE FROM items`);
    this.sql.exec(`DELETE FROM scopes`);
    this.sql.exec(`DELETE FROM seeded`);
    this.total = 0;
    this.memos.clear();
  }
}

/** The `CREATE TABLE` statement a table was made by, if it exists. */
function tableSql(sql: SqlStorage, name: string): string | undefined {
  return sql
    .exec<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, name)
    .toArray()[0]?.sql;
}

function absentKey(scope: string, id: string): string {
  return `${scope}\u0000${id}`;
}

interface ScopeMemo {
  seeded?: boolean;
  count?: number;
  maxId?: number;
  lastPos?: number;
}
