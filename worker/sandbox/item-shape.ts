import { hiddenFor, isObj } from '../mock/schema-refs';
import { fold } from '../mock/realism/reflect';
import type { ValidatedCall } from '../mock/mock';
import type { JsonValue, Schema } from '../mock/plan';
import { satisfies } from '../mock/validate-schema';
import { itemsArraySchema } from './infer-list';
import { bindingKey, listPathOf, readPathOf, type Resource } from './resources';
import { generated, type SandboxContext } from './sandbox-context';
import { deref, idSchemaOf, jsonSchemaOf, propertiesOf, successResponse, typesOf } from './schema-shape';

export type JsonObject = Record<string, JsonValue>;

/**
 * The schema stored items satisfy: of the item GET's success schema (inside its envelope, if any),
 * the create's and the list's items, the first that holds the identifier and is not a union (a GET
 * of `customer | deleted_customer` would make deleted customers), else the first holding it.
 */
export function itemSchemaOf(ctx: SandboxContext, resource: Resource): Schema {
  // A resource belongs to one target's model, so its item schema is found once per isolate.
  let schema = itemSchemas.get(resource);
  if (schema === undefined) itemSchemas.set(resource, (schema = findItemSchema(ctx, resource)));
  return schema;
}

const itemSchemas = new WeakMap<Resource, Schema>();

function findItemSchema(ctx: SandboxContext, resource: Resource): Schema {
  const ops = ctx.model.operations;
  const defs = ctx.target.plan.defs;
  const readPath = readPathOf(resource);
  const get = readPath !== undefined ? ops.get(bindingKey('GET', readPath)) : undefined;
  const post = ops.get(bindingKey('POST', resource.createPath ?? resource.collectionPath));
  const list = ops.get(bindingKey('GET', listPathOf(resource)));
  const fromList =
    resource.list && list
      ? itemsArraySchema(resource.list.shape, jsonSchemaOf(successResponse(list)), defs)?.items
      : undefined;
  const own = get && jsonSchemaOf(successResponse(get));
  const inGet =
    own !== undefined && resource.envelope !== undefined
      ? (propertiesOf(own, defs)[resource.envelope] ?? own)
      : own;
  const candidates = [inGet, post && jsonSchemaOf(successResponse(post)), fromList].filter(
    (s): s is Schema => s !== undefined,
  );
  const holdsId = (s: Schema) => idSchemaOf(s, resource, defs) !== undefined;
  const union = (s: Schema) => {
    const d = deref(s, defs);
    return !!d && (Array.isArray(d.anyOf) || Array.isArray(d.oneOf));
  };
  return candidates.find((s) => holdsId(s) && !union(s)) ?? candidates.find(holdsId) ?? candidates[0] ?? true;
}

/**
 * The object a write sends, as validation decoded it (JSON, or form fields with bracket notation);
 * `null` when the body is not an object (an array, binary data), which leaves the call stateless.
 * No body counts as `{}`.
 */
export function jsonBodyOf(call: ValidatedCall, envelope?: string): JsonObject | null {
  const body = call.request.body;
  if (!body || (body.text === '' && !body.form?.length)) return {};
  const value = call.body;
  if (!isObj(value)) return null;
  const inner = envelope !== undefined ? (value as JsonObject)[envelope] : undefined;
  return isObj(inner) ? (inner as JsonObject) : (value as JsonObject);
}

/** The members of a client's body the server owns (readOnly: `id`, `createdAt`…) are not taken. */
export function writable(body: JsonObject, itemSchema: Schema, defs: Record<string, Schema>): JsonObject {
  const props = propertiesOf(itemSchema, defs);
  const out: JsonObject = {};
  let byFold: Map<string, string> | undefined;
  for (const [sent, v] of Object.entries(body)) {
    // Form APIs name fields as the item does in another case (Twilio's `Body` is the message's `body`).
    if (!props[sent]) byFold ??= new Map(Object.keys(props).map((p) => [fold(p), p]));
    const k = props[sent] ? sent : (byFold?.get(fold(sent)) ?? sent);
    if (!(props[k] && hiddenFor(props[k], defs, 'request'))) out[k] = v;
  }
  return out;
}

