import type { Schema } from './plan';
import { containerOf, memberSchema, viewOf } from './schema-view';

/**
 * Bracket notation, as form APIs and their SDKs write nested values in flat pairs (Stripe, Rails,
 * PHP; `qs` in Node): `metadata[source]=x`, `items[0][price]=p`, `items[][price]=p`,
 * `expand[]=a&expand[]=b`, `card[exp_month]=12`. Decoded as `qs` reads them, with the schema deciding
 * where the notation alone cannot (`metadata[0]` under an object schema is a key, not an index).
 * Hostile input is bounded: pairs, depth and array indices are capped, and `__proto__` is a key
 * like any other, never the prototype.
 */
export type Decoded = string | Decoded[] | { [key: string]: Decoded };

/** Pairs read per body or query (more are ignored, as `qs` does past its parameterLimit). */
const MAX_PAIRS = 1000;
/** Bracket groups read per key; the rest of a deeper key stays one literal segment (as in `qs`). */
const MAX_DEPTH = 8;
/** The highest index that builds an array when the schema asks for one, and when it does not say. */
const MAX_INDEX = 1000;
const LOOSE_INDEX = 20;
const INDEX = /^(0|[1-9]\d{0,5})$/;

interface Entry {
  path: string[];
  value: string;
}

/** `a[b][0][]` → `["a", "b", "0", ""]`; a key that is not clean bracket notation stays whole. */
export function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const parts = [key.slice(0, open)];
  let i = open;
  while (i < key.length) {
    if (parts.length > MAX_DEPTH) {
      parts.push(key.slice(i));
      break;
    }
    const close = key.indexOf(']', i);
    if (key[i] !== '[' || close === -1) return [key];
    parts.push(key.slice(i + 1, close));
    i = close + 1;
  }
  return parts;
}

/** Pairs of one form body (or multipart fields) → an object. A key the schema declares literally (`tags[]`) is never split. */
export function decodeForm(
  pairs: [string, string][],
  schema: Schema | undefined,
  defs: Record<string, Schema>,
): Record<string, Decoded> {
  const view = viewOf(schema, defs);
  const roots = new Map<string, Entry[]>();
  for (const [key, value] of pairs.length > MAX_PAIRS ? pairs.slice(0, MAX_PAIRS) : pairs) {
    const declared = view !== undefined && Object.prototype.hasOwnProperty.call(view.properties, key);
    const [root, ...path] = declared ? [key] : splitKey(key);
    let entries = roots.get(root);
    if (!entries) roots.set(root, (entries = []));
    entries.push({ path, value });
  }
  const out: Record<string, Decoded> = {};
  for (const [root, entries] of roots) put(out, root, build(entries, memberSchema(view, root), defs));
  return out;
}

/**
 * One query parameter written in brackets (`filter[status]=open`, `expand[]=a`, `created[gte]=1`),
 * with any plain `name=` values; undefined when no key names it in brackets.
 */
export function decodeParam(
  name: string,
  query: [string, string][],
  schema: Schema,
  defs: Record<string, Schema>,
  isDeclared: (key: string) => boolean,
): Decoded | undefined {
  const prefix = `${name}[`;
  const entries: Entry[] = [];
  let bracketed = false;
  for (const [key, value] of query.length > MAX_PAIRS ? query.slice(0, MAX_PAIRS) : query) {
    if (key === name) entries.push({ path: [], value });
    else if (key.startsWith(prefix) && !isDeclared(key)) {
      const [, ...path] = splitKey(key);
      if (path.length === 0) continue;
      entries.push({ path, value });
      bracketed = true;
    }
  }
  return bracketed ? build(entries, schema, defs) : undefined;
}

function build(entries: Entry[], schema: Schema | undefined, defs: Record<string, Schema>): Decoded {
  const plain: string[] = [];
  const groups = new Map<string, Entry[]>();
  let pushes = 0;
  // Rack's rule for `items[][price]=a&items[][qty]=1&items[][price]=b`: a push with a member joins
  // the last pushed element until that element already has the member.
  let open: { entries: Entry[]; heads: Set<string> } | undefined;
  for (const { path, value } of entries) {
    if (path.length === 0) {
      plain.push(value);
      continue;
    }
    const [head, ...rest] = path;
    if (head === '' && rest.length > 0 && open && !open.heads.has(rest[0])) {
      open.entries.push({ path: rest, value });
      open.heads.add(rest[0]);
      continue;
    }
    const key = head === '' ? `\u0000${pushes++}` : head;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push({ path: rest, value });
    open = head === '' && rest.length > 0 ? { entries: group, heads: new Set([rest[0]]) } : undefined;
  }
  if (groups.size === 0) return plain.length === 1 ? plain[0] : plain;
  const view = viewOf(schema, defs);
  const container = containerOf(view);
  const limit = container === 'array' ? MAX_INDEX : LOOSE_INDEX;
  const keys = [...groups.keys()];
  const isPush = (k: string) => k.charCodeAt(0) === 0;
  const listed = keys.every((k) => isPush(k) || (INDEX.test(k) && Number(k) <= limit));
  if (listed && (container !== 'object' || keys.every(isPush))) {
    const indexed = keys.filter((k) => !isPush(k)).sort((a, b) => Number(a) - Number(b));
    const ordered = [...indexed, ...keys.filter(isPush)];
    return [...plain, ...ordered.map((k) => build(groups.get(k)!, view?.items, defs))];
  }
  const out: Record<string, Decoded> = {};
  for (const [key, group] of groups) {
    const name = isPush(key) ? '' : key;
    put(out, name, build(group, memberSchema(view, name), defs));
  }
  // `a=x&a[b]=y`: both kept, as `qs` does; the schema's validation then says which is wrong.
  return plain.length > 0 ? [...plain, out] : out;
}

function put(out: Record<string, Decoded>, key: string, value: Decoded): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
