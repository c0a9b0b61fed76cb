import { hiddenFor, isObj } from '../mock/schema-refs';
import type { ValidatedCall } from '../mock/mock';
import type { JsonValue, Schema } from '../mock/plan';
import { validateValue } from '../mock/validate-schema';
import { itemsArraySchema } from './infer-list';
import { bindingKey, type Resource } from './resources';
import type { SandboxContext } from './sandbox-context';
import { jsonSchemaOf, propertiesOf, successResponse, typesOf } from './schema-shape';

export type JsonObject = Record<string, JsonValue>;

/**
 * The schema stored items satisfy: the item GET's success schema (inside its envelope, if any), else
 * the create's, else the list's items.
 */
export function itemSchemaOf(ctx: SandboxContext, resource: Resource): Schema {
  const ops = ctx.model.operations;
  const get = ops.get(bindingKey('GET', resource.itemPath));
  const post = ops.get(bindingKey('POST', resource.collectionPath));
  const list = ops.get(bindingKey('GET', resource.collectionPath));
  const fromList =
    resource.list && list
      ? itemsArraySchema(resource.list.shape, jsonSchemaOf(successResponse(list)), ctx.target.plan.defs)
          ?.items
      : undefined;
  const own = get && jsonSchemaOf(successResponse(get));
  if (own !== undefined && resource.envelope !== undefined)
    return propertiesOf(own, ctx.target.plan.defs)[resource.envelope] ?? own;
  return own ?? (post && jsonSchemaOf(successResponse(post))) ?? fromList ?? true;
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
  for (const [k, v] of Object.entries(body))
    if (!(props[k] && hiddenFor(props[k], defs, 'request'))) out[k] = v;
  return out;
}

/** What a response may show of a stored item: its writeOnly members (a password) are never served. */
export function visible(value: JsonValue, schema: Schema, defs: Record<string, Schema>): JsonValue {
  if (!isObj(value)) return value;
  const props = propertiesOf(schema, defs);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value as JsonObject))
    if (!(props[k] && hiddenFor(props[k], defs, 'response'))) out[k] = v;
  return out;
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
 * real APIs count), for others the generated value; either only if the id schema accepts it and no
 * stored item has it.
 */
export function newIdentifier(
  ctx: SandboxContext,
  resource: Resource,
  scope: string,
  itemSchema: Schema,
  candidates: JsonValue[],
): JsonValue | undefined {
  const defs = ctx.target.plan.defs;
  const idSchema = propertiesOf(itemSchema, defs)[resource.idField] ?? true;
  const types = typesOf(idSchema, defs);
  const taken = (v: JsonValue) => ctx.store.get(scope, String(v)) !== undefined;
  const ok = (v: JsonValue) => validateValue(idSchema, defs, v).length === 0 && !taken(v);
  if (types.includes('integer') || types.includes('number')) {
    const max = ctx.store
      .ids(scope)
      .map(Number)
      .filter(Number.isFinite)
      .reduce((a, b) => Math.max(a, b), 0);
    const next = Math.floor(max) + 1;
    if (ok(next)) return next;
  }
  return candidates.find((c) => c !== undefined && ok(c));
}
