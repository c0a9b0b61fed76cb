/** Retention per API: the newest calls only, and none older than a week. */
export const MAX_LOGGED_CALLS = 1000;
export const MAX_LOG_AGE_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_PAGE = 200;

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
 * A stored batch's per-call columns, as one JSON text beside its records: what a listing filters
 * and orders by, read without parsing a single record.
 */
export interface BatchColumns {
  at: number[];
  version: string[];
  status: number[];
  sandbox: (string | null)[];
  /** Each call's shared response body by hash, or null when its body is in its record. */
  body: (string | null)[];
}

/** One stored call before its record is read: its id, its columns, and where its record is. */
export interface CallEntry {
  id: number;
  at: number;
  version: string;
  status: number;
  sandbox: string | null;
  body: string | null;
  /** Its batch's key (the batch's last id) and its line in the batch's records. */
  batch: number;
  line: number;
}

/**
 * The calls of a batch still kept: a batch holds the consecutive ids up to `last`, and of those only
 * the newest MAX_LOGGED_CALLS of the log (up to `lastId`) and those younger than a week are kept.
 * Whole batches are pruned on write; this rule cuts the one that straddles the line on read.
 */
export function keptEntries(last: number, columns: BatchColumns, lastId: number, now: number): CallEntry[] {
  const count = columns.at.length;
  const first = last - count + 1;
  const oldestKept = lastId - MAX_LOGGED_CALLS + 1;
  const youngest = now - MAX_LOG_AGE_MS;
  const out: CallEntry[] = [];
  for (let line = 0; line < count; line++) {
    const id = first + line;
    const at = columns.at[line];
    if (id < oldestKept || at < youngest) continue;
    out.push({
      id,
      at,
      version: columns.version[line],
      status: columns.status[line],
      sandbox: columns.sandbox[line],
      body: columns.body[line],
      batch: last,
      line,
    });
  }
  return out;
}

/**
 * The page a query asks for, newest first by arrival (`at`, then id: writes land in waitUntil, so
 * two concurrent calls may be stored in the other order). `before` pages back from a listed call:
 * older than it in that order, whatever the filters; an id no longer kept pages back by id.
 */
export function selectPage(entries: CallEntry[], query: LogQuery, limit: number): CallEntry[] {
  const anchor = query.before === undefined ? undefined : entries.find((e) => e.id === query.before);
  const picked = entries.filter((e) => matches(e, query, anchor));
  picked.sort(newestFirst);
  return picked.slice(0, limit);
}

export function newestFirst(a: CallEntry, b: CallEntry): number {
  return b.at - a.at || b.id - a.id;
}

function matches(e: CallEntry, q: LogQuery, anchor: CallEntry | undefined): boolean {
  if (q.version !== undefined && e.version !== q.version) return false;
  if (q.status !== undefined && e.status !== q.status) return false;
  if (q.statusClass !== undefined && Math.floor(e.status / 100) !== q.statusClass) return false;
  if (q.sandbox !== undefined && e.sandbox !== q.sandbox) return false;
  if (q.after !== undefined && e.id <= q.after) return false;
  if (q.before !== undefined) {
    if (anchor) return e.at < anchor.at || (e.at === anchor.at && e.id < anchor.id);
    return e.id < q.before;
  }
  return true;
}
