import type { LoggedCall } from './record';

/** A logged call as it crosses to the log's object: columns, and the record as JSON text. */
export interface LoggedRow {
  at: number;
  version: string;
  status: number;
  sandbox: string | null;
  json: string;
  /** Set when the response body is shared (below): its index in the batch's bodies. */
  body: number | undefined;
}

/** `at` is `call.at` in epoch ms, when the caller has it (no parsing back what it just formatted). */
export function rowOf(call: LoggedCall, at = Date.parse(call.at), body?: number): LoggedRow {
  return {
    at,
    version: call.version,
    status: call.status,
    sandbox: call.sandbox ?? null,
    json: JSON.stringify(call),
    body,
  };
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
  /** Each distinct body's JSON text, in the order first met. */
  readonly json: string[] = [];
  private readonly index = new Map<string, number>();

  /** Takes the record's response body into the table; its index, or undefined if kept in place. */
  share(call: LoggedCall): number | undefined {
    const body = call.response.body;
    if (body === null || body.length < MIN_SHARED_CHARS) return undefined;
    let i = this.index.get(body);
    if (i === undefined) {
      i = this.json.push(JSON.stringify(body)) - 1;
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
