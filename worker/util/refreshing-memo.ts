/**
 * A per-isolate memo of values whose source of truth is elsewhere (KV, a Durable Object), fresh for
 * `ttlMs`. A fresh value is returned at once, without a promise. Once it is due, the first call
 * fetches and waits; calls arriving meanwhile keep the old value for up to `graceMs` more instead of
 * each fetching too (a busy isolate would otherwise send a burst of identical round trips). Only
 * resolved values are kept: workerd forbids awaiting a promise of another request's I/O. Values that
 * `keep` rejects (an absence) are never memoized.
 */
export class RefreshingMemo<V> {
  private readonly entries = new Map<string, { value: V; until: number; refreshing: boolean }>();

  constructor(
    private readonly ttlMs: number,
    private readonly graceMs: number,
    private readonly keep: (value: V) => boolean = () => true,
    private readonly maxEntries = 1000,
  ) {}

  read(key: string, now: number, fetch: () => Promise<V>): V | Promise<V> {
    const hit = this.entries.get(key);
    if (hit && (hit.until > now || (hit.refreshing && hit.until + this.graceMs > now))) return hit.value;
    return this.refresh(key, now, fetch, hit);
  }

  remember(key: string, value: V, now: number): void {
    if (this.entries.size > this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: now + this.ttlMs, refreshing: false });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private async refresh(
    key: string,
    now: number,
    fetch: () => Promise<V>,
    hit: { refreshing: boolean } | undefined,
  ): Promise<V> {
    if (hit) hit.refreshing = true;
    let value: V;
    try {
      value = await fetch();
    } finally {
      if (hit) hit.refreshing = false;
    }
    if (this.keep(value)) this.remember(key, value, now);
    return value;
  }
}
