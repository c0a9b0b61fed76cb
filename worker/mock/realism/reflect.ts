import type { JsonValue } from '../plan';
import type { Ctx, Hint } from '../generate/context';

/**
 * Reflection: a create or update answers with what the request said (stripe-mock does the same).
 * A response member named like a member of the decoded request body (JSON or form, names folded:
 * `Body` ↔ `body`) takes the sent value; a sent object guides the response object of that name
 * member by member. The generator keeps a value only where the member's schema accepts it. A
 * DELETE's `deleted` flag says the deletion happened.
 */

export const isPlain = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function sentFor(
  sent: Map<string, JsonValue> | undefined,
  name: string,
  ctx: Ctx,
  root: boolean,
  siblings?: ReadonlySet<string>,
): Partial<Hint> | undefined {
  if (root && ctx.realism.method === 'DELETE' && (ctx.realism.status ?? 200) < 300 && name === 'deleted')
    return { want: [true] };
  if (sent === undefined) return undefined;
  const key = fold(name);
  const v = sent.get(key);
  // `institution_id` sent names the `institution` object answered: it says that object's id.
  const idOf = v === undefined ? sent.get(`${key}id`) : undefined;
  if (idOf !== undefined && !isPlain(idOf)) return { sent: { [`${key}id`]: idOf } };
  if (v === undefined) return undefined;
  // A sent map of plain values is taken whole where it fits (a `metadata` map); a deeper object only
  // guides member by member, each checked by its own schema; a list only when its items are plain
  // values. Nested structures are where readings of a schema differ (a `$ref` with a sibling `type`).
  if (isPlain(v)) return Object.values(v).every(isScalar) ? { want: [v], sent: v } : { sent: v };
  if (Array.isArray(v)) {
    if (v.every(isScalar)) return { want: [v] };
    // A batch create (Xero's `Contacts: [{Name: …}]`) answers one item per sent object, each guided
    // member by member as a sent object is; a list of lists says nothing item by item.
    return v.length > 0 && v.length <= MAX_SENT_ITEMS && v.every(isPlain) ? { sentItems: v } : undefined;
  }
  // A form's `ts` read as a number is the response's string `ts` too, as it was sent
  // (`0408472801.030393`, `1503435956.000240`: the number's own text drops the zeros).
  const text = root ? ctx.realism.sentText?.get(key) : undefined;
  const want =
    typeof v === 'number' || typeof v === 'boolean'
      ? [v, ...(text !== undefined && text !== String(v) ? [text] : []), String(v)]
      : [v];
  // `channel=C1&name=x` (Slack) names the `channel` object answered: its id, and what no member
  // beside it takes (`name`) describes it.
  const rest = [...sent].filter(([k]) => k !== key && !siblings?.has(k));
  return { want, sent: { ...Object.fromEntries(rest), id: v } };
}

const isScalar = (v: JsonValue) => v === null || typeof v !== 'object';

/** A longer sent list is answered as generated: a batch of thousands is no screen's content. */
const MAX_SENT_ITEMS = 20;

/** A member name with case and separators folded: a sent `Body` is the response's `body`. */
export const fold = (s: string) => s.toLowerCase().replace(/[_\-.\s]/g, '');

/** An object's members by folded name. */
export function foldedMembers(o: Record<string, JsonValue>): Map<string, JsonValue> {
  const m = new Map<string, JsonValue>();
  for (const [k, v] of Object.entries(o)) m.set(fold(k), v);
  return m;
}
