import { LAST_PAGE, type Paging } from './position';
import { roleOf } from './names';
import { memberWant } from './members';

/**
 * Paging response headers: an RFC 8288 `Link` with `next`/`last`/`first`/`prev` into the mock (the
 * rels the example shows, or all of them), and `X-Next`-style headers. Undefined: leave the header
 * out (no next page); the caller checks the value against the header's schema.
 */

const RELS = ['first', 'prev', 'next', 'last'] as const;

function linkHeader(p: Paging, example: unknown): string | undefined {
  const shown =
    typeof example === 'string'
      ? new Set([...example.matchAll(/rel="?([a-z]+)"?/gi)].map((m) => m[1].toLowerCase()))
      : undefined;
  const parts: string[] = [];
  for (const rel of RELS) {
    if (shown?.size && !shown.has(rel) && !(rel === 'first' || rel === 'prev')) continue;
    const page =
      rel === 'next'
        ? p.last
          ? null
          : p.page + 1
        : rel === 'prev'
          ? p.page > 1
            ? Math.min(p.page - 1, LAST_PAGE)
            : null
          : rel === 'first'
            ? p.page > 1
              ? 1
              : null
            : LAST_PAGE;
    if (page === null) continue;
    const url = p.urlFor(page) ?? p.pathFor(page);
    parts.push(`<${url}>; rel="${rel}"`);
  }
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * The value of a paging header, `null` to leave it out, or undefined when the header does not
 * speak of paging.
 */
export function pagingHeader(p: Paging, name: string, example: unknown): string[] | null | undefined {
  if (name.toLowerCase() === 'link') {
    const v = linkHeader(p, example);
    return v === undefined ? null : [v];
  }
  if (roleOf(name, true) === undefined) return undefined;
  const w = memberWant(p, name.replace(/^x-/i, ''), example as never);
  if (!w) return undefined;
  const values = w.want.filter((v) => v !== null && v !== '').map(String);
  return values.length ? values : null;
}
