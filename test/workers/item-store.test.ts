import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SqlItemStore } from '../../worker/sandbox/durable/sql-item-store';

/** Runs a test on the SQLite of a Sandbox object of its own (each test names its object). */
function onObjectSql(name: string, test: (sql: SqlStorage) => void): Promise<void> {
  return runInDurableObject(env.SANDBOX.get(env.SANDBOX.idFromName(name)), (_instance, state) =>
    test(state.storage.sql),
  );
}

/**
 * Issue 22: a sandbox write reads neither every stored body (the byte total is kept by put and
 * remove), nor every id (the largest numeric id and the last place are kept, read once), nor counts
 * its collection (the count is kept by put, remove and drop). Checked on the Durable Object's own SQLite against a
 * fresh store that counts and sums everything.
 */
describe('the sandbox item store on SQLite', () => {
  it('lists created items newest first, then the seeded ones in their order', async () => {
    await onObjectSql('item-store-order', (sql) => {
      const store = new SqlItemStore(sql);
      store.seed('notes', [
        { id: 's1', value: { id: 's1' } },
        { id: 's2', value: { id: 's2' } },
      ]);
      store.put('notes', 'c1', { id: 'c1' });
      store.put('notes', 'c2', { id: 'c2' });
      store.put('notes', 's1', { id: 's1', text: 'edited in place' });
      expect(store.list('notes').map((i) => i.id)).toEqual(['c2', 'c1', 's1', 's2']);
    });
  });

  it('tells a seeded item from a created one, and a seeded id removed and created again is created', async () => {
    await onObjectSql('item-store-seeded-items', (sql) => {
      const store = new SqlItemStore(sql);
      store.seed('domains', [
        { id: 'example.com', value: { name: 'example.com' } },
        { id: 'b.test', value: { name: 'b.test' } },
      ]);
      store.put('domains', 'c.test', { name: 'c.test' });
      expect(
        ['example.com', 'b.test', 'c.test', 'nope'].map((id) => store.isSeededItem('domains', id)),
      ).toEqual([true, true, false, false]);
      // What a create of a seeded identifier does (write-verbs.ts): it takes the seeded item's place.
      store.remove('domains', 'example.com');
      store.put('domains', 'example.com', { name: 'example.com', ttl: 1800 });
      expect(store.isSeededItem('domains', 'example.com')).toBe(false);
      expect(store.list('domains').map((i) => i.id)).toEqual(['example.com', 'c.test', 'b.test']);
    });
  });

  it('puts each new item after the last one, also after removals, drops and a clear', async () => {
    await onObjectSql('item-store-positions', (sql) => {
      const store = new SqlItemStore(sql);
      const positions = () =>
        sql
          .exec<{ id: string; pos: number }>(`SELECT id, pos FROM items WHERE scope = 'notes' ORDER BY pos`)
          .toArray()
          .map((r) => `${r.id}@${r.pos}`);
      store.seed('notes', [
        { id: 's1', value: { id: 's1' } },
        { id: 's2', value: { id: 's2' } },
      ]);
      store.put('notes', 'c1', { id: 'c1' });
      store.put('notes', 'c2', { id: 'c2' });
      expect(positions()).toEqual(['s1@1', 's2@2', 'c1@3', 'c2@4']);
      // The last item removed: the next one takes the place after the largest left, as SQLite says.
      store.remove('notes', 'c2');
      store.put('notes', 'c3', { id: 'c3' });
      store.put('notes', 'c1', { id: 'c1', text: 'replaced in place' });
      expect(positions()).toEqual(['s1@1', 's2@2', 'c1@3', 'c3@4']);
      expect(store.list('notes').map((i) => i.id)).toEqual(['c3', 'c1', 's1', 's2']);
      // An item before the last removed: the last place stays taken, as a fresh store reads it.
      store.remove('notes', 'c1');
      expect(new SqlItemStore(sql).nextPosition('notes')).toBe(5);
      store.put('notes', 'c4', { id: 'c4' });
      expect(positions()).toEqual(['s1@1', 's2@2', 'c3@4', 'c4@5']);
      store.drop('notes');
      store.put('notes', 'd1', { id: 'd1' });
      expect(positions()).toEqual(['d1@1']);
      store.clear();
      store.put('notes', 'e1', { id: 'e1' });
      expect(positions()).toEqual(['e1@1']);
    });
  });

  it("names the next item's place without writing, so a create stores its item in one write", async () => {
    await onObjectSql('item-store-next-place', (sql) => {
      const statements: string[] = [];
      // The store's SQLite, with every statement it runs written down.
      const counted = new Proxy(sql, {
        get: (target, name) =>
          name === 'exec'
            ? (query: string, ...args: SqlStorageValue[]) => (
                statements.push(query),
                target.exec(query, ...args)
              )
            : Reflect.get(target, name),
      });
      const store = new SqlItemStore(counted);
      store.seed('pets', [
        { id: '1', value: { id: 1 } },
        { id: '2', value: { id: 2 } },
      ]);
      const writes = () => statements.filter((q) => !/^\s*SELECT/i.test(q));
      // A create as the sandbox makes one (write-verbs.ts): its place is its salt, then its id is
      // checked free, then it is stored.
      statements.length = 0;
      const place = store.nextPosition('pets');
      const id = String(store.maxNumericId('pets') + 1);
      expect(store.has('pets', id)).toBe(false);
      store.put('pets', id, { id: Number(id) });
      expect(writes()).toHaveLength(1);
      expect(writes()[0]).toMatch(/^INSERT INTO items/);
      const stored = sql
        .exec<{ pos: number }>(`SELECT pos FROM items WHERE scope = 'pets' AND id = ?`, id)
        .one().pos;
      expect([place, stored]).toEqual([3, 3]);
      // Asked again before any put, the place is the same: nothing was taken.
      expect(store.nextPosition('pets')).toBe(4);
      expect(store.nextPosition('pets')).toBe(4);
      // The newest item removed: its place is free again, as a fresh store reads it from SQLite.
      store.remove('pets', id);
      expect(store.nextPosition('pets')).toBe(3);
      expect(new SqlItemStore(sql).nextPosition('pets')).toBe(3);
    });
  });

  it('stores an id checked as free without asking again, and still replaces it on the next put', async () => {
    await onObjectSql('item-store-free-id', (sql) => {
      const store = new SqlItemStore(sql);
      const fresh = () => new SqlItemStore(sql);
      expect(store.has('pets', '5')).toBe(false);
      store.put('pets', '5', { id: 5 });
      // The free-id reading is spent by the first write: this is a replacement, not a second row.
      store.put('pets', '5', { id: 5, name: 'replaced' });
      expect(store.get('pets', '6')).toBeUndefined();
      store.put('pets', '6', { id: 6 });
      store.put('pets', '6', { id: 6, name: 'replaced too' });
      expect(store.count('pets')).toBe(2);
      expect(fresh().count('pets')).toBe(2);
      expect(store.bytes()).toBe(fresh().bytes());
      expect(store.get('pets', '5')).toEqual({ id: 5, name: 'replaced' });
      expect(store.list('pets').map((i) => i.id)).toEqual(['6', '5']);
    });
  });

  it('keeps its byte total through puts, replacements, removals and a clear', async () => {
    await onObjectSql('item-store-test', (sql) => {
      const store = new SqlItemStore(sql);
      const fresh = () => new SqlItemStore(sql).bytes();
      store.seed('pets', [
        { id: '7', value: { id: 7, name: 'Rex' } },
        { id: 'x9', value: { id: 'x9' } },
      ]);
      expect(store.bytes()).toBe(fresh());
      store.put('pets', '12', { id: 12, name: 'a much longer name than before' });
      store.put('pets', '7', { id: 7 });
      store.remove('pets', 'x9');
      expect(store.remove('pets', 'nope')).toBe(false);
      expect(store.bytes()).toBe(fresh());
      expect(store.maxNumericId('pets')).toBe(12);
      expect(store.maxNumericId('owners')).toBe(0);
      store.clear();
      expect(store.bytes()).toBe(0);
      expect(fresh()).toBe(0);
    });
  });

  it('keeps the largest numeric id through puts, removals, drops and a clear, as SQLite reads it', async () => {
    await onObjectSql('item-store-max-id', (sql) => {
      const store = new SqlItemStore(sql);
      const fresh = (scope: string) => new SqlItemStore(sql).maxNumericId(scope);
      const same = (scope: string) => expect(store.maxNumericId(scope)).toBe(fresh(scope));
      store.seed('pets', [
        { id: '3', value: { id: 3 } },
        { id: 'x9', value: { id: 'x9' } },
      ]);
      same('pets');
      store.put('pets', '10', { id: 10 });
      store.put('pets', '7', { id: 7 });
      store.put('pets', '99a', { id: '99a' });
      expect(store.maxNumericId('pets')).toBe(10);
      same('pets');
      store.remove('pets', '7');
      same('pets');
      store.remove('pets', '10');
      expect(store.maxNumericId('pets')).toBe(3);
      same('pets');
      store.put('pets', '12', { id: 12 });
      store.put('owners', '50', { id: 50 });
      expect(store.maxNumericId('pets')).toBe(12);
      same('pets');
      same('owners');
      store.drop('pets');
      expect(store.maxNumericId('pets')).toBe(0);
      store.put('pets', '4', { id: 4 });
      same('pets');
      store.clear();
      expect(store.maxNumericId('owners')).toBe(0);
    });
  });

  it('answers a second ask for an id it just found free without asking SQLite again, until a write', async () => {
    await onObjectSql('item-store-free-twice', (sql) => {
      const store = new SqlItemStore(sql);
      expect(store.has('pets', '8')).toBe(false);
      // Written behind the store's back: the remembered answer is still given...
      sql.exec(`INSERT INTO items (scope, id, pos, body) VALUES ('pets', '8', 1, '{}')`);
      expect(store.has('pets', '8')).toBe(false);
      // ...until the store writes anything, which spends it.
      store.put('pets', '9', { id: 9 });
      expect(store.has('pets', '8')).toBe(true);
      // The id after the largest numeric one is free without asking, and is taken once put.
      expect(store.maxNumericId('pets')).toBe(9);
      sql.exec(`INSERT INTO items (scope, id, pos, body) VALUES ('pets', '10', 3, '{}')`);
      expect(store.has('pets', '10')).toBe(false);
      store.put('pets', '11', { id: 11 });
      expect(store.has('pets', '10')).toBe(true);
      expect(store.maxNumericId('pets')).toBe(11);
      expect(store.has('pets', '12')).toBe(false);
    });
  });

  it("keeps each collection's count through creates, replacements, removals, drops and a clear", async () => {
    await onObjectSql('item-store-count', (sql) => {
      const store = new SqlItemStore(sql);
      const fresh = (scope: string) => new SqlItemStore(sql).count(scope);
      store.seed('pets', [
        { id: '1', value: { id: 1 } },
        { id: '2', value: { id: 2 } },
      ]);
      expect(store.count('pets')).toBe(2);
      store.put('pets', '3', { id: 3 });
      store.put('pets', '3', { id: 3, name: 'replaced, not another item' });
      store.put('owners', 'o1', { id: 'o1' });
      store.remove('pets', '1');
      store.remove('pets', 'nope');
      expect([store.count('pets'), store.count('owners')]).toEqual([fresh('pets'), fresh('owners')]);
      expect(store.count('pets')).toBe(2);
      store.drop('owners');
      expect(store.count('owners')).toBe(0);
      store.put('owners', 'o2', { id: 'o2' });
      expect(store.count('owners')).toBe(fresh('owners'));
      store.clear();
      expect([store.count('pets'), store.count('owners')]).toEqual([0, 0]);
    });
  });

  it('finds the largest numeric id, ignoring ids that are not all digits, with no index beside the key that is the table', async () => {
    await onObjectSql('item-store-max-id', (sql) => {
      const indexes = () =>
        sql
          .exec<{ name: string }>(
            `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'`,
          )
          .toArray()
          .map((row) => row.name)
          .sort();
      new SqlItemStore(sql);
      // The two indexes an object made before this store kept: dropped when the store opens it.
      sql.exec(`CREATE INDEX items_by_pos ON items (scope, pos)`);
      sql.exec(`CREATE INDEX items_by_number ON items (scope, CAST(id AS INTEGER)) WHERE id <> ''`);
      const store = new SqlItemStore(sql);
      expect(indexes()).toEqual([]);
      for (const id of ['9', '10', '0x20', '77a', '', '5']) store.put('pets', id, { id });
      expect(store.maxNumericId('pets')).toBe(10);
      expect(new SqlItemStore(sql).maxNumericId('pets')).toBe(10);
    });
  });

  it('moves an object made before onto a table that is its key, its items, places and counts kept', async () => {
    await onObjectSql('item-store-rowid-made-before', (sql) => {
      const tableSql = () =>
        sql
          .exec<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'items'`)
          .one().sql;
      // The layout an earlier store made: a rowid table, its key a second b-tree, and an index by place.
      sql.exec(
        `CREATE TABLE items (scope TEXT NOT NULL, id TEXT NOT NULL, pos INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (scope, id))`,
      );
      sql.exec(`CREATE INDEX items_by_pos ON items (scope, pos)`);
      sql.exec(`CREATE TABLE scopes (scope TEXT PRIMARY KEY, created INTEGER NOT NULL)`);
      sql.exec(`INSERT INTO scopes VALUES ('pets', 0)`);
      sql.exec(`CREATE TABLE seeded (scope TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
      sql.exec(`INSERT INTO seeded VALUES ('pets', 2)`);
      for (const [id, pos] of [
        ['1', 1],
        ['2', 2],
        ['7', 3],
      ] as const)
        sql.exec(`INSERT INTO items VALUES ('pets', ?, ?, ?)`, id, pos, JSON.stringify({ id: Number(id) }));
      expect(tableSql()).not.toMatch(/WITHOUT ROWID/i);

      const store = new SqlItemStore(sql);
      expect(tableSql()).toMatch(/WITHOUT ROWID/i);
      expect(sql.exec(`SELECT name FROM sqlite_master WHERE name LIKE 'items_by%'`).toArray()).toEqual([]);
      expect(store.list('pets').map((item) => item.value)).toEqual([{ id: 7 }, { id: 1 }, { id: 2 }]);
      expect([
        store.isSeeded('pets'),
        store.isSeededItem('pets', '2'),
        store.isSeededItem('pets', '7'),
      ]).toEqual([true, true, false]);
      expect([store.count('pets'), store.maxNumericId('pets'), store.nextPosition('pets')]).toEqual([
        3, 7, 4,
      ]);
      store.put('pets', '8', { id: 8 });
      expect(store.get('pets', '8')).toEqual({ id: 8 });
      // Opened again, the moved table is kept as it is.
      new SqlItemStore(sql);
      expect(store.list('pets').map((item) => item.value)).toEqual([
        { id: 8 },
        { id: 7 },
        { id: 1 },
        { id: 2 },
      ]);
    });
  });

  it('finishes a move cut short: the old table beside the new one is copied in and dropped', async () => {
    await onObjectSql('item-store-move-cut-short', (sql) => {
      new SqlItemStore(sql).put('pets', '1', { id: 1 });
      // As if a wake had renamed the old table and made the new one, then stopped before the copy.
      sql.exec(
        `CREATE TABLE items_by_rowid (scope TEXT NOT NULL, id TEXT NOT NULL, pos INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (scope, id))`,
      );
      sql.exec(
        `INSERT INTO items_by_rowid VALUES ('pets', '1', 1, '{"id":1}'), ('pets', '2', 2, '{"id":2}')`,
      );
      const store = new SqlItemStore(sql);
      expect(store.list('pets').map((item) => item.value)).toEqual([{ id: 2 }, { id: 1 }]);
      expect(sql.exec(`SELECT name FROM sqlite_master WHERE name = 'items_by_rowid'`).toArray()).toEqual([]);
    });
  });
});
