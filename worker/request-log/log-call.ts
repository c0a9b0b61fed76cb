import type { Env } from '../env';
import { config } from '../config';
import { RATE_LIMIT_HEADER_NAMES } from '../http/rate-limit-headers';
import type { ProblemDetailEntry } from '../http/problem';
import type { Plan } from '../mock/plan';
import { capBody, type RecordedCall } from './record';
import { RecentHeaders, SharedHeaders } from './shared-headers';
import {
  credentialNames,
  redactHeaderRecord,
  redactHeaders,
  redactQuery,
  type CredentialNames,
} from './redact';
import { requestLogStub } from './request-log';
import { MAX_LOGGED_CALLS } from './log-index';
import { LogBatchBuilder } from './log-rows';
import { WindowedBatches } from '../util/windowed-batches';

/** What a mock or sandbox route knows about the call it is serving, gathered as it goes. */
export interface CallNote {
  api: string;
  version: string;
  sandbox?: string;
  /** Below the mock or sandbox URL, as received. */
  path: string;
  /** Without `__token`, which is never logged. */
  query: [string, string][];
  /** The plan served, whose security schemes name the credentials to redact. */
  plan?: Plan;
  requestBody?: string;
  operation?: string;
  problems?: ProblemDetailEntry[];
  steered?: string;
  /**
   * The body of the response the route built, when it built one from a string (null: none sent):
   * the log then need not read the response back.
   */
  responseBody?: string | null;
  /**
   * The request's and the response's headers, when the route had them (no re-reading): the
   * request's as read from the runtime, the response's plain or, for a kept answer, shared
   * (its kept headers and the call's RateLimit headers).
   */
  requestHeaders?: Readonly<Record<string, string>>;
  responseHeaders?: Record<string, string> | SharedHeaders;
}

/** A request as the edge hands it over, with its note once a route made one (an `AppRequest`). */
type NotedRequest = Request & { receivedAt: number; callNote?: CallNote };

/**
 * Marks a request as a loggable mock call. The stateless mock route and the sandbox route both call
 * this once they know the API and version; the edge (edge.ts) then hands the finished response
 * to `logCall`, the one place calls are written, whichever route served them and however it ended
 * (a response of the spec, a problem, a 429).
 */
export function noteCall(request: NotedRequest, env: Env, note: CallNote): void {
  // Unlogged (local mode), a call keeps no note, so every later amendment is a no-op.
  if (config(env).logMockCalls) request.callNote = note;
}

/** Adds what became known later (the operation, the validation problems, the steering). */
export function amendCall(request: NotedRequest, more: Partial<CallNote>): void {
  const note = request.callNote;
  if (note) Object.assign(note, more);
}

/**
 * The edge's last step: writes the call to the API's log off the response path. Nothing here can slow
 * or fail the mock call: the write runs in waitUntil, and any error is logged and swallowed. A mock
 * answer's body is in the note already; any other (a problem, a 429) is read here and the response
 * rebuilt around the same text, because the Worker built it from a string (reading is immediate),
 * whereas a clone's branch in workerd waits until the client has read the other one, which a client
 * may never do.
 */
export function logCall(
  response: Response,
  request: NotedRequest,
  env: Env,
  ctx: ExecutionContext,
): Response | undefined | Promise<Response | undefined> {
  // Only a logged call has a note (`noteCall`).
  const note = request.callNote;
  if (!note) return undefined;
  const durationMs = Date.now() - request.receivedAt;
  if (note.responseBody === undefined && response.body && request.method !== 'HEAD')
    return response.text().then((body) => {
      write(env, ctx, note, request, response, body, durationMs);
      return new Response(body, response);
    });
  write(env, ctx, note, request, response, note.responseBody ?? null, durationMs);
  return response;
}

function write(
  env: Env,
  ctx: ExecutionContext,
  note: CallNote,
  request: Request & { receivedAt: number },
  response: Response,
  body: string | null,
  durationMs: number,
): void {
  const record = buildRecord(note, request, response, body, durationMs);
  batches.join(env, ctx, note.api).add(record, request.receivedAt);
}

/**
 * Calls of one API gathered in this isolate before one write (windowed-batches.ts): a busy mock
 * costs one RPC per window. A failed write is logged, never thrown. A batch closes at the log's
 * whole retention (more would be stored only to be pruned) or at about a million characters of
 * JSON (a record is at most a few hundred thousand), far below the RPC's 32 MiB.
 */
