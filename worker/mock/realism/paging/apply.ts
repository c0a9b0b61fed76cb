import type { JsonValue } from '../../plan';
import type { Ctx, Hint } from '../../generate/context';
import { innerWant, memberWant } from './members';
import { fold } from './names';

/**
 * Where a list response's paging members are: its root, or one object below it (`meta`,
 * `pagination`, `links`, `response_metadata`), never inside its items. What they say comes from
 * `members.ts`; this reads the generator's position in the body.
 */

const BOXES = /^(links|paging|pagination|meta|metadata|pageinfo|cursors|responsemetadata|page)$/;

/** Whether an object member of a list response's root holds its paging members. */
export const isPagingBox = (name: string | undefined): boolean =>
  name !== undefined && BOXES.test(fold(name));
/** Bare words that only name a page inside a paging box or when their example is a link. */
const BARE = /^(first|last|self|href)$/;

export function pagingWant(
  role: Hint['paging'],
  name: string,
  example: JsonValue | undefined,
  ctx: Ctx,
  box: string | undefined,
): Partial<Hint> | undefined {
  const p = ctx.realism.paging;
  if (!p || ctx.arrDepth > 0) return undefined;
  if (role !== undefined) {
    if (ctx.objDepth > 3) return undefined;
    const w = innerWant(p, role, name, example);
    return w && { want: w.want };
  }
  if (ctx.objDepth > 2) return undefined;
  const inBox = isPagingBox(box);
  if (ctx.objDepth === 2 && !inBox) return undefined;
  if (BARE.test(fold(name)) && !inBox && !(typeof example === 'string' && /^(https?:)?\//.test(example)))
    return undefined;
  const w = memberWant(p, name, example);
  if (!w) return undefined;
  return { want: w.want, ...(w.drop ? { drop: true } : {}), ...(w.role ? { paging: w.role } : {}) };
}
