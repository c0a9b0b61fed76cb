import type { JsonValue, Schema } from '../mock/plan';
import { deref, propertiesOf, typesOf } from './schema-shape';
import { safeDecode, templatePattern } from './url-template';

/** Where an item path's parameter stands: `{username}` in `/users/{username}`, a collection of "users". */
export interface IdContext {
  param: string;
  /** The collection's last segment without an extension (`users`, `Messages` of `Messages.json`). */
  collection: string;
  /** The item path template, for the item's own URL in its examples. */
  itemPath: string;
}

/**
 * Which item property an item path's parameter names. In order:
 *  1. the property spelled like the parameter, ignoring case and separators (`petId` ↔ `pet_id`);
 *  2. the property whose example is the segment the item's own URL example holds for the parameter
 *     (`url: https://api.github.com/users/octocat` and `login: octocat` → `login`);
 *  3. a user's handle (`{username}`, `{login}`, `{handle}`): `login`, `username`, `handle`, `screen_name`;
 *     Gitea's `{index}`: `number`;
 *  4. a parameter that names the item itself (`/customers/{customer}`, `/payment_intents/{intent}`,
 *     or a kind of it, `/lists/{tasklist}`):
 *     the member the item's own URL example ends with (`/assignees/{assignee}` lists users whose
 *     `url` ends with their `login`), else its identifier, `id`…, or `customerId`;
 *  5. the parameter without the collection's singular name (`petName` on /pets → `name`), or the
 *     property with it (`{id}` on /pets → `petId`);
 *  6. a parameter ending in a key word (`{team_slug}` → `slug`, `{ref_sha}` → `sha`, `{tag_key}` → `key`);
 *  7. for a parameter that names an identifier (`petId`, `id`, `uuid`, `key`…): `id`, `uuid`, `_id`, `key`.
 * The property must be a string, integer or number (or untyped): a path segment is a scalar. A
 * parameter that names an identifier or another key (`{templateIdOrAlias}`) is read as the first.
 */
const ID_WORDS = ['id', 'identifier', 'uuid', 'key', 'guid', 'sid', 'gid', 'token'];
const ID_FIELDS = ['id', 'uuid', '_id', 'key', 'guid', 'sid', 'gid'];
const HANDLE_PARAMS = ['username', 'userlogin', 'login', 'handle', 'screenname', 'userhandle'];
const HANDLE_FIELDS = ['login', 'username', 'handle', 'screenname', 'userhandle'];
const KEY_WORDS = ['slug', 'key', 'sha', 'login', 'handle', 'number', 'code', 'name'];

export function identifierField(
  at: IdContext,
  properties: Record<string, Schema>,
  defs: Record<string, Schema>,
): string | undefined {
  const scalar = (name: string) => {
    const types = typesOf(properties[name], defs);
    return types.length === 0 || types.some((t) => t === 'string' || t === 'integer' || t === 'number');
  };
  const names = Object.keys(properties).filter(scalar);
  const byNorm = new Map(names.map((n) => [norm(n), n]));
  const first = (fields: string[]) => fields.map((f) => byNorm.get(norm(f))).find(Boolean);
  const p = firstAlternative(norm(at.param));
  const singular = norm(singularOf(at.collection));
  const rules: (() => string | undefined)[] = [
    () => byNorm.get(p),
    () => namedByOwnUrl(at, properties, names, defs),
    () => (HANDLE_PARAMS.includes(p) ? first(HANDLE_FIELDS) : undefined),
    // Gitea's `/issues/{index}` is the issue's `number`.
    () => (p === 'index' ? first(['number']) : undefined),
    () =>
      namesItself(p, at.collection)
        ? (keyOfOwnUrl(properties, names, defs) ?? first([...ID_FIELDS, `${singular}id`]))
        : undefined,
    () =>
      singular && p.startsWith(singular) && p.length > singular.length
        ? byNorm.get(p.slice(singular.length))
        : undefined,
    () => (singular ? byNorm.get(singular + p) : undefined),
    () => first(KEY_WORDS.filter((w) => p.endsWith(w) && p !== w)),
    () => (ID_WORDS.some((w) => p === w || p.endsWith(w)) ? first(ID_FIELDS) : undefined),
  ];
  for (const rule of rules) {
    const found = rule();
    if (found) return found;
  }
  return undefined;
}

