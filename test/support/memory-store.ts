import type { JsonValue } from '../../worker/mock/plan';
import { sizeOf, type ItemStore, type StoredItem } from '../../worker/sandbox/item-store';

/** The ItemStore contract on Maps, for driving the pure layer in Node. */
export class MemoryStore implements ItemStore {
  private readonly scopes = new Map<
    string,
    { items: Map<string, JsonValue>; places: Map<string, number>; seeded: Set<string> }
  >();

  isSeeded(scope: string): boolean {
    return this.scopes.has(scope);
  }
  seed(scope: string, items: StoredItem[]): void {
    const seeded = new Set(items.map((i) => i.id));
    this.scopes.set(scope, {
      items: new Map(items.map((i) => [i.id, i.value])),
      places: new Map(items.map((i, n) => [i.id, n + 1])),
      seeded,
    });
  }
  list(scope: string): StoredItem[] {
    const s = this.scopes.get(scope);
    const all = [...(s?.items ?? [])].map(([id, value]) => ({ id, value }));
    const isSeed = (i: StoredItem) => s?.seeded.has(i.id) ?? false;
    return [...all.filter((i) => !isSeed(i)).reverse(), ...all.filter(isSeed)];
  }
  maxNumericId(scope: string): number {
    let max = 0;
    for (const id of this.scopes.get(scope)?.items.keys() ?? [])
      if (/^\d+$/.test(id)) max = Math.max(max, Number(id));
    return max;
  }
  get(scope: string, id: string): JsonValue | undefined {
    return this.scopes.get(scope)?.items.get(id);
  }
  has(scope: string, id: string): boolean {
    return this.scopes.get(scope)?.items.has(id) ?? false;
  }
  isSeededItem(scope: string, id: string): boolean {
    return this.scopes.get(scope)?.seeded.has(id) ?? false;
  }
  put(scope: string, id: string, value: JsonValue): void {
    const s = this.scopes.get(scope)!;
    if (!s.places.has(id)) s.places.set(id, this.nextPosition(scope));
    s.items.set(id, value);
  }
  remove(scope: string, id: string): boolean {
    this.scopes.get(scope)?.places.delete(id);
    this.scopes.get(scope)?.seeded.delete(id);
    return this.scopes.get(scope)?.items.delete(id) ?? false;
  }
  count(scope: string): number {
    return this.scopes.get(scope)?.items.size ?? 0;
  }
  drop(scope: string): void {
    this.scopes.delete(scope);
  }
  bytes(): number {
    let n = 0;
    for (const s of this.scopes.values()) for (const v of s.items.values()) n += sizeOf(v);
    return n;
  }
  nextPosition(scope: string): number {
    return Math.max(0, ...(this.scopes.get(scope)?.places.values() ?? [])) + 1;
  }
}
