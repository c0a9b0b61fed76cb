import type { JsonValue } from '../../plan';
import { LAST_PAGE, type Paging } from './position';
import { notationOf, roleOf, type Notation, type Role } from './names';

/**
 * The value a paging member of a list response takes: `next_page_uri`, `nextPageToken`, `links.next`,
 * `has_more`, … point at the pages of `position.ts`. Candidates in order; the generator keeps the
 * first its schema accepts and generates as before when none fits. A missing page (no next on the
 * last page) is `null`, else `""`, and an optional member is left out (`drop`).
 */

export interface PagingWant {
  want: JsonValue[];
  /** Leave the member out when it is optional and `null` does not fit. */
  drop?: boolean;
  /** For an object value (`next: {href}`, `next_page: {offset, uri}`): its members name this page. */
  role?: Role;
}

/** The page a role points at, or null when there is none (no next page on the last one). */
function targetOf(role: Role, p: Paging): number | null {
  switch (role) {
    case 'next':
      return p.last ? null : p.page + 1;
    case 'prev':
      return p.page > 1 ? Math.min(p.page - 1, LAST_PAGE) : null;
    case 'first':
      return 1;
    case 'self':
      return p.page;
    default:
      return LAST_PAGE;
  }
}

function inNotation(n: Notation, page: number, p: Paging): JsonValue | undefined {
  switch (n) {
    case 'url':
      return p.urlFor(page);
    case 'path':
      return p.pathFor(page);
    case 'token':
      return p.token(page);
    case 'number':
      return p.number(page);
  }
}

function pageValues(role: Role, notations: Notation[], p: Paging): PagingWant {
  const target = targetOf(role, p);
  const inMock = (page: number) =>
    notations.map((n) => inNotation(n, page, p)).filter((v): v is JsonValue => v !== undefined);
  // A link the schema requires even on the last page points past the end (an empty page), never
  // out of the mock.
  if (target === null)
    return { want: [null, '', ...inMock(role === 'next' ? p.page + 1 : p.page)], drop: true, role };
  return { want: inMock(target), role };
}

function factValue(role: Role, p: Paging): JsonValue {
  switch (role) {
    case 'hasMore':
      return !p.last;
    case 'isLast':
      return p.last;
    case 'hasPrev':
      return p.page > 1;
    case 'pageNumber':
      return p.number(p.page);
    case 'pageSize':
      return p.size;
    default:
      return LAST_PAGE;
  }
}

/** A member of a list response (at its root or in `meta`/`links`/`pagination`). */
export function memberWant(p: Paging, name: string, example: JsonValue | undefined): PagingWant | undefined {
  const role = roleOf(name);
  if (role === undefined) return undefined;
  if (role === 'next' || role === 'prev' || role === 'first' || role === 'last' || role === 'self')
    return pageValues(role, notationOf(name, example), p);
  return { want: [factValue(role, p)] };
}

/** A member inside a page object (`next: {href}`, Asana's `next_page: {offset, path, uri}`). */
export function innerWant(
  p: Paging,
  role: Role,
  name: string,
  example: JsonValue | undefined,
): PagingWant | undefined {
  if (!/^(href|url|uri|link|path|offset|cursor|token|page|after|before)$/i.test(name)) return undefined;
  const wants = pageValues(role, notationOf(name, example), p);
  return { want: wants.want };
}
