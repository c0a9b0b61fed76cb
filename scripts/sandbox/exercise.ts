import { generate } from '../../worker/mock/generate/index';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import type { JsonValue, OperationPlan, Plan, Schema } from '../../worker/mock/plan';
import { isObj } from '../../worker/mock/schema-refs';
import { itemsOf } from '../../worker/sandbox/list-body';
import {
  listPathOf,
  readPathOf,
  type Resource,
  type ResourcePlan,
  type Role,
} from '../../worker/sandbox/resources';
import { fillPath, itemParams, scopeOf } from '../../worker/sandbox/sandbox-context';
import { modelOf } from '../../worker/sandbox/sandbox-model';
import { sandboxLayer } from '../../worker/sandbox/stateful-layer';
import { MemoryStore } from '../../test/support/memory-store';

export interface Exercise {
  calls: number;
  /** `step: outcome` → calls. */
  byOutcome: Map<string, number>;
  /** Accepted creates of resources with at least one other verb, and how many ran every verb they have. */
  flows: number;
  flowsHeld: number;
  /** Creates answered 2xx with an id, and how many of those a read then found. */
  createdWithId: number;
  createdReadable: number;
  /** Created items with an own URL member (`url`, `self`, `_links.self.href`), and how many name the item. */
  withOwnUrl: number;
  ownUrlNamesItem: number;
  /** The same for `html_url`. */
  withHtmlUrl: number;
  htmlUrlNamesItem: number;
}

export function emptyExercise(): Exercise {
  return {
    calls: 0,
    byOutcome: new Map(),
    flows: 0,
    flowsHeld: 0,
    createdWithId: 0,
    createdReadable: 0,
    withOwnUrl: 0,
    ownUrlNamesItem: 0,
    withHtmlUrl: 0,
    htmlUrlNamesItem: 0,
  };
}

type Send = (step: string, method: string, path: string, op?: OperationPlan) => Answer;
interface Answer {
  ok: boolean;
  status: number;
  body?: JsonValue;
  /** The JSON object the request sent, if any. */
  sent?: Record<string, JsonValue>;
}

/**
 * An SDK's conversation with each of up to 3 resources of a plan, through the pure mock with the
 * stateful layer over a Map store: list, create (a body generated from the request schema, JSON or
 * form), read the created item by the id its response hands out, update it, find it in the list,
 * delete it, read it again (404). Security is satisfied with a bearer token (basic credentials where
 * a scheme asks for them) and an `x-api-key`-style header per apiKey scheme, so the verbs are seen.
 */
export function exerciseResources(plan: Plan, resources: ResourcePlan, tally: Exercise): void {
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const store = new MemoryStore();
  const model = modelOf(target);
  const layer = sandboxLayer({
    target,
    model,
    store,
    seed: 'corpus',
    baseUrl: 'https://sandbox.test',
    limits: { maxItemsPerCollection: 1000, maxBytes: 5 * 1024 * 1024 },
  });
  const basic = Object.values(plan.securitySchemes).some((s) => s.type === 'http' && s.scheme === 'basic');
  const headers: Record<string, string> = {
    authorization: basic ? `Basic ${btoa('user:secret')}` : 'Bearer t',
    accept: 'application/json',
  };
  for (const s of Object.values(plan.securitySchemes))
    if (s.type === 'apiKey' && s.in === 'header' && s.name) headers[s.name.toLowerCase()] ??= 'k';
  const query: [string, string][] = Object.values(plan.securitySchemes).flatMap((s) =>
    s.type === 'apiKey' && s.in === 'query' && s.name ? [[s.name, 'k'] as [string, string]] : [],
  );
  const send: Send = (step, method, path, op) => {
    const body = op && method !== 'GET' && method !== 'DELETE' ? requestBody(op, plan) : undefined;
    const request: MockRequest = {
      method,
      path,
      query: [...query, ...(op ? requiredQuery(op, plan) : [])],
      headers: { ...headers },
      ...(body ? { body } : {}),
    };
    if (body) request.headers['content-type'] = body.contentType;
    const outcome = mock(target, request, layer);
    // The service's own 404 for an unknown item counts as the 404 it is.
    const status = outcome.ok ? outcome.response.status : outcome.problem.type === 'item-not-found' ? 404 : 0;
    tally.calls++;
    const label = `${step}: ${outcome.ok ? `${String(status)[0]}xx` : outcome.problem.type}`;
    tally.byOutcome.set(label, (tally.byOutcome.get(label) ?? 0) + 1);
    const sent = body && /json/i.test(body.contentType) ? parse(body.text) : undefined;
    return {
      ok: outcome.ok && status < 300,
      status,
      body: outcome.ok ? parse(outcome.response.body) : undefined,
      ...(isObj(sent) ? { sent: sent as Record<string, JsonValue> } : {}),
    };
  };
  for (const resource of resources.resources.slice(0, 3))
    conversation(resource, resources, model.operations, { send, store, tally, plan });
}