/**
 * What a response may show of a stored item: its writeOnly members (a password) are never served.
 * The value itself when it has none, so a caller can tell that nothing was taken out.
 */
export function visible(value: JsonValue, schema: Schema, defs: Record<string, Schema>): JsonValue {
  if (!isObj(value)) return value;
  const props = propertiesOf(schema, defs);
  const out: JsonObject = {};
  let hidden = false;
  for (const [k, v] of Object.entries(value as JsonObject))
    if (!(props[k] && hiddenFor(props[k], defs, 'response'))) out[k] = v;
    else hidden = true;
  return hidden ? out : value;
}

/**
 * A stored item as a response that spells its members otherwise declares them: Postmark's create
 * answers `TemplateId` where its item (the GET's schema) holds `TemplateID`, and its SDK reads the
 * id of what it created from the create's answer. A declared member the item lacks takes the value
 * of the one undeclared member whose name folds to its own (case and separators).
 */
export function spelledAsDeclared(value: JsonValue, schema: Schema, defs: Record<string, Schema>): JsonValue {
  if (!isObj(value)) return value;
  const props = propertiesOf(schema, defs);
  const item = value as JsonObject;
  let out: JsonObject | undefined;
  for (const name of Object.keys(props)) {
    if (name in item) continue;
    const spelt = Object.keys(item).filter((k) => !(k in props) && fold(k) === fold(name));
    if (spelt.length === 1) (out ??= { ...item })[name] = item[spelt[0]];
  }
  return out ?? value;
}

/** The server-owned members of a stored item, kept across PUT and PATCH. */
export function serverOwned(
  item: JsonObject,
  itemSchema: Schema,
  idField: string,
  defs: Record<string, Schema>,
): JsonObject {
  const props = propertiesOf(itemSchema, defs);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(item))
    if (k === idField || (props[k] && hiddenFor(props[k], defs, 'request'))) out[k] = v;
  return out;
}

/**
 * The identifier of a new item: for numeric ids the next integer after the largest stored one (as
 * real APIs count), for others the generated value, else (when the spec's example id is already
 * taken, as it is once the seeded start holds it) one generated without the examples, else the
 * example numbered; each only if the id schema accepts it and no stored item has it.
 */
export function newIdentifier(
  ctx: SandboxContext,
  resource: Resource,
  scope: string,
  itemSchema: Schema,
  candidatesOf: () => JsonValue[],
): JsonValue | undefined {
  const defs = ctx.target.plan.defs;
  const idSchema = idSchemaOf(itemSchema, resource, defs) ?? true;
  const types = typesOf(idSchema, defs);
  const taken = (v: JsonValue) => ctx.store.has(scope, String(v));
  const ok = (v: JsonValue) => satisfies(idSchema, defs, v) && !taken(v);
  if (types.includes('integer') || types.includes('number')) {
    const next = ctx.store.maxNumericId(scope) + 1;
    if (ok(next)) return next;
  }
  const candidates = candidatesOf();
  const found = candidates.find((c) => c !== undefined && ok(c));
  if (found !== undefined) return found;
  const count = ctx.store.count(scope);
  for (let n = 1; n <= 5; n++) {
    const fresh = generated(ctx, idSchema, `id\u0000${scope}\u0000${count}\u0000${n}`, {}, true);
    if (fresh !== undefined && ok(fresh)) return fresh;
  }
  // A name-like id that even generation repeats (`MAVEN_REPOSITORY_SECRET`): numbered, as a copy.
  const named = candidates.find((c): c is string => typeof c === 'string');
  return named === undefined
    ? undefined
    : [`${named}_${count + 1}`, `${named}-${count + 1}`, `${named}${count + 1}`].find(ok);
}
