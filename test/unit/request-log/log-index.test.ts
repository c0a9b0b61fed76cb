import { describe, expect, it } from 'vitest';
import {
  keptEntries,
  MAX_LOG_AGE_MS,
  MAX_LOGGED_CALLS,
  selectPage,
  type BatchColumns,
} from '../../../worker/request-log/log-index';

const NOW = Date.parse('2026-12-05T12:00:00Z');

function columns(ats: number[], statuses = ats.map(() => 200)): BatchColumns {
  return {
    at: ats,
    version: ats.map((_, i) => (i % 2 ? 'v2' : 'v1')),
    status: statuses,
    sandbox: ats.map(() => null),
    body: ats.map(() => null),
  };
}

describe('the calls a stored batch still keeps', () => {
  it('numbers a batch’s calls up to its last id and keeps only the log’s newest 1,000', () => {
    // The newest batch of a log whose last id is 1003 (its oldest kept call is 4).
    const batch = keptEntries(1003, columns([NOW, NOW, NOW, NOW, NOW]), 1003, NOW);
    expect(batch.map((e) => [e.id, e.line])).toEqual([
      [999, 0],
      [1000, 1],
      [1001, 2],
      [1002, 3],
      [1003, 4],
    ]);
    const straddling = keptEntries(5, columns([NOW, NOW, NOW, NOW, NOW]), 5 + MAX_LOGGED_CALLS - 2, NOW);
    expect(straddling.map((e) => e.id)).toEqual([4, 5]);
  });

  it('drops calls older than a week, wherever they sit in the batch', () => {
    const old = NOW - MAX_LOG_AGE_MS - 1;
    expect(keptEntries(3, columns([NOW, old, NOW - MAX_LOG_AGE_MS]), 3, NOW).map((e) => e.id)).toEqual([
      1, 3,
    ]);
  });
});

describe('a page of the log', () => {
  // Ids 1 … 6; calls 3 and 4 were stored in the other order than they arrived.
  const entries = keptEntries(6, columns([10, 20, 40, 30, 50, 60], [200, 404, 500, 201, 422, 200]), 6, 100);

  it('is newest first by arrival, then by id', () => {
    expect(selectPage(entries, {}, 10).map((e) => e.id)).toEqual([6, 5, 3, 4, 2, 1]);
    const tie = keptEntries(2, columns([7, 7]), 2, 100);
    expect(selectPage(tie, {}, 10).map((e) => e.id)).toEqual([2, 1]);
  });

  it('pages back from a listed call in that order, and by id from one no longer kept', () => {
    expect(selectPage(entries, { before: 3 }, 10).map((e) => e.id)).toEqual([4, 2, 1]);
    expect(selectPage(entries, { before: 4 }, 2).map((e) => e.id)).toEqual([2, 1]);
    expect(selectPage(entries, { before: 99 }, 10).map((e) => e.id)).toEqual([6, 5, 3, 4, 2, 1]);
    expect(selectPage(entries.slice(2), { before: 2 }, 10).map((e) => e.id)).toEqual([]);
    // The anchor is a call of another version: the page still starts below it.
    expect(selectPage(entries, { before: 3, version: 'v2' }, 10).map((e) => e.id)).toEqual([4, 2]);
  });

  it('filters by version, exact status, status class and what came after an id', () => {
    expect(selectPage(entries, { version: 'v2' }, 10).map((e) => e.id)).toEqual([6, 4, 2]);
    expect(selectPage(entries, { status: 200 }, 10).map((e) => e.id)).toEqual([6, 1]);
    expect(selectPage(entries, { statusClass: 4 }, 10).map((e) => e.id)).toEqual([5, 2]);
    expect(selectPage(entries, { after: 3 }, 10).map((e) => e.id)).toEqual([6, 5, 4]);
    expect(selectPage(entries, {}, 2).map((e) => e.id)).toEqual([6, 5]);
  });
});
