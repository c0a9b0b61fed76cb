import type { LayerAnswer, ValidatedCall } from '../mock/mock';
import type { JsonValue } from '../mock/plan';
import { answerValue, conflict, notFound, success } from './answers';
import { conform } from './conform';
import { planRelaxations } from '../mock/relaxed-reading';
import { isObj } from '../mock/schema-refs';
import { childScopes, markDeleted } from './used-parent';
import {
  itemSchemaOf,
  jsonBodyOf,
  newIdentifier,
  serverOwned,
  writable,
  type JsonObject,
} from './item-shape';
import { sizeOf } from './item-store';
import { mergePatch } from './merge-patch';
import { applyJsonPatch, jsonPatchOf } from './json-patch';
import { nameCreatedItem } from './item-urls';
import { readPathOf, type Resource } from './resources';
import {
  fillPath,
  generated,
  idOf,
  itemIdOf,
  itemParams,
  keyOf,
  withId,
  type ItemAt,
  type SandboxContext,
} from './sandbox-context';

type Verb = (
  ctx: SandboxContext,
  resource: Resource,
  scope: string,
  call: ValidatedCall,
) => LayerAnswer | undefined;

/**
 * POST on the collection: the body merged into a generated item (server-owned members generated,
 * readOnly ones never taken from the client, its URLs naming it), stored, and answered in the
 * spec's 201/200 with `Location` when the response declares it.
 */
export const createItem: Verb = (ctx, resource, scope, call) => {
  const body = jsonBodyOf(call, resource.envelope);
  if (body === null) return undefined;
  const defs = ctx.target.plan.defs;
  if (ctx.store.count(scope) >= ctx.limits.maxItemsPerCollection)
    return {
      ok: false,
      problem: {
        type: 'limit-reached',
        detail: `A sandbox collection holds at most ${ctx.limits.maxItemsPerCollection} items.`,
      },
    };
  const itemSchema = itemSchemaOf(ctx, resource);
  const relaxations = planRelaxations(ctx.target.plan);
  const seq = ctx.store.nextPosition(scope);
  const salt = `create\u0000${scope}\u0000${seq}`;
  const template = itemTemplate(resource);
  const base = generated(ctx, itemSchema, salt, call.pathParams, false, template, relaxations);
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return undefined;
  const own = writable(body, itemSchema, defs);
  const id =
    idOf(own, resource) ??
    // Three more items are generated for their ids only when the next number will not do.
    newIdentifier(ctx, resource, scope, itemSchema, () => [
      idOf(base, resource) ?? null,
      ...[1, 2, 3].map((n) =>
        keyedValue(
          generated(ctx, itemSchema, `${salt}\u0000${n}`, call.pathParams, false, template, relaxations),
          resource,
        ),
      ),
    ]);
  if (id === undefined) return undefined;
  // Its URLs name it, not the example item its members were generated from.
  const naming = {
    base: base as JsonObject,
    sent: own,
    resource,
    id: String(id),
    pathParams: call.pathParams,
  };
  const named = (v: JsonObject) => nameCreatedItem(v, { ...naming, baseUrl: ctx.baseUrl });
  const item = conform(
    named(withId({ ...base, ...own }, resource, id)),
    itemSchema,
    defs,
    () => named(withId(base, resource, id)),
    relaxations,
  );
  const key = keyOf(item, resource);
  if (item === undefined || key === undefined) return undefined;
  if (ctx.store.has(scope, key)) {
    // A seeded item stands in for what a real account would hold: a create of its identifier
    // (DigitalOcean's domain `example.com`, the description's own example) takes its place.
    if (!ctx.store.isSeededItem(scope, key)) return conflict(call.operation, key);
    ctx.store.remove(scope, key);
  }
  return store(ctx, resource, scope, call, key, item, 'created');
};

/** PUT on an item: replaced by the body over a generated item, server-owned members kept. */
export const replaceItem: Verb = (ctx, resource, scope, call) => {
  const body = jsonBodyOf(call, resource.envelope);
  if (body === null) return undefined;
  const defs = ctx.target.plan.defs;
  const id = itemIdOf(resource, call.pathParams);
  const existing = ctx.store.get(scope, id) as JsonObject | undefined;
  if (existing === undefined && call.operation.responses.some((r) => r.status === '404'))
    return notFound(call.operation, id);
  const itemSchema = itemSchemaOf(ctx, resource);
  const relaxations = planRelaxations(ctx.target.plan);
  const base = generated(
    ctx,
    itemSchema,
    `item\u0000${scope}\u0000${id}`,
    call.pathParams,
    false,
    itemTemplate(resource),
    relaxations,
  ) as JsonObject;
  if (base === null || typeof base !== 'object') return undefined;
  const kept = existing ? serverOwned(existing, itemSchema, resource.idField, defs) : {};
  const idValue = (existing && idOf(existing, resource)) ?? typedId(idOf(base, resource), id);
  const sent = writable(body, itemSchema, defs);
  const naming = { base, sent, resource, id, pathParams: call.pathParams, baseUrl: ctx.baseUrl };
  // A new item's URLs name it; an existing one's already do. Its identifier is the path's.
  const named = (v: JsonObject) => withId(existing ? v : nameCreatedItem(v, naming), resource, idValue);
  const item = conform(
    named({ ...base, ...sent, ...kept }),
    itemSchema,
    defs,
    () => named({ ...base, ...kept }),
    relaxations,
  );
  if (item === undefined || keyOf(item, resource) !== id) return undefined;
  return store(ctx, resource, scope, call, id, item, existing ? 'updated' : 'created');
};

