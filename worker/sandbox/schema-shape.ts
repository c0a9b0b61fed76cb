import { isObj, resolveRef } from '../mock/schema-refs';
import { isJsonMediaType, negotiate } from '../mock/negotiate';
import type { OperationPlan, ResponsePlan, Schema, SchemaObject } from '../mock/plan';
import { selectResponse } from '../mock/select-response';

/**
 * Reading the shape of plan schemas for inference: follow `$ref`s, and see an `allOf` as the union of
 * its members' properties (where specs compose an item from a base). Bounded, so a recursive schema
 * cannot loop.
 */

export function deref(schema: Schema | undefined, defs: Record<string, Schema>): SchemaObject | undefined {
  let cur: Schema | undefined = schema;
  for (let i = 0; i < 32 && isObj(cur) && typeof cur.$ref === 'string'; i++) cur = resolveRef(cur.$ref, defs);
  return isObj(cur) ? cur : undefined;
}

/**
 * Own and allOf-inherited properties of an object schema, and those every branch of its anyOf or
 * oneOf has (Stripe's `customer | deleted_customer` share `id`), as the first branch writes them.
 */
export function propertiesOf(
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  depth = 0,
): Record<string, Schema> {
  const s = deref(schema, defs);
  if (!s || depth > 8) return {};
  const out: Record<string, Schema> = {};
  for (const part of s.allOf ?? []) Object.assign(out, propertiesOf(part, defs, depth + 1));
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union) && union.length > 0) {
    const branches = union.map((b) => propertiesOf(b, defs, depth + 1));
    for (const [k, v] of Object.entries(branches[0])) if (branches.every((b) => k in b)) out[k] ??= v;
  }
  if (isObj(s.properties)) Object.assign(out, s.properties);
  return out;
}

/** Own and allOf-inherited required property names. */
export function requiredOf(schema: Schema | undefined, defs: Record<string, Schema>, depth = 0): string[] {
  const s = deref(schema, defs);
  if (!s || depth > 8) return [];
  return [...(s.allOf ?? []).flatMap((p) => requiredOf(p, defs, depth + 1)), ...(s.required ?? [])];
}

export function typesOf(schema: Schema | undefined, defs: Record<string, Schema>, depth = 0): string[] {
  const s = deref(schema, defs);
  if (!s || depth > 8) return [];
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t) => t !== 'null');
  if (s.properties) return ['object'];
  // Every AWS description wraps a scalar to describe it: `FunctionName: {allOf: [{$ref}, {description}]}`.
  if (Array.isArray(s.allOf)) {
    const types = s.allOf.flatMap((part) => typesOf(part, defs, depth + 1));
    return types.length > 0 ? [...new Set(types)] : ['object'];
  }
  if (s.items) return ['array'];
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union)) return [...new Set(union.flatMap((b) => typesOf(b, defs, depth + 1)))];
  return [];
}

export function isArraySchema(schema: Schema | undefined, defs: Record<string, Schema>): boolean {
  const s = deref(schema, defs);
  return !!s && (typesOf(s, defs).includes('array') || (s.type === undefined && s.items !== undefined));
}

/** The success response a stateless call of the operation answers with, if it has one. */
export function successResponse(operation: OperationPlan): ResponsePlan | undefined {
  const selected = selectResponse(operation, undefined);
  return selected.ok && selected.status < 300 ? selected.response : undefined;
}

/** The JSON schema of a response (the media a JSON client negotiates), if it has one. */
export function jsonSchemaOf(response: ResponsePlan | undefined): Schema | undefined {
  if (!response) return undefined;
  const types = Object.keys(response.content);
  const chosen = negotiate(types, 'application/json');
  return chosen !== undefined && isJsonMediaType(chosen) ? response.content[chosen].schema : undefined;
}

export function requestSchemaOf(operation: OperationPlan): Schema | undefined {
  const content = operation.requestBody?.content ?? {};
  const chosen = negotiate(Object.keys(content), 'application/json');
  return chosen !== undefined && isJsonMediaType(chosen) ? content[chosen].schema : undefined;
}

/** The schema of the identifier member of an item schema, wherever the resource's items hold it. */
export function idSchemaOf(
  itemSchema: Schema | undefined,
  at: { idField: string; idIn?: string },
  defs: Record<string, Schema>,
): Schema | undefined {
  const holder = at.idIn === undefined ? itemSchema : propertiesOf(itemSchema, defs)[at.idIn];
  return propertiesOf(holder, defs)[at.idField];
}
