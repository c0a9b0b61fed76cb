import type { Plan } from '../mock/plan';

/**
 * A version's webhooks and callbacks as `GET /v1/apis/{api}/versions/{v}` lists them (`webhooks`):
 * the name `POST …/webhooks/{name}/deliveries` takes, the kind, the method, a callback's URL
 * expression and the operation whose 2xx fires it (`POST /pets`).
 */
export function describeHooks(plan: Plan) {
  const byId = new Map(plan.operations.map((o) => [o.id, `${o.method.toUpperCase()} ${o.path}`]));
  return (plan.hooks ?? []).map((h) => ({
    name: h.name,
    kind: h.kind,
    method: h.operation.method.toUpperCase(),
    ...(h.expression !== undefined ? { expression: h.expression } : {}),
    ...(h.trigger !== undefined ? { operation: byId.get(h.trigger) ?? h.trigger } : {}),
    ...(h.operation.summary !== undefined ? { summary: h.operation.summary } : {}),
  }));
}