/**
 * PATCH on an item: a JSON merge patch (RFC 7396) of the stored item, or the operations of a JSON
 * Patch (RFC 6902), all or none; server-owned members kept.
 */
export const mergeItem: Verb = (ctx, resource, scope, call) => {
  const operations = jsonPatchOf(call);
  const body = operations ? {} : jsonBodyOf(call, resource.envelope);
  if (body === null) return undefined;
  const defs = ctx.target.plan.defs;
  const id = itemIdOf(resource, call.pathParams);
  const existing = ctx.store.get(scope, id) as JsonObject | undefined;
  if (existing === undefined) return unheld(resource, call, id);
  const itemSchema = itemSchemaOf(ctx, resource);
  const kept = serverOwned(existing, itemSchema, resource.idField, defs);
  const applied = operations
    ? applyJsonPatch(existing, operations)
    : { ok: true as const, value: mergePatch(existing, writable(body, itemSchema, defs)) };
  if (!applied.ok)
    return {
      ok: false,
      problem: { type: 'invalid-request', detail: `The patch does not apply: ${applied.reason}` },
    };
  if (!isObj(applied.value))
    return { ok: false, problem: { type: 'invalid-request', detail: 'The patch leaves no object.' } };
  const patched = withId(
    { ...(applied.value as JsonObject), ...kept },
    resource,
    idOf(existing, resource) ?? id,
  );
  const item = conform(patched, itemSchema, defs, () => existing, planRelaxations(ctx.target.plan));
  if (item === undefined) return undefined;
  return store(ctx, resource, scope, call, id, item, 'updated');
};

/** DELETE on an item: removed with the collections under it; later reads get the spec's 404. */
export const removeItem: Verb = (ctx, resource, scope, call) => {
  const id = itemIdOf(resource, call.pathParams);
  const existing = ctx.store.get(scope, id);
  if (existing === undefined) return unheld(resource, call, id);
  const chosen = success(call.operation);
  if (!chosen) return undefined;
  ctx.store.remove(scope, id);
  for (const child of childScopes(ctx, resource, call.pathParams, id)) ctx.store.drop(child);
  markDeleted(ctx, scope, id);
  // The answer says the deletion happened where it has a place for that (OpenAI's `deleted: true`).
  const gone = typeof existing === 'object' && existing !== null && !Array.isArray(existing);
  return answerValue(ctx, chosen, {
    value: gone ? { ...existing, deleted: true } : existing,
    salt: `item\u0000${scope}\u0000${id}`,
    pathParams: call.pathParams,
    envelope: resource.envelope,
  });
};

/**
 * A change to an item the sandbox does not hold: the spec's 404, or for a resource no call creates
 * (whose every item a read answers statelessly) the stateless answer, so a read and a delete of the
 * same id agree (Docker's volumes: GET 200 and DELETE 404 before).
 */
function unheld(resource: Resource, call: ValidatedCall, id: string): LayerAnswer | undefined {
  return resource.readOnly ? undefined : notFound(call.operation, id);
}

function store(
  ctx: SandboxContext,
  resource: Resource,
  scope: string,
  call: ValidatedCall,
  id: string,
  item: JsonValue,
  how: 'created' | 'updated',
): LayerAnswer | undefined {
  // A create comes after its id was found free (`has`, or `get` for a PUT): nothing to read back.
  const previous = how === 'created' ? undefined : ctx.store.get(scope, id);
  const bytes = ctx.store.bytes() - (previous === undefined ? 0 : sizeOf(previous)) + sizeOf(item);
  if (bytes > ctx.limits.maxBytes)
    return {
      ok: false,
      problem: {
        type: 'sandbox-full',
        detail: `A sandbox stores at most ${ctx.limits.maxBytes} bytes of items.`,
      },
    };
  const chosen = createdResponse(call, how);
  if (!chosen) return undefined;
  ctx.store.put(scope, id, item);
  // An identifier used again (a PUT, the next number after the largest) names a new item.
  if (how === 'created') markDeleted(ctx, scope, id, true);
  const params = itemParams(resource, call.pathParams, id);
  const declared = Object.keys(chosen.response.headers).some((h) => h.toLowerCase() === 'location');
  const location =
    declared && resource.itemPath !== undefined
      ? { location: `${ctx.baseUrl}${fillPath(resource.itemPath, params)}` }
      : undefined;
  return answerValue(
    ctx,
    chosen,
    {
      value: item,
      salt: `item\u0000${scope}\u0000${id}`,
      pathParams: params,
      envelope: resource.envelope,
      conformed: itemSchemaOf(ctx, resource),
    },
    location,
  );
}

/** A PUT that creates answers in the spec's 201 when it has one; otherwise the success response. */
function createdResponse(call: ValidatedCall, how: 'created' | 'updated') {
  const created = call.operation.responses.find((r) => r.status === '201');
  if (how === 'created' && call.operation.method.toUpperCase() === 'PUT' && created)
    return { response: created, status: 201 };
  return success(call.operation);
}

/** A new item's id from its path segment, typed like the generated one (`"42"` → 42 for integers). */
function typedId(generatedId: JsonValue | undefined, id: string): JsonValue {
  if (generatedId !== undefined && String(generatedId) === id) return generatedId;
  return typeof generatedId === 'number' && Number.isFinite(Number(id)) ? Number(id) : id;
}

function keyedValue(value: JsonValue | undefined, resource: Resource): JsonValue {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (idOf(value, resource) ?? null)
    : null;
}

/** Where an item is answered: what its generated members are about. */
function itemTemplate(resource: Resource): ItemAt {
  const readPath = readPathOf(resource);
  return readPath !== undefined
    ? { path: readPath, method: 'GET' }
    : { path: resource.collectionPath, method: 'POST' };
}
