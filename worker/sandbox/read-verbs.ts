import { statelessValue, type LayerAnswer, type ValidatedCall } from '../mock/mock';
import type { JsonValue, Schema } from '../mock/plan';
import { answerValue, notFound, success, unrepresentable } from './answers';
import { conform } from './conform';
import { visible } from './item-shape';
import { itemsArraySchema } from './infer-list';
import { listBody } from './list-body';
import { pageOf } from './paging';
import type { Resource } from './resources';
import { generated, itemIdOf, itemParams, type SandboxContext } from './sandbox-context';
import { jsonSchemaOf } from './schema-shape';
import { planRelaxations } from '../mock/relaxed-reading';
import { isUsedParent } from './used-parent';

/** GET on the collection: one page of the stored items, in the spec's list shape. */
export function listItems(
  ctx: SandboxContext,
  resource: Resource,
  scope: string,
  call: ValidatedCall,
): LayerAnswer | undefined {
  const chosen = success(call.operation);
  const list = resource.list;
  if (!chosen || !list) return undefined;
  const defs = ctx.target.plan.defs;
  const schema = jsonSchemaOf(chosen.response);
  const relaxations = planRelaxations(ctx.target.plan);
  const arraySchema = itemsArraySchema(list.shape, schema, defs);
  const page = pageOf(ctx.store.list(scope), list.paging, call.query, arraySchema?.maxItems);
  const base =
    list.shape.kind === 'wrapper'
      ? statelessValue(ctx.target, call.operation, chosen.response, {
          path: call.request.path,
          pathParams: call.pathParams,
          query: call.query,
          prefs: ctx.seed ? { seed: ctx.seed } : {},
          baseUrl: ctx.baseUrl,
          // The wrapper's own links (`@odata.nextLink`, `next_page_uri`) end with the stored items.
          listState: {
            pages: Math.max(1, Math.ceil(page.total / Math.max(1, page.limit))),
            size: Math.max(1, page.limit),
          },
        })
      : undefined;
  if (schema === undefined) return { response: chosen.response, status: chosen.status };
  // Only the items come from the state; the wrapper around them is the stateless mock's own.
  const itemSchema: Schema = arraySchema?.items ?? true;
  const values: JsonValue[] = [];
  for (const item of page.items) {
    const params = itemParams(resource, call.pathParams, item.id);
    const one = conform(
      visible(item.value, itemSchema, defs),
      itemSchema,
      defs,
      () =>
        generated(
          ctx,
          itemSchema,
          `item\u0000${scope}\u0000${item.id}`,
          params,
          false,
          undefined,
          relaxations,
        ),
      relaxations,
    );
    if (one === undefined) return unrepresentable(chosen.status);
    values.push(one);
  }
  if (values.length < (arraySchema?.minItems ?? 0)) return unrepresentable(chosen.status);
  return { ...chosen, value: listBody(list.shape, base, page, values) };
}

/**
 * GET on an item: the stored item, or the spec's 404 (the stateless answer for read-only items and
 * for parents of collections already used).
 */
export function readItem(
  ctx: SandboxContext,
  resource: Resource,
  scope: string,
  call: ValidatedCall,
): LayerAnswer | undefined {
  const id = itemIdOf(resource, call.pathParams);
  const stored = ctx.store.get(scope, id);
  if (stored === undefined)
    return resource.readOnly || isUsedParent(ctx, resource, call.pathParams, id)
      ? undefined
      : notFound(call.operation, id);
  const chosen = success(call.operation);
  if (!chosen) return undefined;
  return answerValue(ctx, chosen, {
    value: stored,
    salt: `item\u0000${scope}\u0000${id}`,
    pathParams: call.pathParams,
    envelope: resource.envelope,
  });
}
