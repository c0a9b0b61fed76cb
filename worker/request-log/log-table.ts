import { MAX_LOG_AGE_MS, MAX_LOGGED_CALLS, type BatchColumns } from './log-index';
import { recordLines } from './log-rows';
import { rowLines } from './repeated-calls';

/**
 * The log's SQLite tables. A row of `batches` holds the calls of one write (log-rows.ts), with
 * consecutive ids up to its key `last`: the records as JSON lines, the columns a listing filters by
 * as one JSON text, the hashes of the shared bodies it names, and the headers its records share
 * (shared-headers.ts) as one JSON array. One row per write, where a row per
 * call cost about 8 µs of the object's CPU per call in binding and storing (bench: 20 → 12 µs per
 * logged call, appended 100 at a time). `bodies` holds each distinct large response body once.
 *
 * A row stays under the 2 MB a Durable Object's SQLite row may hold: a write of more than
 * ROW_CHARS characters of records is split into several rows (below).
 */
const ROW_CHARS = 512 * 1024;

export function createLogTables(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS batches (
    last INTEGER PRIMARY KEY,
    newest INTEGER NOT NULL,
    columns TEXT NOT NULL,
    records TEXT NOT NULL,
    bodies TEXT,
    headers TEXT
  )`);
  sql.exec('CREATE TABLE IF NOT EXISTS bodies (hash TEXT PRIMARY KEY, json TEXT NOT NULL)');
  if (hasTable(sql, 'calls')) migrateCallRows(sql);
}

/** The id of the last call stored: the newest batch is never pruned, so ids never restart. */
export function lastStoredId(sql: SqlStorage): number {
  return sql.exec<{ last: number | null }>('SELECT MAX(last) AS last FROM batches').one().last ?? 0;
}

/**
 * Stores calls `lastId + 1 …` (their columns, JSON lines and the JSON array of the headers they
 * share, if any); returns the last id. The lines are split only when they exceed one row; each
 * row then holds the whole headers array, and a repeat (repeated-calls.ts) of a line in another
 * row is written out whole.
 */
export function insertCalls(
  sql: SqlStorage,
  lastId: number,
  columns: BatchColumns,
  records: string,
  headers: string | null = null,
): number {
  if (records.length <= ROW_CHARS) return insertRow(sql, lastId, columns, records, headers);
  const lines = recordLines(records);
  let last = lastId;
  for (let from = 0; from < lines.length;) {
    let to = from + 1;
    let chars = lines[from].length;
    while (to < lines.length && chars + lines[to].length + 1 <= ROW_CHARS) chars += lines[to++].length + 1;
    last = insertRow(
      sql,
      last,
      sliceColumns(columns, from, to),
      rowLines(lines, from, to, columns.at).join('\n'),
      headers,
    );
    from = to;
  }
  return last;
}

function insertRow(
  sql: SqlStorage,
  lastId: number,
  columns: BatchColumns,
  records: string,
  headers: string | null,
): number {
  const last = lastId + columns.at.length;
  const hashes = [...new Set(columns.body.filter((h): h is string => h !== null))];
  sql.exec(
    'INSERT INTO batches (last, newest, columns, records, bodies, headers) VALUES (?, ?, ?, ?, ?, ?)',
    last,
    // An empty batch (a moved log whose calls had all aged out) holds only its last id.
    columns.at.length > 0 ? Math.max(...columns.at) : 0,
    JSON.stringify(columns),
    records,
    hashes.length > 0 ? JSON.stringify(hashes) : null,
    headers,
  );
  return last;
}

function sliceColumns(c: BatchColumns, from: number, to: number): BatchColumns {
  return {
    at: c.at.slice(from, to),
    version: c.version.slice(from, to),
    status: c.status.slice(from, to),
    sandbox: c.sandbox.slice(from, to),
    body: c.body.slice(from, to),
  };
}

/**
 * Drops every batch whose calls are all past retention (keptEntries cuts the one that straddles
 * it), except the newest, which keeps the ids going; then the shared bodies no stored batch names.
 */
export function prune(sql: SqlStorage, lastId: number, now: number): void {
  const dropped = sql.exec(
    'DELETE FROM batches WHERE last < ? AND (last <= ? OR newest < ?)',
    lastId,
    lastId - MAX_LOGGED_CALLS,
    now - MAX_LOG_AGE_MS,
  ).rowsWritten;
  if (dropped > 0)
    sql.exec(`DELETE FROM bodies WHERE hash NOT IN (
      SELECT named.value FROM batches, json_each(batches.bodies) AS named WHERE batches.bodies IS NOT NULL)`);
}

function hasTable(sql: SqlStorage, name: string): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0;
}

type CallRow = {
  seq: number;
  at: number;
  version: string;
  status: number;
  sandbox: string | null;
  record: string;
  body: string | null;
};

/**
 * A log written before calls were stored by the batch (a row per call in `calls`) is moved into
 * `batches` once, its ids kept: runs of consecutive ids become one batch each, so a dashboard's
 * `after=<id>` and every listed id still mean the same call.
 */
function migrateCallRows(sql: SqlStorage): void {
  const withBody = sql.exec('SELECT * FROM calls LIMIT 0').columnNames.includes('body');
  const rows = sql
    .exec<CallRow>(
      `SELECT seq, at, version, status, sandbox, record, ${withBody ? 'body' : 'NULL AS body'} FROM calls ORDER BY seq`,
    )
    .toArray();
  let run: CallRow[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const columns: BatchColumns = {
      at: run.map((r) => r.at),
      version: run.map((r) => r.version),
      status: run.map((r) => r.status),
      sandbox: run.map((r) => r.sandbox),
      body: run.map((r) => r.body),
    };
    insertCalls(sql, run[0].seq - 1, columns, run.map((r) => r.record).join('\n'));
    run = [];
  };
  for (const row of rows) {
    if (run.length > 0 && row.seq !== run[run.length - 1].seq + 1) flush();
    run.push(row);
  }
  flush();
  // A log whose every call had aged out still continues its ids: an empty batch holds the last one.
  if (rows.length === 0) {
    const seq = sql
      .exec<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'calls'")
      .toArray()[0]?.seq;
    if (seq) insertCalls(sql, seq, { at: [], version: [], status: [], sandbox: [], body: [] }, '');
  }
  sql.exec('DROP TABLE calls');
}
