import { generate } from '../../worker/mock/generate/index';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import type { JsonValue, Plan } from '../../worker/mock/plan';
import { itemsOf } from '../../worker/sandbox/list-body';
import { bindingKey, type ListShape, type ResourcePlan } from '../../worker/sandbox/resources';
import { fillPath } from '../../worker/sandbox/sandbox-context';
import { modelOf } from '../../worker/sandbox/sandbox-model';
import { requestSchemaOf } from '../../worker/sandbox/schema-shape';
import { sandboxLayer } from '../../worker/sandbox/stateful-layer';
import { MemoryStore } from '../../test/support/memory-store';

export interface Exercise {
  calls: number;
  byOutcome: Map<string, number>;
}

/**
 * List, read the first listed item, create, read the created item, for up to 3 resources of a plan,
 * through the pure mock with the stateful layer over a Map store. Security is satisfied with a
 * bearer token and an `x-api-key`-style header per apiKey scheme, so the verbs themselves are seen.
 */
export function exerciseResources(plan: Plan, resources: ResourcePlan, tally: Exercise): void {
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const store = new MemoryStore();
  const layer = sandboxLayer({
    target,
    model: modelOf(target),
    store,
    seed: 'corpus',
    baseUrl: 'https://sandbox.test',
    limits: { maxItemsPerCollection: 1000, maxBytes: 5 * 1024 * 1024 },
  });
  const headers: Record<string, string> = { authorization: 'Bearer t', accept: 'application/json' };
  for (const s of Object.values(plan.securitySchemes))
    if (s.type === 'apiKey' && s.in === 'header' && s.name) headers[s.name.toLowerCase()] = 'k';
  const query: [string, string][] = Object.values(plan.securitySchemes).flatMap((s) =>
    s.type === 'apiKey' && s.in === 'query' && s.name ? [[s.name, 'k'] as [string, string]] : [],
  );
  const count = (label: string) => {
    tally.calls++;
    tally.byOutcome.set(label, (tally.byOutcome.get(label) ?? 0) + 1);
  };
  const send = (verb: string, method: string, path: string, body?: string) => {
    const request: MockRequest = {
      method,
      path,
      query,
      headers,
      ...(body !== undefined ? { body: { contentType: 'application/json', text: body } } : {}),
    };
    const outcome = mock(target, request, layer);
    count(`${verb}: ${outcome.ok ? `${String(outcome.response.status)[0]}xx` : outcome.problem.type}`);
    return outcome.ok && outcome.response.status < 300 ? outcome.response.body : undefined;
  };
  for (const resource of resources.resources.slice(0, 3)) {
    const params: Record<string, string> = {};
    for (const p of resource.scopeParams) params[p] = '1';
    const collection = fillPath(resource.collectionPath, params);
    if (resource.list) {
      const listed = send('list', 'GET', collection);
      const first = firstId(listed, resource.idField, resource.list.shape);
      if (first !== undefined && resources.bindings[bindingKey('GET', resource.itemPath)])
        send('read seeded', 'GET', fillPath(resource.itemPath, { ...params, [resource.idParam]: first }));
    }
    const create = modelOf(target).operations.get(bindingKey('POST', resource.collectionPath));
    if (!create || !resources.bindings[bindingKey('POST', resource.collectionPath)]) continue;
    const schema = requestSchemaOf(create);
    const generated =
      schema === undefined
        ? { ok: true as const, value: {} }
        : generate(schema, { seed: 'corpus', defs: plan.defs, direction: 'request' });
    if (!generated.ok) continue;
    const made = send('create', 'POST', collection, JSON.stringify(generated.value));
    const id = firstId(made, resource.idField);
    if (id !== undefined && resources.bindings[bindingKey('GET', resource.itemPath)])
      send('read created', 'GET', fillPath(resource.itemPath, { ...params, [resource.idParam]: id }));
  }
}

function firstId(text: string | null | undefined, idField: string, shape?: ListShape): string | undefined {
  if (!text) return undefined;
  try {
    const body = JSON.parse(text) as JsonValue;
    const value = shape ? itemsOf(shape, body) : body;
    const item = Array.isArray(value) ? value[0] : value;
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>)[idField] : undefined;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
