import type { JsonValue } from '../plan';
import type { Ctx, Hint } from '../generate/context';
import type { Flat } from '../generate/flat';
import { fillTemplate, numberLike, templateOf, varies } from './example-template';

/**
 * Examples as a guide. A value's candidates are its own schema's examples, then the value its
 * enclosing object's or array's example holds at the same place (a response example informs the
 * properties that have none). Static bodies use an example as written; dynamic ones fill its
 * template. `ok` is the caller's schema check: nothing here can break a schema.
 */

function isPlainObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The example object whose properties guide this object's properties. */
export function objectExample(flat: Flat, hint: Hint): Record<string, JsonValue> | undefined {
  for (const ex of flat.examples) if (isPlainObject(ex)) return ex;
  return isPlainObject(hint.example) ? hint.example : undefined;
}

/** The example item that guides this array's items. */
export function itemExample(flat: Flat, hint: Hint): JsonValue | undefined {
  for (const ex of flat.examples) if (Array.isArray(ex) && ex.length) return ex[0];
  return Array.isArray(hint.example) && hint.example.length ? hint.example[0] : undefined;
}

const NAMED = /(name|login|user|handle|nick|title|label|city|slug|word|tag|owner|author)$/i;

const COUNTERPARTS = new Map([
  ['to', 'from'],
  ['To', 'From'],
  ['recipient', 'sender'],
  ['destination', 'source'],
  ['target', 'source'],
  ['receiver', 'sender'],
]);

/** `to` takes the shape of its sibling `from` (a phone number, an address) when it has no example. */
function counterpart(hint: Hint): JsonValue | undefined {
  const other = hint.name !== undefined ? COUNTERPARTS.get(hint.name) : undefined;
  const v = other !== undefined ? hint.siblings?.[other] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function stringFromExamples(
  flat: Flat,
  ctx: Ctx,
  hint: Hint,
  ok: (s: string) => boolean,
): string | undefined {
  const own = flat.examples;
  const sibling = hint.example === undefined ? counterpart(hint) : undefined;
  if (sibling !== undefined && typeof sibling === 'string') {
    const s = fillTemplate(templateOf(sibling), ctx);
    if (s !== sibling && ok(s)) return s;
  }
  const inherited = hint.example;
  const n = own.length + (inherited === undefined ? 0 : 1);
  for (let i = 0; i < n; i++) {
    const ex = i < own.length ? own[i] : inherited;
    if (typeof ex !== 'string' || !ok(ex)) continue;
    // Generated links share the API's own host, as the spec's examples show it.
    if (ctx.host === undefined && ex.startsWith('https://')) ctx.host = /^https:\/\/([^/?#:]+)/.exec(ex)?.[1];
    // Static bodies are the spec's own words; a retry (uniqueItems, `not`) needs another value, and
    // so does a list's second item (its id must not be the first one's).
    if (!ctx.dynamic && ctx.variation === 0 && !ctx.sibling) return ex;
    const parts = templateOf(ex);
    // A lone word is a value of some domain (`online`, `macos`) unless the field names a thing.
    if (parts.length === 1 && parts[0].k === 'word' && !NAMED.test(hint.name ?? ''))
      return ctx.variation <= 1 && !hint.taken ? ex : undefined;
    // Prose has nothing to vary: a retry of the enclosing oneOf may keep it, a uniqueness retry not.
    if (!varies(parts)) return ctx.variation <= 1 && !hint.taken ? ex : undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const s = fillTemplate(parts, ctx);
      if (ok(s) && !hint.taken?.has(JSON.stringify(s))) return s;
    }
    return ctx.variation === 0 && !ctx.sibling ? ex : undefined;
  }
  return undefined;
}

export function numberFromExamples(
  flat: Flat,
  ctx: Ctx,
  hint: Hint,
  integer: boolean,
  ok: (n: number) => boolean,
): number | undefined {
  const own = flat.examples;
  const inherited = hint.example;
  const n = own.length + (inherited === undefined ? 0 : 1);
  for (let i = 0; i < n; i++) {
    const ex = i < own.length ? own[i] : inherited;
    if (typeof ex !== 'number' || !ok(ex)) continue;
    if (!ctx.dynamic && ctx.variation === 0 && !ctx.sibling) return ex;
    for (let attempt = 0; attempt < 3; attempt++) {
      const v = numberLike(ex, integer, ctx);
      if (ok(v) && !hint.taken?.has(JSON.stringify(v))) return v;
    }
    return ctx.variation === 0 && !ctx.sibling ? ex : undefined;
  }
  return undefined;
}
