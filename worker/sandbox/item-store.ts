import type { JsonValue } from '../mock/plan';

/** One stored item: its identifier as it appears in a path segment, and its JSON value. */
export interface StoredItem {
  id: string;
  value: JsonValue;
}

/**
 * The synchronous storage a sandbox's state transitions read and write. A scope is one collection
 * of one parent (`/owners/{ownerId}/pets` of owner 7). The Durable Object implements it on SQLite;
 * tests in Node use a Map. Being synchronous, one call's reads and writes are never interleaved
 * with another's inside the object.
 */
export interface ItemStore {
  /** Whether the scope already holds its seeded start. */
  isSeeded(scope: string): boolean;
  /** Gives the scope its seeded start, in list order. */
  seed(scope: string, items: StoredItem[]): void;
  /**
   * The scope's items in list order: created ones newest first (as Stripe, GitHub and most APIs
   * list, so what a client just created is on page one), then the seeded ones in their seeded order
   * (so before any write a list is exactly the stateless GET's).
   */
  list(scope: string): StoredItem[];
  /** The largest identifier of the scope that is a whole number, else 0, without reading the items. */
  maxNumericId(scope: string): number;
  get(scope: string, id: string): JsonValue | undefined;
  /** Whether the id is stored, without reading the item. */
  has(scope: string, id: string): boolean;
  /** Whether the stored item of this id is one the seed put in (it holds a seeded place). */
  isSeededItem(scope: string, id: string): boolean;
  /** Appends a new item, or replaces an existing one in place. */
  put(scope: string, id: string, value: JsonValue): void;
  remove(scope: string, id: string): boolean;
  count(scope: string): number;
  /** Forgets a scope and its items, as if never touched (the collections of a deleted item). */
  drop(scope: string): void;
  /** Bytes of JSON stored in the whole sandbox (kept as a running total, not summed per call). */
  bytes(): number;
  /**
   * The place the scope's next new item takes: one after the largest place held (the seeded items
   * hold 1…n). A create's salt, so the nth create generates the same item on every run; it writes
   * nothing, so a create stores its item in one write.
   */
  nextPosition(scope: string): number;
}

/** What one stored value costs against the sandbox's byte cap. */
export function sizeOf(value: JsonValue): number {
  return JSON.stringify(value).length;
}