const MAX_BATCH_CHARS = 1 << 20;
const batches = new WindowedBatches<LogBatchBuilder>({
  windowMs: 50,
  create: () => new LogBatchBuilder(),
  isFull: (batch) => batch.length >= MAX_LOGGED_CALLS || batch.chars >= MAX_BATCH_CHARS,
  write: (env, api, batch) => requestLogStub(env, api).appendRows(batch.wire),
  onError: (error) => console.error('request log write failed', error),
});

/**
 * Redacted and capped before it leaves the Worker: storage never sees a credential. Built as one
 * literal of a fixed shape (every mock call of a logged API passes here): an absent optional member
 * is `undefined`, which the JSON the record is stored as leaves out.
 */
function buildRecord(
  note: CallNote,
  request: Request & { receivedAt: number },
  response: Response,
  responseBody: string | null,
  durationMs: number,
): RecordedCall {
  const names = credentialNames(note.plan);
  const sent = capBody(note.requestBody);
  const answered = capBody(responseBody);
  return {
    at: isoTime(request.receivedAt),
    version: note.version,
    sandbox: note.sandbox || undefined,
    method: request.method,
    path: note.path,
    query: redactQuery(note.query, names),
    status: response.status,
    durationMs,
    operation: note.operation ?? null,
    problems: note.problems ?? [],
    steered: note.steered || undefined,
    request: {
      headers: note.requestHeaders
        ? recentRequests.shared(note.requestHeaders, names, () =>
            redactHeaderRecord(note.requestHeaders!, names),
          )
        : redactHeaders(request.headers, names),
      body: sent.body,
      truncated: sent.truncated,
    },
    response: {
      headers: responseHeadersOf(note.responseHeaders, response.headers, names),
      body: answered.body,
      truncated: answered.truncated,
    },
  };
}

/** Calls of a busy mock arrive many per millisecond: the last formatted time is reused. */
let lastTime = { ms: NaN, iso: '' };

function isoTime(ms: number): string {
  if (ms !== lastTime.ms) lastTime = { ms, iso: new Date(ms).toISOString() };
  return lastTime.iso;
}

/** A client's request headers, repeated call after call, are one shared object (shared-headers.ts). */
const recentRequests = new RecentHeaders();

/**
 * An answer built per call (a sandbox's, a generated one) sends a new headers record each time,
 * yet the same headers while it repeats (a polled sandbox read), but for the call's own RateLimit
 * values: shared like a kept answer's, such calls are logged as repeats of one record
 * (repeated-calls.ts), where each was stringified whole (bench/profile.mjs, a sandbox GET: the
 * log's `add` 4 % of the CPU).
 */
const recentResponses = new RecentHeaders(8, RATE_LIMIT_HEADER_NAMES);

/** Redacted per kept answer's headers once (the same object, so a batch carries them once). */
const redactedBases = new WeakMap<object, { names: CredentialNames; base: Record<string, string> }>();

/** The note's headers when the route kept them (shared ones redacted once), else read back. */
function responseHeadersOf(
  noted: Record<string, string> | SharedHeaders | undefined,
  headers: Headers,
  names: CredentialNames,
): Record<string, string> | SharedHeaders {
  if (noted === undefined) return redactHeaders(headers, names);
  if (!(noted instanceof SharedHeaders)) return builtPerCall(noted, names);
  let redacted = redactedBases.get(noted.base);
  if (redacted?.names !== names)
    redactedBases.set(noted.base, (redacted = { names, base: redactHeaderRecord(noted.base, names) }));
  return new SharedHeaders(redacted.base, noted.own && redactHeaderRecord(noted.own, names));
}

/** A per-call answer's headers as shared ones: its base from the recent ones, its own on top. */
function builtPerCall(noted: Record<string, string>, names: CredentialNames): SharedHeaders {
  const shared = recentResponses.shared(noted, names, () =>
    redactHeaderRecord(noted, names, RATE_LIMIT_HEADER_NAMES),
  );
  let own: Record<string, string> | undefined;
  for (const name of RATE_LIMIT_HEADER_NAMES) if (noted[name] !== undefined) (own ??= {})[name] = noted[name];
  return own ? new SharedHeaders(shared.base, redactHeaderRecord(own, names)) : shared;
}
