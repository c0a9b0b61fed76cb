import type { ResponsePlan, Schema } from '../../plan';
import { viewOf } from '../../schema-view';
import { isPagingBox } from './apply';
import { roleOf, type Role } from './names';

/**
 * Whether a response's body is a page of a list by its schema alone: an array member beside a
 * member that points past the page (`next`, `has_more`, `total_pages`, `is_last`) or that says
 * which page and how long it is (`page` with `pagelen`), at the root or in a paging box (`meta`,
 * `links`). The path cannot tell: Bitbucket's `GET /repositories/{workspace}` ends in a parameter
 * like an item read, Azure's `…/dnsZones/{zoneName}/{recordType}` too, and both answer pages.
 */

const POINTS_ON: ReadonlySet<Role> = new Set<Role>(['next', 'hasMore', 'isLast', 'totalPages']);

const memo = new WeakMap<ResponsePlan, boolean>();

export function isPagedListBody(response: ResponsePlan, defs: Record<string, Schema>): boolean {
  let paged = memo.get(response);
  if (paged === undefined) {
    paged = Object.values(response.content).some((media) => pagedSchema(media.schema, defs));
    memo.set(response, paged);
  }
  return paged;
}

function pagedSchema(schema: Schema | undefined, defs: Record<string, Schema>): boolean {
  const root = viewOf(schema, defs);
  if (!root) return false;
  const roles = new Set<Role>();
  let list = false;
  for (const [name, member] of Object.entries(root.properties)) {
    const view = viewOf(member, defs);
    if (view?.types.has('array')) list = true;
    const role = roleOf(name);
    if (role !== undefined) roles.add(role);
    else if (isPagingBox(name) && view)
      for (const inner of Object.keys(view.properties)) {
        const innerRole = roleOf(inner);
        if (innerRole !== undefined) roles.add(innerRole);
      }
  }
  if (!list) return false;
  if ([...roles].some((r) => POINTS_ON.has(r))) return true;
  return roles.has('pageNumber') && roles.has('pageSize');
}
