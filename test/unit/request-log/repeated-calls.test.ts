import { describe, expect, it } from 'vitest';
import type { LoggedCall, RecordedCall } from '../../../worker/request-log/record';
import { LogBatchBuilder, recordLines, withSharedBody } from '../../../worker/request-log/log-rows';
import { applyRepeat, readLine, rowLines } from '../../../worker/request-log/repeated-calls';
import { resolveHeaders, SharedHeaders } from '../../../worker/request-log/shared-headers';

/**
 * Issue 22: a logged call that repeats a recent one of its batch is stored as a reference to it;
 * read back, every call is its own record: its time, duration and RateLimit headers included.
 */
const client = new SharedHeaders({ accept: 'application/json', 'user-agent': 'sdk/1' });
const otherClient = new SharedHeaders({ accept: '*/*' });
const kept = { 'content-type': 'application/json', 'x-specmock-operation': 'getPet' };
const big = JSON.stringify({ name: 'Rex', tags: 'x'.repeat(800) });

function call(i: number, over: Partial<RecordedCall> = {}): RecordedCall {
  return {
    at: new Date(Date.UTC(2026, 11, 6, 0, 0, 0, i)).toISOString(),
    version: 'v1',
    method: 'GET',
    path: '/pets/42',
    query: 'a=1',
    status: 200,
    durationMs: i % 7,
    operation: 'getPet',
    problems: [],
    request: { headers: client, body: null },
    response: {
      headers: new SharedHeaders(kept, { ratelimit: `limit=100, remaining=${99 - i}` }),
      body: big,
    },
    ...over,
  };
}

/** The record a call is read back as: its shared headers resolved, as the log lists it. */
function plain(c: RecordedCall): LoggedCall {
  const headers = (h: Record<string, string> | SharedHeaders) =>
    h instanceof SharedHeaders ? { ...h.base, ...h.own } : h;
  return {
    ...c,
    request: { ...c.request, headers: headers(c.request.headers) },
    response: { ...c.response, headers: headers(c.response.headers) },
  };
}

/** The batch's lines read back as the log's object reads them (request-log.ts). */
function readBack(lines: string[], wire: LogBatchBuilder['wire'], at: number[]): LoggedCall[] {
  const table = wire.headers.map((json) => JSON.parse(json) as Record<string, string>);
  return lines.map((_, i) => {
    const { json, repeat } = readLine(lines, i);
    const body = wire.body[i];
    const whole = JSON.parse(body < 0 ? json : withSharedBody(json, wire.bodies[body]));
    const c = repeat ? applyRepeat(whole, repeat, at[i]) : whole;
    return {
      ...c,
      request: { ...c.request, headers: resolveHeaders(c.request.headers, table) },
      response: { ...c.response, headers: resolveHeaders(c.response.headers, table) },
    };
  });
}

function batchOf(calls: RecordedCall[]) {
  const expected = calls.map(plain);
  const batch = new LogBatchBuilder();
  for (const c of calls) batch.add(c, Date.parse(c.at));
  const wire = structuredClone(batch.wire);
  return { expected, wire, lines: recordLines(wire.records) };
}

describe('repeated calls in a log batch', () => {
  it('stores a repeat as a reference, and reads every call back as it was', () => {
    const calls = [
      call(0),
      call(1),
      call(2, { path: '/pets/7' }),
      call(3),
      call(4, { path: '/pets/7' }),
      call(5, { query: 'a=2' }),
      call(6, { request: { headers: otherClient, body: null } }),
      call(7, { status: 404 }),
      call(8, { problems: [{ path: '/a', message: 'bad', code: 'x' } as never] }),
      call(9, { problems: [{ path: '/a', message: 'bad', code: 'x' } as never] }),
      call(10, { response: { headers: { 'content-type': 'text/plain' }, body: 'hi' } }),
      call(11, { response: { headers: { 'content-type': 'text/plain' }, body: 'hi' } }),
      call(12, { response: { headers: new SharedHeaders(kept), body: big } }),
      call(13, { request: { headers: client, body: '{"x":1}' }, method: 'POST' }),
      call(14, { request: { headers: client, body: '{"x":2}' }, method: 'POST' }),
      call(15),
    ];
    const { expected, wire, lines } = batchOf(calls);
    expect(readBack(lines, wire, wire.at)).toEqual(expected);
    // Repeats: calls 1, 3 (of 0), 4 (of 2), 12 (of 0, without RateLimit headers), 15 (of 0).
    const repeats = lines.flatMap((line, i) => (line.startsWith('[') ? [i] : []));
    expect(repeats).toEqual([1, 3, 4, 12, 15]);
    expect(lines[3].length).toBeLessThan(60);
    // The shared body is carried once, whoever names it.
    expect(wire.bodies.length).toBe(1);
  });

  it('keeps only the last few distinct calls to repeat', () => {
    const calls = [
      ...Array.from({ length: 9 }, (_, i) => call(i, { path: `/pets/${i}` })),
      call(9, { path: '/pets/0' }),
    ];
    const { expected, wire, lines } = batchOf(calls);
    expect(readBack(lines, wire, wire.at)).toEqual(expected);
    expect(lines.every((line) => line.startsWith('{'))).toBe(true);
  });

  it('writes out a repeat whole in a row apart from its record, and re-points one within it', () => {
    const calls = [call(0), call(1), call(2, { path: '/pets/7' }), call(3), call(4, { path: '/pets/7' })];
    const { expected, wire, lines } = batchOf(calls);
    expect(lines.map((line) => line[0])).toEqual(['{', '[', '{', '[', '[']);
    const row = rowLines(lines, 2, 5, wire.at);
    expect(row.map((line) => line[0])).toEqual(['{', '{', '[']);
    expect(readBack(row, { ...wire, body: wire.body.slice(2) }, wire.at.slice(2))).toEqual(expected.slice(2));
  });
});
