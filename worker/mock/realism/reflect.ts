import type { JsonValue } from '../plan';
import type { Ctx, Hint } from '../generate/context';

/**
 * Reflection: a create or update answers with what the request said (stripe-mock does the same).
 * A response member named like a member of the decoded request body (JSON or form, names folded:
 * `Body` ↔ `body`) takes the sent value; a sent object guides the response object of that name
 * member by member. The generator keeps a value only where the member's schema accepts it. A
 * DELETE's `deleted` flag says the deletion happened.
 */

const isPlain = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function sentFor(
  sent: Map<string, JsonValue> | undefined,
  name: string,
  ctx: Ctx,
  root: boolean,
): Partial<Hint> | undefined {
  if (root && ctx.realism.method === 'DELETE' && (ctx.realism.status ?? 200) < 300 && name === 'deleted')
    return { want: [true] };
  if (sent === undefined) return undefined;
  const v = sent.get(name.toLowerCase().replace(/[_\-.\s]/g, ''));
  if (v === undefined) return undefined;
  // A sent object is taken whole where it fits (a `metadata` map), else it guides member by member.
  return isPlain(v) ? { want: [v], sent: v } : { want: [v] };
}