function conversation(
  resource: Resource,
  resources: ResourcePlan,
  ops: Map<string, OperationPlan>,
  { send, store, tally, plan }: { send: Send; store: MemoryStore; tally: Exercise; plan: Plan },
): void {
  const verbs = new Map<Role, { method: string }>();
  for (const [key, b] of Object.entries(resources.bindings))
    if (b.resource === resource) verbs.set(b.role, { method: key.slice(0, key.indexOf(' ')) });
  // Where each verb is bound: Docker lists at `/containers/json`, creates at `/containers/create`
  // and reads at `/containers/{id}/json`.
  const createPath = resource.createPath ?? resource.collectionPath;
  const listOp = ops.get(`GET ${listPathOf(resource)}`);
  const create = ops.get(`POST ${createPath}`);
  const params = scopeValues(resource, listOp ?? create, plan);
  const listAt = fillPath(listPathOf(resource), params);
  const collection = fillPath(createPath, params);
  const pathOf = (method: string) => (method === 'GET' ? readPathOf(resource) : resource.itemPath);
  const itemOp = (method: string) => ops.get(`${method} ${pathOf(method)}`);
  const itemAt = (id: string, method = 'GET') =>
    fillPath(pathOf(method) ?? '', itemParams(resource, params, id));
  if (verbs.has('list')) send('list', 'GET', listAt, listOp);
  if (!verbs.has('create') || !create) return;
  const others = [...verbs.keys()].filter((r) => r !== 'create');
  const scope = scopeOf(resource, params);
  const before = store.count(scope);
  const made = send('create', 'POST', collection, create);
  // A body the mock refuses (the generated request broke a rule) says nothing about the sandbox.
  if (!made.ok) return;
  if (others.length) tally.flows++;
  const stored = store.count(scope) > before;
  // A write whose body the sandbox cannot read yet (form fields before they are decoded) stays stateless.
  const form = create.requestBody && !Object.keys(create.requestBody.content).some((t) => /json/i.test(t));
  count(tally, `create: 2xx ${stored ? 'stored' : `answered statelessly${form ? ' (a form body)' : ''}`}`);
  const item = unwrap(made.body, resource.envelope);
  // The id the response hands out, else the one the client sent (GitHub answers `{}` to a new variable).
  const id = item?.[resource.idField] ?? made.sent?.[resource.idField];
  if (!item || (typeof id !== 'string' && typeof id !== 'number'))
    return count(tally, 'create: 2xx without the id');
  tally.createdWithId++;
  let held = stored;
  if (verbs.has('read')) {
    const read = send('read created', 'GET', itemAt(String(id)), itemOp('GET'));
    if (read.ok) tally.createdReadable++;
    held &&= read.ok;
  } else if (stored) tally.createdReadable++;
  ownUrls(item, String(id), tally);
  for (const role of ['merge', 'replace'] as Role[]) {
    const verb = verbs.get(role);
    const op = verb && itemOp(verb.method);
    if (verb && op)
      held &&= send(`update (${verb.method})`, verb.method, itemAt(String(id), verb.method), op).ok;
  }
  if (verbs.has('list')) {
    const listed = itemsOf(resource.list!.shape, send('list after create', 'GET', listAt, listOp).body) ?? [];
    const found = listed.some((v) => isObj(v) && v[resource.idField] === id);
    count(tally, `list after create: ${found ? 'lists it' : 'not on the first page'}`);
  }
  if (verbs.has('remove')) {
    held &&= send('delete', 'DELETE', itemAt(String(id), 'DELETE'), itemOp('DELETE')).ok;
    if (verbs.has('read'))
      held &&= send('read deleted', 'GET', itemAt(String(id)), itemOp('GET')).status === 404;
  }
  if (others.length && held) tally.flowsHeld++;
}

