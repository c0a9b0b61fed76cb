import type { ProblemDetailEntry } from '../http/problem';
import type { SharedHeaders } from './shared-headers';

/** Bodies are kept up to this many bytes (UTF-8) and marked truncated beyond. */
export const MAX_LOGGED_BODY_BYTES = 16 * 1024;

interface LoggedMessage {
  headers: Record<string, string>;
  body: string | null;
  /** Set when the body was longer than MAX_LOGGED_BODY_BYTES. */
  truncated?: true;
}

/** One mock call as stored and served by GET /v1/apis/{api}/requests (`id` is added on read). */
export interface LoggedCall {
  at: string;
  version: string;
  /** Set for calls to a sandbox of the API. */
  sandbox?: string;
  method: string;
  /** Below the mock (or sandbox) URL, as received. */
  path: string;
  /** The query string with credentials redacted, without `?`. */
  query: string;
  status: number;
  durationMs: number;
  /** The matched operation's id, when one matched. */
  operation: string | null;
  /** Why the request was refused (validation errors), empty when it was not. */
  problems: ProblemDetailEntry[];
  /** What the behaviour settings did, as in the `x-specmock-steered` header. */
  steered?: string;
  request: LoggedMessage;
  response: LoggedMessage;
}

export type LoggedCallWithId = LoggedCall & { id: string };

type RecordedMessage = Omit<LoggedCall['request'], 'headers'> & {
  headers: Record<string, string> | SharedHeaders;
};

/** A call as a route's note hands it to a batch: its headers plain, or shared (shared-headers.ts). */
export type RecordedCall = Omit<LoggedCall, 'request' | 'response'> & {
  request: RecordedMessage;
  response: RecordedMessage;
};

/** A body cut to the cap on a UTF-8 boundary. */
export function capBody(text: string | null | undefined): { body: string | null; truncated?: true } {
  if (text === null || text === undefined || text === '') return { body: text === '' ? '' : null };
  // Fast path: a string of at most cap/3 code units cannot exceed the cap in UTF-8.
  if (text.length <= MAX_LOGGED_BODY_BYTES / 3) return { body: text };
  // A busy mock logs the same cached answer again and again: the last long body is cut once.
  if (text === lastCut.text) return lastCut.result;
  lastCut = { text, result: cut(text) };
  return lastCut.result;
}

let lastCut: { text: string | undefined; result: { body: string | null; truncated?: true } } = {
  text: undefined,
  result: { body: null },
};

function cut(text: string): { body: string | null; truncated?: true } {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength <= MAX_LOGGED_BODY_BYTES) return { body: text };
  let end = MAX_LOGGED_BODY_BYTES;
  // Back off continuation bytes (10xxxxxx) so no character is cut in half.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return { body: new TextDecoder().decode(bytes.subarray(0, end)), truncated: true };
}
