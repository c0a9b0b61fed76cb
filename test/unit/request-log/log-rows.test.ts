import { describe, expect, it } from 'vitest';
import type { LoggedCall } from '../../../worker/request-log/record';
import {
  LogBatchBuilder,
  recordLines,
  SHARED_BODY,
  SharedBodies,
  withSharedBody,
} from '../../../worker/request-log/log-rows';

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
  return recordLines(wire.records).map((json, i) =>
    wire.body[i] < 0 ? json : withSharedBody(json, wire.bodies[wire.body[i]]),
  );
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

  it('sends each distinct large body once', () => {
    const bodies = new SharedBodies();
    const indexes = [big, big, other, 'short', big].map((b) => bodies.share(record('/x', b)));
    expect(indexes).toEqual([0, 0, 1, undefined, 0]);
    expect(bodies.json).toEqual([JSON.stringify(big), JSON.stringify(other)]);
  });
});
