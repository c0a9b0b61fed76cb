import { generate } from '../mock/generate/index';
import type { MockTarget } from '../mock/mock';
import type { Relaxations } from '../mock/relaxed-reading';
import type { JsonValue, Schema } from '../mock/plan';
import type { ItemStore } from './item-store';
import type { SandboxModel } from './sandbox-model';
import type { Resource } from './resources';
import type { JsonObject } from './item-shape';

interface SandboxLimits {
  maxItemsPerCollection: number;
  maxBytes: number;
}

/** Everything one sandbox call works with: the version, its inferred model, the state, the seed. */
export interface SandboxContext {
  target: MockTarget;
  model: SandboxModel;
  store: ItemStore;
  /** The sandbox's seed; "" gives the same data as stateless calls without `Prefer: seed`. */
  seed: string;
  /** The absolute sandbox URL, for `Location` headers. */
  baseUrl: string;
  limits: SandboxLimits;
}

/** One collection of one parent: `/owners/{ownerId}/pets` of owner 7. */
export function scopeOf(resource: Resource, pathParams: Record<string, string>): string {
  return [resource.collectionPath, ...resource.scopeParams.map((p) => pathParams[p] ?? '')].join('\u0000');
}

/** The identifier an item path's call names (`/pets/42` → "42"); "" for a collection's call. */
export function itemIdOf(resource: Resource, pathParams: Record<string, string>): string {
  return resource.idParam === undefined ? '' : (pathParams[resource.idParam] ?? '');
}

/** The path parameters of the item `id` of a resource, beside the scope's. */
export function itemParams(
  resource: Resource,
  pathParams: Record<string, string>,
  id: string,
): Record<string, string> {
  return resource.idParam === undefined ? pathParams : { ...pathParams, [resource.idParam]: id };
}

/** A path template filled with (decoded) parameter values, encoded as a client would send them. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^{}/]+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

/**
 * Where an item is answered: a GET of its item path, or, for a collection with none, the POST to
 * the collection that creates it (a GET there would answer a page, with the page's own links).
 */
export interface ItemAt {
  path: string;
  method: 'GET' | 'POST';
}

/**
 * A deterministic value for a schema, seeded by the sandbox seed and a salt; `dynamic` ignores the
 * spec's examples (as `Prefer: dynamic=true`), for values that must differ from them.
 */
export function generated(
  ctx: SandboxContext,
  schema: Schema,
  salt: string,
  pathParams: Record<string, string>,
  dynamic = false,
  at?: ItemAt,
  /** A lenient schema's relaxed keywords (relaxed-reading.ts): generated as its stateless answer is. */
  relaxations?: Relaxations,
): JsonValue | undefined {
  const result = generate(schema, {
    ...(relaxations ? { relax: [...relaxations.keys()] } : {}),
    seed: `${ctx.seed}\u0000sandbox\u0000${salt}`,
    defs: ctx.target.plan.defs,
    pathParams,
    refDate: ctx.target.refDate,
    direction: 'response',
    ...(dynamic ? { dynamic } : {}),
    // An item is generated as a read of its own path would answer it (`object: "file"` under /files).
    ...(at !== undefined ? { realism: { method: at.method, pathTemplate: at.path, status: 200 } } : {}),
  });
  return result.ok ? result.value : undefined;
}

/** Where a resource's items hold their identifier: `idField`, in the item or in its `idIn` member. */
export type IdPlace = Pick<Resource, 'idField' | 'idIn'>;

/** The identifier member's value, wherever the resource's items hold it. */
export function idOf(item: JsonValue | undefined, at: IdPlace): JsonValue | undefined {
  const holder = at.idIn === undefined ? item : isPlainObject(item) ? item[at.idIn] : undefined;
  return isPlainObject(holder) ? holder[at.idField] : undefined;
}

/** The item with its identifier set, in the member that holds it (which is kept otherwise as it is). */
export function withId(item: JsonObject, at: IdPlace, id: JsonValue): JsonObject {
  if (at.idIn === undefined) return { ...item, [at.idField]: id };
  const holder = item[at.idIn];
  return { ...item, [at.idIn]: { ...(isPlainObject(holder) ? holder : {}), [at.idField]: id } };
}

/** The identifier of an item as it appears in a path segment, when it has a scalar one. */
export function keyOf(item: JsonValue | undefined, at: IdPlace): string | undefined {
  const id = idOf(item, at);
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function isPlainObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
