import { describe, expect, it } from 'vitest';
import type { LoggedCall } from '../../../worker/request-log/record';
import { rowOf, SHARED_BODY, SharedBodies, withSharedBody } from '../../../worker/request-log/log-rows';

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
  const bodies = new SharedBodies();
  const rows = records.map((r) => rowOf(r, 0, bodies.share(r)));
  return rows.map((row) =>
    row.body === undefined ? row.json : withSharedBody(row.json, bodies.json[row.body]),
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

  it('sends each distinct large body once', () => {
    const bodies = new SharedBodies();
    const indexes = [big, big, other, 'short', big].map((b) => bodies.share(record('/x', b)));
    expect(indexes).toEqual([0, 0, 1, undefined, 0]);
    expect(bodies.json).toEqual([JSON.stringify(big), JSON.stringify(other)]);
  });
});
