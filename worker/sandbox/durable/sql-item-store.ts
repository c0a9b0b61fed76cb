import type { JsonValue } from '../../mock/plan';
import type { ItemStore, StoredItem } from '../item-store';

/** An id of digits only; the query must repeat the index's condition word for word to use it. */
const NUMERIC_ID = `id <> '' AND id NOT GLOB '*[^0-9]*'`;
/** The same condition in JS. */
const DIGITS = /^[0-9]+$/;

/**
 * The ItemStore of one sandbox on its Durable Object's SQLite. The SQL API is synchronous, so a
 * sandbox call's reads and writes run without an await between them: no other call interleaves,
 * and the object commits them together.
 */
export class SqlItemStore implements ItemStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS scopes (scope TEXT PRIMARY KEY, created INTEGER NOT NULL)`);
    sql.exec(
      `CREATE TABLE IF NOT EXISTS items (scope TEXT NOT NULL, id TEXT NOT NULL, pos INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (scope, id))`,
    );
    sql.exec(`CREATE INDEX IF NOT EXISTS items_by_pos ON items (scope, pos)`);
    // The largest numeric id is read on every create: from this index it is one seek, where the
    // table would be scanned (1.8 ms at 20,000 items).
    sql.exec(
      `CREATE INDEX IF NOT EXISTS items_by_number ON items (scope, CAST(id AS INTEGER)) WHERE ${NUMERIC_ID}`,
    );
    // How many items the seed put in: positions up to it are seeded, later ones created.
    sql.exec(`CREATE TABLE IF NOT EXISTS seeded (scope TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
  }

  /** Writes so far: a read answered while this is unchanged answers the same again (read-cache.ts). */
  writes = 0;

  /** Scopes known to be seeded: every call asks, and a scope stays seeded until drop or clear. */
  private readonly seededScopes = new Set<string>();

  isSeeded(scope: string): boolean {
    if (this.seededScopes.has(scope)) return true;
    const seeded = this.sql.exec(`SELECT 1 FROM scopes WHERE scope = ?`, scope).toArray().length > 0;
    if (seeded) this.seededScopes.add(scope);
    return seeded;
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

  /**
   * The largest numeric id per scope, read once and then kept by put and remove: every create asks
   * for it. A put of a larger id raises it; removing the largest forgets it until the next read.
   */
  private readonly maxIds = new Map<string, number>();

  maxNumericId(scope: string): number {
    let n = this.maxIds.get(scope);
    if (n === undefined) {
      n =
        this.sql
          .exec<{ n: number | null }>(
            `SELECT MAX(CAST(id AS INTEGER)) AS n FROM items WHERE scope = ? AND ${NUMERIC_ID}`,
            scope,
          )
          .one().n ?? 0;
      this.maxIds.set(scope, n);
    }
    // The id after the largest is free (a digits-only id holding it would be larger): a create
    // that takes it need not ask SQLite whether it is taken.
    if (Number.isSafeInteger(n + 1)) this.absent = absentKey(scope, String(n + 1));
    return n;
  }

  /**
   * The largest position per scope, read once and then kept by put; a removal forgets it, so the
   * next item takes the position after the largest left, as before. As a subquery of the INSERT,
   * SQLite did not seek the index for it: an eighth of a sandbox create's time (bench/sandbox.mjs).
   */
  private readonly lastPos = new Map<string, number>();

  private lastPosition(scope: string): number {
    let n = this.lastPos.get(scope);
    if (n === undefined) {
      n = this.sql
        .exec<{ n: number }>(`SELECT COALESCE(MAX(pos), 0) AS n FROM items WHERE scope = ?`, scope)
        .one().n;
      this.lastPos.set(scope, n);
    }
    return n;
  }

  /** Keeps `maxIds` true after `id` was put (`added`) or removed in `scope`. */
  private renumber(scope: string, id: string, added: boolean): void {
    const max = this.maxIds.get(scope);
    if (max === undefined || !DIGITS.test(id)) return;
    const n = Number(id);
    // Past 2^53 a JS number and SQLite's CAST disagree: such an id is read back from SQLite.
    if (added ? n <= max : n < max) return;
    if (added && Number.isSafeInteger(n)) this.maxIds.set(scope, n);
    else this.maxIds.delete(scope);
  }

  get(scope: string, id: string): JsonValue | undefined {
    const [row] = this.sql
      .exec<{ body: string }>(`SELECT body FROM items WHERE scope = ? AND id = ?`, scope, id)
      .toArray();
    if (!row) this.absent = absentKey(scope, id);
    return row ? (JSON.parse(row.body) as JsonValue) : undefined;
  }

  has(scope: string, id: string): boolean {
    if (this.absent === absentKey(scope, id)) return false;
    const found =
      this.sql.exec(`SELECT 1 FROM items WHERE scope = ? AND id = ?`, scope, id).toArray().length > 0;
    if (!found) this.absent = absentKey(scope, id);
    return found;
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
    this.recount(scope, 1);
    this.renumber(scope, id, true);
    const pos = this.lastPosition(scope) + 1;
    this.lastPos.set(scope, pos);
    this.sql.exec(`INSERT INTO items (scope, id, pos, body) VALUES (?, ?, ?, ?)`, scope, id, pos, body);
  }

  remove(scope: string, id: string): boolean {
    this.writes++;
    this.absent = undefined;
    const [gone] = this.sql
      .exec<{ n: number }>(
        `DELETE FROM items WHERE scope = ? AND id = ? RETURNING LENGTH(body) AS n`,
        scope,
        id,
      )
      .toArray();
    if (gone && this.total !== undefined) this.total -= gone.n;
    if (gone) this.recount(scope, -1);
    if (gone) this.renumber(scope, id, false);
    if (gone) this.lastPos.delete(scope);
    return gone !== undefined;
  }

  /**
   * Items per scope, counted once per object and then kept by put, remove and drop (every write
   * passes through this store): a create checks the cap without counting the collection.
   */
  private readonly counts = new Map<string, number>();

  count(scope: string): number {
    let n = this.counts.get(scope);
    if (n === undefined) {
      n = this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM items WHERE scope = ?`, scope).one().n;
      this.counts.set(scope, n);
    }
    return n;
  }

  private recount(scope: string, delta: number): void {
    const n = this.counts.get(scope);
    if (n !== undefined) this.counts.set(scope, n + delta);
  }

  drop(scope: string): void {
    this.writes++;
    this.absent = undefined;
    const gone = this.sql
      .exec<{ n: number }>(`DELETE FROM items WHERE scope = ? RETURNING LENGTH(body) AS n`, scope)
      .toArray();
    if (this.total !== undefined) for (const row of gone) this.total -= row.n;
    this.counts.delete(scope);
    this.maxIds.delete(scope);
    this.lastPos.delete(scope);
    this.seededScopes.delete(scope);
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

  nextSequence(scope: string): number {
    this.writes++;
    return this.sql
      .exec<{ created: number }>(
        `UPDATE scopes SET created = created + 1 WHERE scope = ? RETURNING created`,
        scope,
      )
      .one().created;
  }

  /** Back to the seeded start: every scope is seeded again on its next touch. */
  clear(): void {
    this.writes++;
    this.absent = undefined;
    this.sql.exec(`DELETE FROM items`);
    this.sql.exec(`DELETE FROM scopes`);
    this.sql.exec(`DELETE FROM seeded`);
    this.total = 0;
    this.counts.clear();
    this.maxIds.clear();
    this.lastPos.clear();
    this.seededScopes.clear();
  }
}

function absentKey(scope: string, id: string): string {
  return `${scope}\u0000${id}`;
}
