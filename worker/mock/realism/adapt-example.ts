import type { JsonValue, Schema } from '../plan';
import type { Ctx } from '../generate/context';
import { checkOpts, matches } from '../generate/check';
import { generatorContext, type GenerateOptions } from '../generate/index';
import { echoFor } from './identity';
import { wrapsResource } from './nouns';
import { fold, foldedMembers as folded, isPlain } from './reflect';
import { memberSchema, viewOf, type SchemaView } from '../schema-view';
import { isPagingBox } from './paging/apply';
import { innerWant, memberWant } from './paging/members';
import type { Role } from './paging/names';

/**
 * A served example agrees with the request it answers. Examples are served as written (Prism's
 * static mode), but an SDK reads the body back: `GET /tasks/1001` must not answer `gid: "12345"`,
 * `POST /tasks {"data": {"name": "Write the report"}}` must not answer `"name": "Bug Task"`, and a
 * paginating client must not follow the example's `next_cursor` forever. The example keeps its shape
 * and every value the request says nothing about; members that echo a path parameter (identity.ts's
 * rules, as generated bodies use them), members a create or update sent, and a list's paging members
 * (paging/, as generated lists use them) take the request's value. The result must satisfy the media
 * schema, else the example is served without the sent values, else unchanged.
 */
export function adaptExample(
  schema: Schema | undefined,
  example: JsonValue,
  options: GenerateOptions,
): JsonValue {
  if (!isPlain(example) && !Array.isArray(example)) return example;
  const ctx = generatorContext(options);
  const sent = ctx.realism.sent;
  const reflected = sent ? folded(sent) : undefined;
  // Sent values everywhere they fit; else only where a member takes one as it is (a sent string
  // describes no object: DigitalOcean's `image: "ubuntu-22-04-x64"` is no image's integer id); else none.
  const tries: Pick<Place, 'sent' | 'shallow'>[] = reflected
    ? [{ sent: reflected }, { sent: reflected, shallow: true }, {}]
    : [{}];
  for (const reflect of tries) {
    const at: Place = { depth: 0, root: true, ...(schema !== undefined ? { schema } : {}) };
    const adapted = adapt(example, ctx, { ...at, ...reflect });
    if (adapted === example) continue;
    if (
      schema === undefined ||
      matches(schema, adapted, checkOpts(ctx, { strictAccess: true, outside: true }))
    )
      return adapted;
  }
  return example;
}

type Sent = Map<string, JsonValue>;

/** Where a value sits: its object depth, whether it is the resource, what it was sent, its box. */
interface Place {
  depth: number;
  root: boolean;
  sent?: Sent;
  box?: string;
  /** The page an object names (`next: {href}`): its link members point there. */
  role?: Role;
  /** The value's schema, where the path to it is known: members the example lacks are added. */
  schema?: Schema;
  /** The object's own member names, folded: sent values they take do not describe a child. */
  names?: Set<string>;
  /** The root's one object member, and the sent values no root member takes: they describe it. */
  sole?: { name: string; sent: Sent };
  /** Sent values are taken only by the members they name, never read as describing an object. */
  shallow?: true;
}

function adapt(value: JsonValue, ctx: Ctx, at: Place): JsonValue {
  if (Array.isArray(value)) {
    if (at.depth === 0 && pastEnd(ctx)) return value.length === 0 ? value : [];
    // Items of a list are other resources: only members named like a path parameter echo there.
    let changed = false;
    const out = value.map((item) => {
      const next = adapt(item, ctx, { depth: Infinity, root: false });
      changed ||= next !== item;
      return next;
    });
    return changed ? out : value;
  }
  if (!isPlain(value)) return value;
  let out: Record<string, JsonValue> | undefined;
  const view = at.schema !== undefined ? viewOf(at.schema, ctx.defs) : undefined;
  if (at.sent) {
    at = { ...at, names: new Set([...Object.keys(value), ...Object.keys(view?.properties ?? {})].map(fold)) };
    if (at.depth === 0) at = { ...at, ...soleResource(value, at) };
  }
  for (const [name, member] of Object.entries(value)) {
    const next = adaptMember(name, member, ctx, at, view && memberSchema(view, name));
    if (next === member) continue;
    out ??= { ...value };
    if (next === undefined) delete out[name];
    else out[name] = next;
  }
  if (view && (at.root || at.sent)) {
    const added = missingMembers(value, ctx, at, view);
    if (added) out = { ...(out ?? value), ...added };
  }
  return out ?? value;
}

/**
 * Members the schema declares and the example lacks, where the request says what they are: the
 * resource's id (`gid` of /tasks/{task_gid}) and what a create or update sent.
 */
function missingMembers(
  value: Record<string, JsonValue>,
  ctx: Ctx,
  at: Place,
  view: SchemaView,
): Record<string, JsonValue> | undefined {
  let added: Record<string, JsonValue> | undefined;
  for (const name of Object.keys(view.properties)) {
    if (name in value) continue;
    const echo = at.root ? echoFor(name, ctx, true) : undefined;
    const types = viewOf(view.properties[name], ctx.defs)?.types;
    const numeric =
      types !== undefined && !types.has('string') && (types.has('integer') || types.has('number'));
    const v = echo !== undefined ? (numeric ? Number(echo) : echo) : at.sent?.get(fold(name));
    if (v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) (added ??= {})[name] = v;
  }
  return added;
}

