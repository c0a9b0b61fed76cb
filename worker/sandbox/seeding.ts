import { statelessValue } from '../mock/mock';
import type { StoredItem } from './item-store';
import { itemsOf } from './list-body';
import { bindingKey, listPathOf, type Resource } from './resources';
import { fillPath, keyOf, scopeOf, type SandboxContext } from './sandbox-context';
import { successResponse } from './schema-shape';
import { underCreatedParent } from './used-parent';

/**
 * The seeded start of a scope, given on first touch: exactly the items a stateless
 * `GET {collection}` returns for the sandbox's seed (no query), keyed by their identifiers; none
 * under a parent the caller created (used-parent.ts). An item without a scalar identifier, or
 * repeating one, is left out (the first occurrence wins).
 */
export function ensureSeeded(
  ctx: SandboxContext,
  resource: Resource,
  pathParams: Record<string, string>,
): string {
  const scope = scopeOf(resource, pathParams);
  if (!ctx.store.isSeeded(scope))
    ctx.store.seed(
      scope,
      underCreatedParent(ctx, resource, pathParams) ? [] : seedItems(ctx, resource, pathParams),
    );
  return scope;
}

function seedItems(
  ctx: SandboxContext,
  resource: Resource,
  pathParams: Record<string, string>,
): StoredItem[] {
  const listOp = ctx.model.operations.get(bindingKey('GET', listPathOf(resource)));
  const response = listOp && successResponse(listOp);
  if (!resource.list || !listOp || !response) return [];
  const scoped: Record<string, string> = {};
  for (const p of resource.scopeParams) scoped[p] = pathParams[p] ?? '';
  const body = statelessValue(ctx.target, listOp, response, {
    path: fillPath(listPathOf(resource), scoped),
    pathParams: scoped,
    query: [],
    prefs: ctx.seed ? { seed: ctx.seed } : {},
  });
  const out: StoredItem[] = [];
  const seen = new Set<string>();
  for (const value of itemsOf(resource.list.shape, body) ?? []) {
    const id = keyOf(value, resource);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, value });
  }
  return out.slice(0, ctx.limits.maxItemsPerCollection);
}
