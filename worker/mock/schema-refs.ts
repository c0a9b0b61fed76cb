import type { Schema, SchemaObject, Direction } from './plan';

/**
 * Refs in a plan are local: "#/$defs/<name>" optionally followed by a deeper pointer. Anything else
 * (remote, relative) was refused at ingest; here it simply does not resolve.
 */

const DEFS_PREFIX = '#/$defs/';

export function isObj(s: unknown): s is SchemaObject {
  return typeof s === 'object' && s !== null && !Array.isArray(s);
}

/** One JSON-pointer token of a ref as written: percent-decoded where valid, then ~1 and ~0. */
function decodeToken(t: string): string {
  let s = t;
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      // keep the raw token: a literal % in a def name is legal
    }
  }
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The def name a ref points at directly ("#/$defs/Pet" → "Pet"), else undefined. */
export function refDefName(ref: string): string | undefined {
  if (!ref.startsWith(DEFS_PREFIX)) return undefined;
  const tokens = refTokens(ref)!;
  return tokens.length === 2 ? tokens[1] : undefined;
}

/**
 * A ref's decoded tokens, kept per ref text: the generator's checks resolve the same few refs
 * hundreds of thousands of times while publishing one description (a oneOf's branches, tried
 * against every candidate), and splitting and decoding each time was a third of that work.
 * Bounded; a pure function of the text, so shared by every plan in the isolate.
 */
const tokensByRef = new Map<string, string[] | null>();
const MAX_REF_TOKENS = 10_000;

/** A local ref's decoded tokens (`#/$defs/a~1b` → `$defs`, `a/b`), null for any other ref. Shared: never mutate. */
export function refTokens(ref: string): string[] | null {
  let tokens = tokensByRef.get(ref);
  if (tokens === undefined) {
    tokens = ref.startsWith('#/') ? ref.slice(2).split('/').map(decodeToken) : null;
    if (tokensByRef.size >= MAX_REF_TOKENS) tokensByRef.clear();
    tokensByRef.set(ref, tokens);
  }
  return tokens;
}

/** The schema a local ref names: `#/$defs/…` or `#/definitions/…`, then any deeper pointer. */
export function resolveRef(ref: string, defs: Record<string, Schema>): Schema | undefined {
  const tokens = refTokens(ref);
  if (tokens === null || (tokens[0] !== '$defs' && tokens[0] !== 'definitions')) return undefined;
  let cur: unknown = defs;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObj(cur) && Object.prototype.hasOwnProperty.call(cur, t)) cur = cur[t];
    else return undefined;
  }
  return typeof cur === 'boolean' || isObj(cur) ? (cur as Schema) : undefined;
}

/**
 * Follows a chain of pure $refs (no sibling keywords) to the schema that does the work, so flags
 * such as readOnly can be read without a full merge. Stops on cycles.
 */
export function derefShallow(schema: Schema, defs: Record<string, Schema>): Schema {
  let cur = schema;
  for (let i = 0; i < 32 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const next = resolveRef(cur.$ref, defs);
    if (next === undefined) return cur;
    cur = next;
  }
  return cur;
}

/**
 * readOnly / writeOnly seen through $ref chains and allOf members (where specs usually put them).
 * A schema's own flag wins over what the schemas it refers to say: Jira's gadget `position` is
 * readOnly and required, its shared DashboardGadgetPosition writeOnly (it is also sent), and
 * answers carry it.
 */
function accessFlags(
  schema: Schema,
  defs: Record<string, Schema>,
  depth = 0,
): { readOnly: boolean; writeOnly: boolean } {
  const out = { readOnly: false, writeOnly: false };
  if (!isObj(schema) || depth > 8) return out;
  if (schema.readOnly === true) out.readOnly = true;
  if (schema.writeOnly === true) out.writeOnly = true;
  if (out.readOnly || out.writeOnly) return out;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, defs);
    if (target !== undefined) {
      const f = accessFlags(target, defs, depth + 1);
      out.readOnly ||= f.readOnly;
      out.writeOnly ||= f.writeOnly;
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const s of schema.allOf) {
      const f = accessFlags(s, defs, depth + 1);
      out.readOnly ||= f.readOnly;
      out.writeOnly ||= f.writeOnly;
    }
  }
  return out;
}

/** True when the property must not appear in a body travelling in `direction`. */
export function hiddenFor(schema: Schema, defs: Record<string, Schema>, direction: Direction): boolean {
  const f = accessFlags(schema, defs);
  return direction === 'response' ? f.writeOnly : f.readOnly;
}

/**
 * The schema a name has in `s`: its own property, else one its allOf members declare (ShipEngine
 * requires `shipment_id` beside an allOf whose member declares it readOnly).
 */
export function declaredMember(
  s: SchemaObject,
  name: string,
  defs: Record<string, Schema>,
  depth = 0,
): Schema | undefined {
  if (isObj(s.properties) && (s.properties as Record<string, Schema>)[name] !== undefined)
    return (s.properties as Record<string, Schema>)[name];
  if (depth > 8 || !Array.isArray(s.allOf)) return undefined;
  for (const member of s.allOf) {
    const m = derefShallow(member as Schema, defs);
    const found = isObj(m) ? declaredMember(m, name, defs, depth + 1) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}