/**
 * Rule 2: the item's own URL, as its examples write it, puts some value where the item path has
 * the parameter; the one scalar property with that value as its example is the identifier.
 */
function namedByOwnUrl(
  at: IdContext,
  properties: Record<string, Schema>,
  names: string[],
  defs: Record<string, Schema>,
): string | undefined {
  const segment = segmentOf(at, properties, defs);
  if (segment === undefined) return undefined;
  const matches = names.filter((n) => {
    const example = exampleOf(properties[n], defs);
    return (typeof example === 'string' || typeof example === 'number') && String(example) === segment;
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** The one scalar property whose example ends the item's own URL example (a user's `login`). */
function keyOfOwnUrl(
  properties: Record<string, Schema>,
  names: string[],
  defs: Record<string, Schema>,
): string | undefined {
  for (const url of ownUrlExamples(properties, defs)) {
    const last = safeDecode(
      url
        .replace(/[?#].*$/, '')
        .replace(/\/$/, '')
        .split('/')
        .pop() ?? '',
    );
    const matches = names.filter((n) => {
      const example = exampleOf(properties[n], defs);
      return (typeof example === 'string' || typeof example === 'number') && String(example) === last;
    });
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

function ownUrlExamples(properties: Record<string, Schema>, defs: Record<string, Schema>): string[] {
  const links = propertiesOf(properties._links, defs);
  return [properties.url, properties.self, propertiesOf(links.self, defs).href]
    .map((s) => exampleOf(s, defs))
    .filter((u): u is string => typeof u === 'string');
}

/** The parameter's segment in the first own-URL example (`url`, `self`, `_links.self.href`) that fits the item path. */
function segmentOf(
  at: IdContext,
  properties: Record<string, Schema>,
  defs: Record<string, Schema>,
): string | undefined {
  const pattern = templatePattern(at.itemPath);
  for (const url of ownUrlExamples(properties, defs)) {
    const m = pattern.regex.exec(url.replace(/[?#].*$/, ''));
    const index = pattern.params.indexOf(at.param);
    if (m && index >= 0) return safeDecode(m[index + 1]);
  }
  return undefined;
}

function exampleOf(schema: Schema | undefined, defs: Record<string, Schema>): JsonValue | undefined {
  const s = deref(schema, defs);
  if (!s) return undefined;
  if (s.example !== undefined) return s.example as JsonValue;
  return Array.isArray(s.examples) ? (s.examples[0] as JsonValue) : undefined;
}

/** `customer` on `customers`, `intent` on `payment_intents`: the singular or its last words. */
function namesItself(p: string, collection: string): boolean {
  const words = singularOf(collection)
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean);
  if (words.some((_, i) => norm(words.slice(i).join('')) === p)) return true;
  // `/users/@me/lists/{tasklist}` (Google Tasks): a kind of the collection's item.
  const one = norm(words.join(''));
  return one.length >= 3 && p.length > one.length && p.endsWith(one);
}

/**
 * A parameter that names an identifier or something else (Postmark's `{templateIdOrAlias}`,
 * Vercel's `{idOrName}`): the identifier, which a created item holds (`templateid`).
 */
function firstAlternative(param: string): string {
  const either = /^(.*id)or[a-z]+$/.exec(param);
  return either ? either[1] : param;
}

function norm(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** "pets" → "pet", "categories" → "category", "boxes" → "box", "people" → "person". */
function singularOf(word: string): string {
  if (/^people$/i.test(word)) return 'person';
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(s|x|z|ch|sh)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word) && !/ss$/i.test(word)) return word.slice(0, -1);
  return word;
}
