import type { RecordedCall } from './record';
import { RecentCalls, repeatLine } from './repeated-calls';
import { HeaderTable, type SharedHeaders } from './shared-headers';

/**
 * Logged calls of one window as they cross to the log's object: a column per field a listing
 * filters by, and the records' JSON as one string. One string and five flat arrays are cloned
 * across the RPC as a few copies, where a hundred row objects were cloned and rebuilt member by
 * member; the object stores the string as it came (log-table.ts).
 */
export interface LogBatch {
  at: number[];
  version: string[];
  status: number[];
  sandbox: (string | null)[];
  /** Per row: the index of its shared response body in `bodies`, or -1 when the body is in place. */
  body: number[];
  /** Each row's record as JSON, one per line: JSON.stringify never writes a raw line break. */
  records: string;
  /** Each distinct shared response body's JSON text (below). */
  bodies: string[];
  /** Each distinct shared headers record's JSON text (shared-headers.ts). */
  headers: string[];
}

/** Gathers a batch of calls, sharing large response bodies and repeated headers. */
export class LogBatchBuilder {
  private readonly batch: LogBatch = {
    at: [],
    version: [],
    status: [],
    sandbox: [],
    body: [],
    records: '',
    bodies: [],
    headers: [],
  };
  private readonly shared = new SharedBodies(this.batch.bodies);
  private readonly headerTable = new HeaderTable(this.batch.headers);
  private readonly recent = new RecentCalls();

  get length(): number {
    return this.batch.at.length;
  }

  /** The characters of JSON the batch carries: what bounds the size of its RPC. */
  get chars(): number {
    return this.batch.records.length + this.shared.chars + this.headerTable.chars;
  }

  /**
   * `at` is `call.at` in epoch ms, when the caller has it (no parsing back what it just formatted).
   * The call is the batch's from now on: its shared parts are replaced by their places.
   */
  add(call: RecordedCall, at = Date.parse(call.at)): void {
    const b = this.batch;
    const line = b.at.length;
    b.at.push(at);
    b.version.push(call.version);
    b.status.push(call.status);
    b.sandbox.push(call.sandbox ?? null);
    const repeated = this.recent.find(call);
    if (repeated) {
      b.body.push(repeated.body);
      const own = (call.response.headers as SharedHeaders).own;
      this.append(repeatLine(repeated.line, call.durationMs, own));
      return;
    }
    // Remembered as sent: sharing below replaces its body and headers by their places.
    const key = this.recent.keyOf(call);
    const body = this.shared.share(call) ?? -1;
    b.body.push(body);
    if (key) this.recent.remember(key, line, body);
    const stored = call as unknown as { request: { headers: unknown }; response: { headers: unknown } };
    stored.request.headers = this.headerTable.store(call.request.headers);
    stored.response.headers = this.headerTable.store(call.response.headers);
    this.append(JSON.stringify(call));
  }

  private append(json: string): void {
    const b = this.batch;
    b.records = b.records === '' ? json : `${b.records}\n${json}`;
  }

  get wire(): LogBatch {
    return this.batch;
  }
}

/** The records of a batch (or of a stored row of one), one JSON text per call. */
export function recordLines(records: string): string[] {
  return records === '' ? [] : records.split('\n');
}

/**
 * A batch of logged calls carries each distinct response body once. A busy mock answers the same
 * bytes again and again (answer-cache.ts), and a logged body is kept up to 16 KiB: sent in every
 * row, it was escaped into every row's JSON and copied across the RPC a hundred times per batch
 * (a third of a hosted GitHub call's time, bench/profile.mjs). A shared body's place in its row's
 * JSON holds SHARED_BODY; the log's object stores each body once, by hash, and puts it back in
 * place when it reads the row (request-log.ts).
 */
export const SHARED_BODY = '\u0000specmock:shared-body\u0000';
const SHARED_BODY_JSON = JSON.stringify(SHARED_BODY);
/** Shorter bodies cost less to send than to share. */
const MIN_SHARED_CHARS = 512;

export class SharedBodies {
  private readonly index = new Map<string, number>();
  /** The characters of `json`, all entries together. */
  chars = 0;

  /** `json` receives each distinct body's JSON text, in the order first met. */
  constructor(readonly json: string[] = []) {}

  /** Takes the record's response body into the table; its index, or undefined if kept in place. */
  share(call: { response: { body: string | null } }): number | undefined {
    const body = call.response.body;
    if (body === null || body.length < MIN_SHARED_CHARS) return undefined;
    let i = this.index.get(body);
    if (i === undefined) {
      const json = JSON.stringify(body);
      i = this.json.push(json) - 1;
      this.chars += json.length;
      this.index.set(body, i);
    }
    call.response.body = SHARED_BODY;
    return i;
  }
}

/**
 * The row's JSON with its shared body back in place. The response body is the record's last text
 * member (only `truncated` follows it), so the last mark is the one put there, whatever a request
 * body may hold.
 */
export function withSharedBody(json: string, bodyJson: string | undefined): string {
  const at = json.lastIndexOf(SHARED_BODY_JSON);
  if (at < 0 || bodyJson === undefined) return json;
  return json.slice(0, at) + bodyJson + json.slice(at + SHARED_BODY_JSON.length);
}
