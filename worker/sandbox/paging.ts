import { pageOfToken } from '../mock/realism/paging/tokens';
import type { StoredItem } from './item-store';
import type { Paging } from './resources';

export interface Page {
  items: StoredItem[];
  offset: number;
  limit: number;
  total: number;
  /** The cursor of the next page, when one follows. */
  nextCursor?: string;
}

/**
 * One page of a collection. `limit` (else its declared default, else everything) is capped by the
 * list schema's maxItems; the start is `offset`, else `page` × limit (from 1, or from 0 when the
 * parameter's minimum is 0), else a `cursor` this sandbox handed out (the next start, as text), or
 * an item's id (Stripe's `starting_after`: the page starts after that item).
 */
export function pageOf(
  items: StoredItem[],
  paging: Paging,
  query: [string, string][],
  maxItems: number | undefined,
): Page {
  const read = (name: string | undefined) => {
    if (!name) return undefined;
    const raw = query.find(([k]) => k === name)?.[1];
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isInteger(n) ? n : undefined;
  };
  let limit = read(paging.limit) ?? paging.defaultLimit ?? Number.POSITIVE_INFINITY;
  if (limit < 1) limit = Number.POSITIVE_INFINITY;
  if (maxItems !== undefined) limit = Math.min(limit, maxItems);
  const page = read(paging.page);
  const pageStart =
    page === undefined || !Number.isFinite(limit)
      ? undefined
      : Math.max(0, page - (paging.pageFromZero ? 0 : 1)) * limit;
  const offset = Math.max(
    0,
    read(paging.offset) ?? pageStart ?? cursorStart(items, paging, query, limit) ?? 0,
  );
  const slice = items.slice(offset, offset + limit);
  const end = offset + slice.length;
  return {
    items: slice,
    offset,
    limit: Number.isFinite(limit) ? limit : items.length,
    total: items.length,
    ...(end < items.length ? { nextCursor: String(end) } : {}),
  };
}

function cursorStart(
  items: StoredItem[],
  paging: Paging,
  query: [string, string][],
  limit: number,
): number | undefined {
  const raw = paging.cursor && query.find(([k]) => k === paging.cursor)?.[1];
  if (!raw) return undefined;
  // A page token of the mock's own, from a next link the list's wrapper carries (`@odata.nextLink`).
  const tokenPage = pageOfToken(raw);
  if (tokenPage !== undefined && Number.isFinite(limit)) return (tokenPage - 1) * limit;
  const offset = /^\d+$/.test(raw) ? Number(raw) : undefined;
  const at = items.findIndex((item) => item.id === raw);
  const after = at >= 0 ? at + 1 : undefined;
  // `starting_after=42` names item 42; a plain `cursor=3` is the offset this sandbox handed out.
  return /^(starting)?after$/i.test(paging.cursor!.replace(/[^a-z]/gi, ''))
    ? (after ?? offset)
    : (offset ?? after);
}