/** Values for the collection's path parameters, from their schemas (Twilio's `AccountSid` has a pattern). */
function scopeValues(resource: Resource, op: OperationPlan | undefined, plan: Plan): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of resource.scopeParams) {
    const schema = op?.parameters.find((p) => p.in === 'path' && p.name === name)?.schema;
    const value = op && schema !== undefined ? sample(schema, op, name, plan) : undefined;
    params[name] = value === undefined || typeof value === 'object' ? '1' : String(value);
  }
  return params;
}

/** The operation's required query parameters, generated from their schemas. */
function requiredQuery(op: OperationPlan, plan: Plan): [string, string][] {
  return op.parameters.flatMap((p) => {
    if (p.in !== 'query' || !p.required || p.schema === undefined) return [];
    const value = sample(p.schema, op, p.name, plan);
    return value === undefined || typeof value === 'object'
      ? []
      : [[p.name, String(value)] as [string, string]];
  });
}

function sample(schema: Schema, op: OperationPlan, salt: string, plan: Plan): JsonValue | undefined {
  const seed = `corpus\u0000${op.path}\u0000${salt}`;
  const out = generate(schema, { seed, defs: plan.defs, direction: 'request' });
  return out.ok ? out.value : undefined;
}

/** A request body from the operation's schema: JSON when it takes JSON, else form fields. */
function requestBody(op: OperationPlan, plan: Plan): MockRequest['body'] {
  const content = op.requestBody?.content ?? {};
  const type = Object.keys(content).find((t) => /json/i.test(t)) ?? Object.keys(content)[0];
  if (!type) return undefined;
  const schema = content[type].schema;
  const generated =
    schema === undefined
      ? { ok: true as const, value: {} }
      : generate(schema, { seed: 'corpus', defs: plan.defs, direction: 'request' });
  if (!generated.ok) return undefined;
  if (/json/i.test(type)) return { contentType: type, text: JSON.stringify(generated.value) };
  const form = new URLSearchParams();
  formFields(form, '', generated.value);
  return { contentType: type, text: form.toString() };
}

/** Form fields in bracket notation, as SDKs send nested members (`metadata[k]=v`, `items[0][price]=p`). */
function formFields(form: URLSearchParams, name: string, value: JsonValue, depth = 0): void {
  if (value === null || depth > 4) return;
  if (typeof value !== 'object') {
    if (name) form.append(name, String(value));
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) formFields(form, name ? `${name}[${k}]` : k, v, depth + 1);
}

/**
 * The item's own URL (`url`, `self`, `_links.self.href`) names the created item; so does its
 * `html_url` (a web page, counted apart).
 */
function ownUrls(item: Record<string, JsonValue>, id: string, tally: Exercise): void {
  const links = isObj(item._links) ? (item._links as Record<string, JsonValue>) : {};
  const self = isObj(links.self) ? (links.self as Record<string, JsonValue>).href : undefined;
  const absolute = (u: JsonValue | undefined): u is string => typeof u === 'string' && /^https?:\/\//.test(u);
  const names = (u: string) => new URL(u).pathname.split('/').map(decodeURIComponent).includes(id);
  const own = [item.url, item.self, self].filter(absolute);
  if (own.length) {
    tally.withOwnUrl++;
    if (own.every(names)) tally.ownUrlNamesItem++;
  }
  if (absolute(item.html_url)) {
    tally.withHtmlUrl++;
    if (names(item.html_url)) tally.htmlUrlNamesItem++;
  }
}

function unwrap(body: JsonValue | undefined, envelope?: string): Record<string, JsonValue> | undefined {
  if (!isObj(body)) return undefined;
  const b = body as Record<string, JsonValue>;
  const inner = envelope !== undefined ? b[envelope] : undefined;
  return isObj(inner) ? (inner as Record<string, JsonValue>) : b;
}

function count(tally: Exercise, label: string): void {
  tally.byOutcome.set(label, (tally.byOutcome.get(label) ?? 0) + 1);
}

function parse(text: string | null): JsonValue | undefined {
  try {
    return text ? (JSON.parse(text) as JsonValue) : undefined;
  } catch {
    return undefined;
  }
}