function adaptMember(
  name: string,
  member: JsonValue,
  ctx: Ctx,
  at: Place,
  schema: Schema | undefined,
): JsonValue | undefined {
  const given = at.sent?.get(fold(name));
  const page = pageValue(name, member, ctx, at);
  if (page !== NO_PAGE) return page;
  if (isPlain(member)) {
    // A wrapper's `data` object is the resource itself ({ "data": { "gid": … } }), and so is one
    // named after it (DigitalOcean's `{"droplet": {…}}` answering POST /v2/droplets).
    const wrapper = at.root && at.depth === 0 && wrapsResource(name, ctx.realism);
    const sent = isPlain(given)
      ? folded(given)
      : wrapper
        ? at.sent
        : at.shallow
          ? undefined
          : (namedBy(name, given, at) ?? (name === at.sole?.name ? at.sole.sent : undefined));
    const role = listPosition(ctx, at) ? memberWant(ctx.realism.paging!, name, member)?.role : undefined;
    return adapt(member, ctx, {
      depth: at.depth + 1,
      root: wrapper,
      box: name,
      ...(schema !== undefined && (wrapper || sent) ? { schema } : {}),
      ...(sent ? { sent } : {}),
      ...(role ? { role } : {}),
      ...(at.shallow ? { shallow: true as const } : {}),
    });
  }
  // A sent list replaces the example's (Notion's rich-text `title`); the whole-body check guards it.
  if (Array.isArray(member)) {
    if (Array.isArray(given)) return given;
    if (at.depth === 0 && pastEnd(ctx)) return member.length === 0 ? member : [];
    return adapt(member, ctx, { depth: Infinity, root: false });
  }
  const echo =
    typeof member === 'string' || typeof member === 'number' ? echoFor(name, ctx, at.root) : undefined;
  if (echo !== undefined)
    return typeof member === 'number' && /^-?\d+(\.\d+)?$/.test(echo) ? Number(echo) : echo;
  if (given === undefined || isPlain(given) || Array.isArray(given)) return member;
  return inTypeOf(member, given, at.root ? ctx.realism.sentText?.get(fold(name)) : undefined);
}

/**
 * A page past a list's last has no items, as a generated one (paging/position.ts): Spoonacular's
 * `complexSearch` answered its example's two recipes at every offset, so a client paging until an
 * empty page never stopped. Its list arrays (the root, or a root member's) are emptied.
 */
function pastEnd(ctx: Ctx): boolean {
  return ctx.realism.paging?.pastEnd === true;
}

/**
 * A sent value in the example's type: a form's `ts` read as a number is Slack's string `ts`, as it
 * was sent (`text`: `0408472801.030393`, whose number drops the zero).
 */
function inTypeOf(member: JsonValue, given: JsonValue, text: string | undefined): JsonValue {
  if (typeof member === 'string' && (typeof given === 'number' || typeof given === 'boolean'))
    return text ?? String(given);
  if (typeof member === 'number' && typeof given === 'string' && /^-?\d+(\.\d+)?$/.test(given))
    return Number(given);
  return given;
}

/**
 * What the request says about an object member it names by id, as generated bodies read it
 * (reflect.ts): `institution_id` sent is the `institution` object's, and `channel=C1&name=x` makes
 * C1 the `channel` object's id, with what no member beside it takes describing it.
 */
function namedBy(name: string, given: JsonValue | undefined, at: Place): Sent | undefined {
  const sent = at.sent;
  if (!sent) return undefined;
  const key = fold(name);
  const byId = given === undefined ? sent.get(`${key}id`) : undefined;
  if (byId !== undefined && !isPlain(byId)) return new Map([[`${key}id`, byId]]);
  if (given === undefined || isPlain(given) || Array.isArray(given)) return undefined;
  const siblings = at.names;
  const rest: Sent = new Map([...sent].filter(([k]) => k !== key && !siblings?.has(k)));
  return rest.set('id', given);
}

/**
 * Slack answers `conversations.create name=x` with `{ok, channel: {name: x, …}}`: where the root
 * has exactly one object member and the request sent values no root member takes, they describe it.
 */
function soleResource(value: Record<string, JsonValue>, at: Place): Pick<Place, 'sole'> {
  const objects = Object.keys(value).filter((k) => isPlain(value[k]) && k !== 'data');
  if (objects.length !== 1 || !at.sent) return {};
  const rest: Sent = new Map([...at.sent].filter(([k]) => !at.names?.has(k)));
  return rest.size > 0 ? { sole: { name: objects[0], sent: rest } } : {};
}

const NO_PAGE = Symbol('no paging member');
const BARE = /^(first|last)$/;

/** A list response's root, or a paging box (`meta`, `links`) right below it. */
function listPosition(ctx: Ctx, at: Place): boolean {
  if (!ctx.realism.paging || at.role !== undefined) return false;
  return at.depth === 0 || (at.depth === 1 && isPagingBox(at.box));
}

/**
 * A list's paging member (at its root, in a paging box, or in a `next: {href}` object): the value
 * naming the request's next (or first, last) page in the example's own type, else `null` where
 * there is no such page. NO_PAGE: not a paging member, or no value of its type.
 */
function pageValue(name: string, member: JsonValue, ctx: Ctx, at: Place): JsonValue | typeof NO_PAGE {
  const p = ctx.realism.paging;
  if (!p || isPlain(member) || Array.isArray(member)) return NO_PAGE;
  let want;
  if (at.role !== undefined) want = at.depth <= 2 ? innerWant(p, at.role, name, member) : undefined;
  else if (listPosition(ctx, at)) {
    // `first`/`last` alone are names (`"last": "Smith"`) unless a box or a link says otherwise.
    const bare = BARE.test(fold(name)) && !isPagingBox(at.box) && !/^(https?:)?\//.test(String(member));
    want = bare ? undefined : memberWant(p, name, member);
  }
  if (!want) return NO_PAGE;
  const same = want.want.find((v) => v !== null && typeof v === typeof member);
  return same ?? (want.want.includes(null) ? null : NO_PAGE);
}
