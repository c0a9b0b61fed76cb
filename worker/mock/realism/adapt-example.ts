import type { JsonValue, Schema } from '../plan';
import type { Ctx } from '../generate/context';
import { checkOpts, matches } from '../generate/check';
import { generatorContext, type GenerateOptions } from '../generate/index';
import { echoFor } from './identity';

/**
 * A served example agrees with the request it answers. Examples are served as written (Prism's
 * static mode), but an SDK reads the body back: `GET /tasks/1001` must not answer `gid: "12345"`,
 * and `POST /tasks {"data": {"name": "Write the report"}}` must not answer `"name": "Bug Task"`.
 * The example keeps its shape and every value the request says nothing about; members that echo a
 * path parameter (identity.ts's rules, as generated bodies use them) and members a create or update
 * sent take the request's value. The result must satisfy the media schema, else the example is
 * served unchanged.
 */
export function adaptExample(
  schema: Schema | undefined,
  example: JsonValue,
  options: GenerateOptions,
): JsonValue {
  if (!isPlain(example) && !Array.isArray(example)) return example;
  const ctx = generatorContext(options);
  const sent = ctx.realism.sent;
  // A sent value the schema refuses spoils the whole body: then only the path's values are echoed.
  for (const reflect of sent ? [folded(sent), undefined] : [undefined]) {
    const adapted = adapt(example, ctx, true, reflect);
    if (adapted === example) continue;
    if (schema === undefined || matches(schema, adapted, checkOpts(ctx, true))) return adapted;
  }
  return example;
}

type Sent = Map<string, JsonValue>;

function adapt(value: JsonValue, ctx: Ctx, root: boolean, sent: Sent | undefined): JsonValue {
  if (Array.isArray(value)) {
    // Items of a list are other resources: only members named like a path parameter echo there.
    let changed = false;
    const out = value.map((item) => {
      const next = adapt(item, ctx, false, undefined);
      changed ||= next !== item;
      return next;
    });
    return changed ? out : value;
  }
  if (!isPlain(value)) return value;
  let out: Record<string, JsonValue> | undefined;
  for (const [name, member] of Object.entries(value)) {
    const next = adaptMember(name, member, ctx, root, sent);
    if (next !== member) (out ??= { ...value })[name] = next;
  }
  return out ?? value;
}

function adaptMember(
  name: string,
  member: JsonValue,
  ctx: Ctx,
  root: boolean,
  sent: Sent | undefined,
): JsonValue {
  const given = sent?.get(fold(name));
  // A wrapper's `data` object is the resource itself ({ "data": { "gid": … } }).
  if (root && name === 'data' && isPlain(member))
    return adapt(member, ctx, true, isPlain(given) ? folded(given) : sent);
  if (isPlain(member) || Array.isArray(member)) {
    if (isPlain(given) && isPlain(member)) return adapt(member, ctx, false, folded(given));
    if (given !== undefined && Array.isArray(given) && Array.isArray(member)) return given;
    return adapt(member, ctx, false, undefined);
  }
  const echo =
    typeof member === 'string' || typeof member === 'number' ? echoFor(name, ctx, root) : undefined;
  if (echo !== undefined)
    return typeof member === 'number' && /^-?\d+(\.\d+)?$/.test(echo) ? Number(echo) : echo;
  return given !== undefined && !isPlain(given) && !Array.isArray(given) ? given : member;
}

const fold = (s: string) => s.toLowerCase().replace(/[_\-.\s]/g, '');

function folded(o: Record<string, JsonValue>): Sent {
  const m: Sent = new Map();
  for (const [k, v] of Object.entries(o)) m.set(fold(k), v);
  return m;
}

function isPlain(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
