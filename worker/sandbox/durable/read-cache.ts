import type { MockRequest } from '../../mock/call';
import { pairsKey } from '../../util/pairs-key';

/**
 * A sandbox's answers to reads, kept until its next write. Its object serializes every call, and the
 * stateful mock is deterministic over the stored items, so a GET repeated with nothing written in
 * between (the store's `writes` count unchanged) answers the same: the SQLite read, the parse, the
 * conform and the engine are skipped. Only bodiless GET and HEAD calls with no behaviour settings
 * come here; the key holds every input the call has (method, base URL, path, query, all headers).
 */
const MAX_ENTRIES = 256;
const MAX_ENTRY_CHARS = 256 * 1024;

export class ReadCache<T> {
  private readonly kept = new Map<string, T>();
  private at = -1;

  /** The answer kept for `key` while the store has seen `writes` writes. */
  get(key: string, writes: number): T | undefined {
    if (writes !== this.at) {
      this.kept.clear();
      this.at = writes;
      return undefined;
    }
    return this.kept.get(key);
  }

  /** Keeps `value` if nothing was written while it was made (a first read may seed the items). */
  set(key: string, value: T, writesBefore: number, writesAfter: number, chars: number): void {
    if (writesBefore !== writesAfter || writesAfter !== this.at || chars > MAX_ENTRY_CHARS) return;
    if (this.kept.size >= MAX_ENTRIES) this.kept.clear();
    this.kept.set(key, value);
  }
}

/** The key of a read, or undefined for a call that is not one (a body, form fields, another verb). */
export function readKey(request: MockRequest): string | undefined {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || request.body || request.fields)
    return undefined;
  const { method, baseUrl = '', path, query, headers } = request;
  return `${method}\u0000${baseUrl}\u0000${path}\u0000${pairsKey(query)}\u0000${pairsKey(Object.entries(headers))}`;
}
