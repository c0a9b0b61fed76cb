import { singularNoun } from './nouns';
import type { JsonValue } from '../plan';
import type { Ctx } from '../generate/context';
import type { RealismState } from './request';

/**
 * Identity: the body of an item read IS the resource its path names, so its root object carries the
 * path's value (`GET /v1/customers/cus_X` → `id: "cus_X"`, `/pulls/7` → `number: 7`) and its own
 * `url`/`href`/`self` ends with that path. A body created under a resource (`POST /users/me/labels`)
 * is a new child: the parent's value never becomes its id. A property named like any path parameter
 * (`account_sid` ↔ `{AccountSid}`) echoes it wherever it appears.
 */

const folded = new Map<string, string>();
/** Case and separators folded (`account_sid` ↔ `AccountSid`); memoised, names repeat on every call. */
function fold(s: string): string {
  let f = folded.get(s);
  if (f === undefined) {
    f = s.toLowerCase().replace(/[_\-.\s]/g, '');
    if (folded.size > 5000) folded.clear();
    folded.set(s, f);
  }
  return f;
}
const ID_LIKE = /(?:^|[a-z0-9_-])(?:id|sid|uuid|key|slug)$|^id[_-]/i;
export const SELF_NAMES = ['url', 'href', 'self', 'self_link', 'selfLink', 'uri', 'resource_uri', 'link'];
const SELF_FOLDED = new Set(SELF_NAMES.map(fold));

const singular = (word: string): string => fold(singularNoun(word));

/** Path parameters by folded name, built once per call (a handful of entries). */
export function foldedParams(params: Record<string, string>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(params)) m.set(fold(k), v);
  return m;
}

/** Whether the item parameter names the resource itself (not, say, a version or a format). */
function namesResource(state: RealismState): boolean {
  return (state.namesResource ??= computeNamesResource(state));
}

function computeNamesResource(state: RealismState): boolean {
  const p = state.itemParam;
  if (p === undefined) return false;
  if (ID_LIKE.test(p) || fold(p) === 'id') return true;
  if (state.collection === undefined) return false;
  const one = singular(state.collection);
  const fp = fold(p);
  // `/payment_intents/{intent}`, `/subscription_items/{item}`: the parameter is the name's last word.
  const last = state.collection.split(/[_\-.]/).pop() ?? '';
  if (fp === one || fp === one + 'name' || fp === one + 'key' || (fp.length >= 3 && fp === singular(last)))
    return true;
  // `/users/@me/lists/{tasklist}` (Google Tasks): a kind of the collection's item.
  return one.length >= 3 && fp.length > one.length && fp.endsWith(one);
}

const NAME_LIKE = new Set(['name', 'login', 'slug', 'key', 'username', 'handle']);

/** The raw path value a property should echo, or undefined. */
export function echoFor(name: string, ctx: Ctx, root: boolean): string | undefined {
  if (!root && ctx.foldedParams.size === 0) return undefined;
  const n = fold(name);
  const state = ctx.realism;
  const item = state.itemParam;
  // On the resource itself, its own parameter wins over a parent's of the same name
  // (the web job's `name` is {webJobName}, not the site's {name}).
  if (root && state.itemRead && item !== undefined) {
    const own = itemEcho(name, n, ctx, item);
    if (own !== undefined) return own;
  }
  const same = ctx.foldedParams.get(n);
  if (same !== undefined) {
    // `id` in a child created under /things/{id} is the child's own id, not its parent's.
    if (n === 'id' || n === 'sid') return undefined;
    return same;
  }
  // A page's own bookkeeping repeats the request: `page_size` is the `PageSize` asked for.
  return root ? state.query?.get(n) : undefined;
}

function itemEcho(name: string, n: string, ctx: Ctx, item: string): string | undefined {
  const params = ctx.pathParams;
  const state = ctx.realism;
  if (fold(item) === n) return params[item];
  if ((n === 'id' || n === 'sid' || n === 'uuid') && namesResource(state)) return params[item];
  // Gitea's `/issues/{index}` is the issue's `number`; its `/contents/{filepath}` the file's `path`.
  if (n === 'number' && fold(item) === 'index') return params[item];
  if (n === 'path' && fold(item).endsWith('path')) return params[item];
  // /repos/{owner}/{repo} names a repository by its name; /users/{username} a user by login.
  // A value with digits (`cus_NffrFeUfNV2Hib`, `42`) is an id, not a name.
  if (NAME_LIKE.has(n) && !ID_LIKE.test(item) && !/\d/.test(params[item]) && namesResource(state))
    return params[item];
  if (n === 'fullname' || n === 'namewithowner') {
    const vals = Object.values(params);
    if (vals.length >= 2 && namesResource(state)) return vals.slice(-2).join('/');
  }
  // The entity a path names by its last parameter carries it under the short name too:
  // /issues/{issue_number} → "number", /users/{userName} → "name".
  const suffix = name.charAt(0).toUpperCase() + name.slice(1);
  if (name.length > 1 && (item.endsWith(`_${name}`) || item.endsWith(`-${name}`) || item.endsWith(suffix)))
    return params[item];
  return undefined;
}

const HANDLES = new Set(['login', 'username', 'handle', 'slug']);

/**
 * A root member named like a path parameter is what that parameter names: the `owner` of
 * `/repos/{owner}/{repo}` (GitHub, Gitea) has the path's owner as its `login`, not the example's
 * `octocat`. `box` is the member the object is, `name` the member asked about.
 */
export function namedMemberEcho(box: string | undefined, name: string, ctx: Ctx): string | undefined {
  if (box === undefined || ctx.objDepth !== 2 || ctx.arrDepth > 0 || !HANDLES.has(fold(name)))
    return undefined;
  return ctx.foldedParams.get(fold(box));
}

/** The request path below the mock URL, re-encoded as a URL path. */
function encodedPath(state: RealismState): string | undefined {
  if (state.requestPath === undefined) return undefined;
  return state.requestPath
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/**
 * For a root `url`/`href`/`self` of an item read: the URL of the resource, on the example's host
 * and base path when the property has one (`https://api.github.com` + `/repos/o/r/pulls/7`).
 */
export function selfUrlFor(name: string, example: JsonValue | undefined, ctx: Ctx): string | undefined {
  const state = ctx.realism;
  if (!state.itemRead || !SELF_FOLDED.has(fold(name))) return undefined;
  const path = encodedPath(state);
  if (path === undefined || path === '/') return undefined;
  if (typeof example === 'string') {
    const m = /^(https?:\/\/[^/?#]+)(\/[^?#]*)?/.exec(example);
    if (!m) return undefined;
    const first = '/' + (path.split('/')[1] ?? '');
    const exPath = m[2] ?? '';
    const at = exPath.indexOf(first + '/');
    const base = at > 0 ? exPath.slice(0, at) : '';
    return m[1] + base + path;
  }
  // Twilio-style `uri` fields are relative to the API root.
  if (fold(name) === 'uri' || fold(name) === 'resourceuri') return path;
  return `https://${ctx.host ?? (ctx.host = ctx.faker.internet.domainName())}${path}`;
}

/**
 * Sibling URLs that extend the resource's own example URL (`…/issues/1347/comments`) follow the
 * echoed one (`…/issues/7/comments`).
 */
export function extendSelfUrl(example: string, self: { example: string; value: string } | undefined) {
  if (!self || !example.startsWith(self.example + '/')) return undefined;
  return self.value + example.slice(self.example.length);
}
