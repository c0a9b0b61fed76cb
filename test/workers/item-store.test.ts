import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SqlItemStore } from '../../worker/sandbox/durable/sql-item-store';

/**
 * Issue 22: a sandbox write reads neither every stored body (the byte total is kept by put and
 * remove) nor every id (the largest numeric id is one SQL aggregate). Checked on the Durable
 * Object's own SQLite against a fresh store that sums everything.
 */
describe('the sandbox item store on SQLite', () => {
  it('lists created items newest first, then the seeded ones in their order', async () => {
    const stub = env.SANDBOX.get(env.SANDBOX.idFromName('item-store-order'));
    await runInDurableObject(stub, (_instance, state) => {
      const store = new SqlItemStore(state.storage.sql);
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

  it('keeps its byte total through puts, replacements, removals and a clear', async () => {
    const stub = env.SANDBOX.get(env.SANDBOX.idFromName('item-store-test'));
    await runInDurableObject(stub, (_instance, state) => {
      const store = new SqlItemStore(state.storage.sql);
      const fresh = () => new SqlItemStore(state.storage.sql).bytes();
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
});
