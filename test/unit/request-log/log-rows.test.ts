import { describe, expect, it } from 'vitest';
import type { LoggedCall } from '../../../worker/request-log/record';
import {
  LogBatchBuilder,
  recordLines,
  SHARED_BODY,
  SharedBodies,
  withSharedBody,
} from '../../../worker/request-log/log-rows';
import { resolveHeaders, SharedHeaders } from '../../../worker/request-log/shared-headers';

/**
 * Issue 22: a batch of logged calls carries each distinct large response body once; the stored
 * row is the record's JSON as if nothing had been shared, whatever the request body holds.
 */
function record(path: string, responseBody: string | null, requestBody: string | null = null): LoggedCall {
  return {
    at: '2026-12-04T00:00:00.000Z',
    version: 'v1',
    method: 'POST',
    path,
    query: '',
    status: 200,
    durationMs: 1,
    operation: 'op',
    problems: [],
    request: { headers: { 'content-type': 'application/json' }, body: requestBody },
    response: { headers: { 'content-type': 'application/json' }, body: responseBody },
  };
}

/** What the log's object stores for each record of a batch. */
function stored(records: LoggedCall[]): string[] {
  const batch = new LogBatchBuilder();
  for (const r of records) batch.add(r, 0);
  // As the batch crosses the RPC: a structured clone.
  const wire = structuredClone(batch.wire);
  const headers = wire.headers.map((json) => JSON.parse(json) as Record<string, string>);
  return recordLines(wire.records).map((json, i) => {
    const call = JSON.parse(wire.body[i] < 0 ? json : withSharedBody(json, wire.bodies[wire.body[i]]));
    call.request.headers = resolveHeaders(call.request.headers, headers);
    call.response.headers = resolveHeaders(call.response.headers, headers);
    return JSON.stringify(call);
  });
}

describe('shared response bodies in a log batch', () => {
  const big = JSON.stringify({ text: 'ä"\\\n'.repeat(300), n: 1 });
  const other = JSON.stringify({ text: 'b'.repeat(2000) });

  it('stores every row as its own JSON, bodies shared or not', () => {
    const records = [
      record('/a', big),
      record('/b', big),
      record('/c', other),
      record('/d', 'short'),
      record('/e', null),
      // A request body that holds the mark itself, in raw and in JSON form.
      record('/f', big, `${SHARED_BODY} ${JSON.stringify(SHARED_BODY)}`),
      record('/g', big, SHARED_BODY),
    ];
    const expected = records.map((r) => JSON.stringify(r));
    expect(stored(records)).toEqual(expected);
  });

  it('keeps each row apart, whatever line breaks its bodies and headers hold', () => {
    const records = [
      record('/a', 'line\nbreak', 'a\r\nb'),
      { ...record('/b', big), request: { headers: { 'x-odd': 'a\u2028b' }, body: '\n' } },
      record('/c', ''),
    ];
    const batch = new LogBatchBuilder();
    records.forEach((r, i) => batch.add(r, 1000 + i));
    const wire = structuredClone(batch.wire);
    expect(recordLines(wire.records).length).toBe(3);
    expect([wire.at, wire.version, wire.status, wire.sandbox]).toEqual([
      [1000, 1001, 1002],
      ['v1', 'v1', 'v1'],
      [200, 200, 200],
      [null, null, null],
    ]);
    expect(stored(records)).toEqual(records.map((r) => JSON.stringify(r)));
  });

  it('reads an empty batch as no records', () => {
    expect(recordLines(new LogBatchBuilder().wire.records)).toEqual([]);
  });

  it('carries shared headers once and stores each row as the headers it was sent', () => {
    const kept = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };
    const client = { accept: '*/*', 'user-agent': 'sdk/1.0' };
    const sent = [1, 2, 3].map((n) => ({
      ...record(`/p/${n}`, big),
      request: { headers: client, body: null },
      response: { headers: { ...kept, ratelimit: `r=${n}` }, body: big },
    }));
    const clientShared = new SharedHeaders(client);
    const batch = new LogBatchBuilder();
    for (const [i, call] of sent.entries())
      batch.add(
        {
          ...call,
          request: { ...call.request, headers: clientShared },
          response: { ...call.response, headers: new SharedHeaders(kept, { ratelimit: `r=${i + 1}` }) },
        },
        0,
      );
    const wire = structuredClone(batch.wire);
    expect(wire.headers).toEqual([JSON.stringify(client), JSON.stringify(kept)]);
    expect(wire.records.split(JSON.stringify(client)).length).toBe(1);
    const headers = wire.headers.map((json) => JSON.parse(json) as Record<string, string>);
    const read = recordLines(wire.records).map((json, i) => {
      const call = JSON.parse(withSharedBody(json, wire.bodies[wire.body[i]]));
      return {
        ...call,
        request: { ...call.request, headers: resolveHeaders(call.request.headers, headers) },
        response: { ...call.response, headers: resolveHeaders(call.response.headers, headers) },
      };
    });
    expect(read).toEqual(sent);
  });

  it('sends each distinct large body once', () => {
    const bodies = new SharedBodies();
    const indexes = [big, big, other, 'short', big].map((b) => bodies.share(record('/x', b)));
    expect(indexes).toEqual([0, 0, 1, undefined, 0]);
    expect(bodies.json).toEqual([JSON.stringify(big), JSON.stringify(other)]);
  });
});
