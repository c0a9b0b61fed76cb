import type { RecordedCall } from './record';
import { SharedHeaders, type StoredHeaders } from './shared-headers';

/**
 * A logged call that repeats a recent one of its batch is stored as a reference to that one's line.
 * A busy mock is called with the same request again and again (a load test, a polling frontend,
 * a CI suite); those calls' records differ only in when they came (`at`, a column of the batch),
 * how long they took and their RateLimit headers. Stringifying each whole record was the largest
 * part of logging such a call (bench/profile.mjs: `add`, most of it JSON.stringify), so a repeat is
 * the short JSON array `[line, durationMs]` or `[line, durationMs, ownResponseHeaders]`, where
 * `line` is the repeated record's line in the same stored row. A record is an object, a repeat an
 * array: the first character tells them apart.
 */
type RepeatLine = [number, number] | [number, number, Record<string, string>];

/** A repeat as read: the line of the record it names, and what it changes in that record. */
export interface Repeat {
  of: number;
  durationMs: number;
  own?: Record<string, string>;
}

/** A call written whole: as sent (before the batch shared its parts), at `line`, its body at `body`. */
interface Remembered {
  key: RecordedCall;
  line: number;
  body: number;
}

/**
 * The last few distinct calls of a batch, the most recently written or repeated first. Only calls
 * whose headers are shared (shared-headers.ts: one object per distinct set) qualify, so headers
 * compare by identity; a call with problems is always written whole.
 */
export class RecentCalls {
  private readonly recent: Remembered[] = [];

  constructor(private readonly size = 8) {}

  /** The line and shared-body place of a recent call that this one repeats, if any. */
  find(call: RecordedCall): { line: number; body: number } | undefined {
    if (!eligible(call)) return undefined;
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i];
      if (!sameCall(r.key, call)) continue;
      // The most recently used first: calls of a few kinds in turn all stay found.
      if (i > 0) recent.unshift(...recent.splice(i, 1));
      return r;
    }
    return undefined;
  }

  /** What to remember of a call about to be written whole, taken before the batch shares its parts. */
  keyOf(call: RecordedCall): RecordedCall | undefined {
    if (!eligible(call)) return undefined;
    return { ...call, request: { ...call.request }, response: { ...call.response } };
  }

  /** Remembers a call written whole at `line`, its body at `body` of the batch's shared bodies. */
  remember(key: RecordedCall, line: number, body: number): void {
    if (this.recent.length >= this.size) this.recent.pop();
    this.recent.unshift({ key, line, body });
  }
}

function eligible(call: RecordedCall): boolean {
  return (
    call.request.headers instanceof SharedHeaders &&
    call.response.headers instanceof SharedHeaders &&
    call.problems.length === 0
  );
}

/** Shared headers compare by identity: the same object for the same headers. */
function sameCall(a: RecordedCall, b: RecordedCall): boolean {
  return (
    a.request.headers === b.request.headers &&
    (a.response.headers as SharedHeaders).base === (b.response.headers as SharedHeaders).base &&
    a.path === b.path &&
    a.method === b.method &&
    a.status === b.status &&
    a.query === b.query &&
    a.version === b.version &&
    a.sandbox === b.sandbox &&
    a.operation === b.operation &&
    a.steered === b.steered &&
    a.request.body === b.request.body &&
    a.request.truncated === b.request.truncated &&
    a.response.body === b.response.body &&
    a.response.truncated === b.response.truncated
  );
}

/** The JSON line of a repeat of `line`. */
export function repeatLine(
  line: number,
  durationMs: number,
  own: Record<string, string> | undefined,
): string {
  return JSON.stringify(own ? [line, durationMs, own] : [line, durationMs]);
}

/** A stored line's record JSON and, when the line is a repeat, what it changes in that record. */
export function readLine(lines: readonly string[], line: number): { json: string; repeat?: Repeat } {
  const json = lines[line];
  if (json.charCodeAt(0) !== 0x5b /* [ */) return { json };
  const [of, durationMs, own] = JSON.parse(json) as RepeatLine;
  return { json: lines[of], repeat: own ? { of, durationMs, own } : { of, durationMs } };
}

/**
 * A repeated record as the repeat was: its time (from the batch's `at` column), its duration and
 * its own response headers on the shared ones of the record it names.
 */
export function applyRepeat<
  T extends { at: string; durationMs: number; response: { headers: StoredHeaders } },
>(call: T, repeat: Repeat, atMs: number): T {
  const shared = call.response.headers as [number] | [number, Record<string, string>];
  const headers: StoredHeaders = repeat.own ? [shared[0], repeat.own] : [shared[0]];
  return {
    ...call,
    at: new Date(atMs).toISOString(),
    durationMs: repeat.durationMs,
    response: { ...call.response, headers },
  };
}

/**
 * Lines `from`…`to` of a batch as one stored row's records (a batch too large for one row is
 * split, log-table.ts): a repeat of a line in an earlier row is written out whole, one of a line
 * in this row points to it by its place in the row.
 */
export function rowLines(
  lines: readonly string[],
  from: number,
  to: number,
  at: readonly number[],
): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const { json, repeat } = readLine(lines, i);
    if (!repeat) out.push(json);
    else if (repeat.of >= from) out.push(repeatLine(repeat.of - from, repeat.durationMs, repeat.own));
    else out.push(JSON.stringify(applyRepeat(JSON.parse(json), repeat, at[i])));
  }
  return out;
}
