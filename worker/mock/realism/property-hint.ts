import type { JsonValue, Schema } from '../plan';
import type { Ctx, Hint } from '../generate/context';
import type { Flat } from '../generate/flat';
import { objectExample } from './examples';
import { SELF_NAMES, echoFor, extendSelfUrl, namedMemberEcho, selfUrlFor } from './identity';
import { pagingWant } from './paging/apply';
import { filterFor } from './list-filters';
import { singularNoun, wrapsResource } from './nouns';
import { fold, foldedMembers, isPlain, sentFor } from './reflect';
import { ACTIONS } from './request';

/**
 * What an object tells each of its properties before they are generated: the value its example
 * holds for them, and the path value they echo (identity), including the resource's own URL and
 * the URLs that extend it.
 */

export interface ObjectGuide {
  root: boolean;
  example?: Record<string, JsonValue>;
  self?: { name: string; example: string; value: string };
  /** The page this object's `href`/`uri`/`offset` members name (it is a `next`/`links.next` object). */
  paging?: Hint['paging'];
  /** The name of the member this object is (`meta`, `links`): paging members live in such boxes. */
  box?: string;
  /** The request's values for this object's members, by folded name. */
  sent?: Map<string, JsonValue>;
  /** This object's declared members, by folded name (with `sent`). */
  names?: Set<string>;
  /** The object's definition name, when it is one. */
  owner?: string;
}

/** A property schema's own example, for the self-URL template (its Flat is not built yet). */
function propertyExample(schema: Schema): JsonValue | undefined {
  return typeof schema === 'object' && schema !== null && schema.example !== undefined
    ? schema.example
    : undefined;
}

/** URL echoes go to strings only: a HAL `self: {href}` object keeps its own shape and examples. */
function mayBeString(schema: Schema, ctx: Ctx, depth = 0): boolean {
  if (typeof schema !== 'object' || schema === null) return schema !== false;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/$defs/') && depth < 4)
    return mayBeString(ctx.defs[schema.$ref.slice(8)] ?? true, ctx, depth + 1);
  const t = schema.type;
  return t === undefined || t === 'string' || (Array.isArray(t) && t.includes('string'));
}

/** The root's own URL property and its echoed value, so sibling URLs that extend it can follow. */
function selfOf(flat: Flat, example: Record<string, JsonValue> | undefined, ctx: Ctx): ObjectGuide['self'] {
  for (const name of SELF_NAMES) {
    const schema = flat.props.get(name);
    if (schema === undefined || !mayBeString(schema, ctx)) continue;
    const ex = example?.[name] ?? propertyExample(schema);
    const value = selfUrlFor(name, ex, ctx);
    if (value !== undefined) return { name, example: typeof ex === 'string' ? ex : value, value };
  }
  return undefined;
}

/** `comments_url` of the resource at …/issues/7 is …/issues/7/comments (never its page, `html_url`). */
function subresourceUrl(name: string, self: ObjectGuide['self']): string | undefined {
  if (!self || !self.value.startsWith('http')) return undefined;
  const m = /^([a-z]+)_url$/.exec(name);
  if (!m || /^(html|avatar|image|logo|icon|photo|self|web|home)$/.test(m[1])) return undefined;
  return `${self.value}/${m[1]}`;
}

export function objectGuide(flat: Flat, hint: Hint, ctx: Ctx): ObjectGuide {
  const guide: ObjectGuide = { root: hint.root === true };
  if (flat.defName !== undefined) guide.owner = flat.defName;
  const example = objectExample(flat, hint);
  if (example !== undefined) guide.example = example;
  if (guide.root) guide.self = selfOf(flat, example, ctx);
  if (hint.paging !== undefined) guide.paging = hint.paging;
  if (hint.name !== undefined) guide.box = hint.name;
  const sent = hint.sent ?? (guide.root ? ctx.realism.sent : undefined);
  if (sent !== undefined) {
    guide.sent = foldedMembers(sent);
    guide.names = new Set([...flat.props.keys()].map(fold));
  }
  return guide;
}

export function propertyHint(
  guide: ObjectGuide,
  name: string,
  schema: Schema,
  siblings: Record<string, JsonValue>,
  ctx: Ctx,
): Hint {
  const h: Hint = { name, siblings, owner: guide.owner };
  const exValue = guide.example?.[name] ?? propertyExample(schema);
  if (exValue !== undefined) h.example = exValue;
  const self = guide.self;
  const urls = guide.root && mayBeString(schema, ctx);
  // What a POST sends names what it creates: LaunchDarkly's POST /flags/{projectKey} sent
  // `key: new-checkout`, which the path's project key must not overwrite.
  const sentByPost = ctx.realism.method === 'POST' && guide.sent?.has(fold(name)) === true;
  const echo =
    (sentByPost ? undefined : (echoFor(name, ctx, guide.root) ?? namedMemberEcho(guide.box, name, ctx))) ??
    (urls && self?.name === name ? self.value : undefined) ??
    (urls && typeof exValue === 'string' ? extendSelfUrl(exValue, self) : undefined) ??
    (urls && exValue === undefined ? subresourceUrl(name, self) : undefined);
  if (echo !== undefined) h.echo = echo;
  // A wrapper's resource is the resource itself: `{"data": {"id": …}}`, and Square's
  // `{"customer": {…}}` answering POST /v2/customers.
  if (guide.root && wrapsResource(name, ctx.realism)) {
    h.root = true;
    // `{"data": {…}}` sent to `{"data": {…}}`: the wrapper's members reflect the wrapper's. A
    // resource sent bare (Telnyx's `{"name": …}` answered `{"data": {…}}`) reflects into the
    // wrapper as it would into the root: the wrapper's own example is then a guide, not the answer.
    const inner = guide.sent?.get(fold(name));
    if (isPlain(inner)) h.sent = inner;
    else if (inner === undefined && guide.sent !== undefined && ctx.realism.sent) h.sent = ctx.realism.sent;
  } else if (echo === undefined) Object.assign(h, sentFor(guide.sent, name, ctx, guide.root, guide.names));
  if (h.want === undefined) Object.assign(h, pagingWant(guide.paging, name, exValue, ctx, guide.box));
  // The rows of a filtered list (`?status=active`) have the status asked for.
  const filters = ctx.realism.filters;
  if (h.want === undefined && filters && ctx.arrDepth === 1 && ctx.objDepth <= 2)
    h.want = filterFor(filters, name);
  if (h.want === undefined && echo === undefined) {
    const said = resourceWord(guide, name, exValue, ctx);
    if (said !== undefined) h.want = said;
  }
  return h;
}

/**
 * What the path says a member is: the `object` kind of a Stripe- or OpenAI-style body (`list` for a
 * page, `model` for an item of /models), and the `status` an action leaves its item in (`cancelled`
 * after POST …/cancel). Only where the example says nothing; the schema still has the last word.
 */
function resourceWord(guide: ObjectGuide, name: string, example: JsonValue | undefined, ctx: Ctx) {
  if (example !== undefined) return undefined;
  const state = ctx.realism;
  const n = fold(name);
  if (n === 'object' && state.noun !== undefined) {
    const item = singularNoun(state.noun);
    if (guide.root) return state.paging ? ['list', item] : [item];
    // The items of a page are the collection's items.
    if (state.paging && ctx.arrDepth === 1 && ctx.objDepth === 2) return [item];
    return undefined;
  }
  if ((n === 'status' || n === 'state') && guide.root && state.action !== undefined)
    return ACTIONS[state.action];
  return undefined;
}
