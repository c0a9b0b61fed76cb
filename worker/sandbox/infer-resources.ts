import type { OperationPlan, Plan, Schema } from '../mock/plan';
import { identifierField, type IdContext } from './identifier';
import { inferListShape, inferPaging } from './infer-list';
import {
  bindingKey,
  listPathOf,
  readPathOf,
  type Binding,
  type Resource,
  type ResourcePlan,
  type Role,
  type StatelessPair,
} from './resources';
import {
  deref,
  isArraySchema,
  jsonSchemaOf,
  propertiesOf,
  requestSchemaOf,
  successResponse,
  typesOf,
} from './schema-shape';

type Methods = Map<string, OperationPlan>;

/**
 * An item path: its last segment is one parameter, optionally with the collection's extension
 * (`/pets/{petId}`, Twilio's `/Messages/{Sid}.json` beside `/Messages.json`).
 */
const ITEM_PATH = /^(.*)\/\{([^{}/]+)\}(\.[A-Za-z0-9]+)?$/;

/**
 * Infers a version's resources from its paths and schemas alone. An item path is a path whose last
 * segment is one parameter (`/pets/{petId}`); its collection is the same path without that segment
 * (`/pets`, which must be in the spec and end in a literal). The parameters before it scope the
 * items (`/owners/{ownerId}/pets`). A collection with a GET and a POST but no item path of its own
 * is a resource too, listing what was posted to it. Everything else stays stateless, with a reason.
 */
export function inferResources(plan: Plan): ResourcePlan {
  const byPath = new Map<string, Methods>();
  for (const op of plan.operations) {
    const methods = byPath.get(op.path) ?? new Map<string, OperationPlan>();
    methods.set(op.method.toUpperCase(), op);
    byPath.set(op.path, methods);
  }
  const out: ResourcePlan = { resources: [], bindings: {}, stateless: [] };
  for (const [itemPath, itemOps] of byPath) {
    const m = ITEM_PATH.exec(itemPath);
    if (!m || !m[1]) continue;
    const [, parent, idParam, ext = ''] = m;
    const collectionPath = parent + ext;
    const pair = { collectionPath, itemPath };
    const collectionOps = collectionOpsOf(byPath, collectionPath);
    const noun = collectionNoun(parent, byPath);
    if (noun === undefined) continue;
    if (!collectionOps || !(collectionOps.has('GET') || collectionOps.has('POST'))) {
      out.stateless.push({ ...pair, reason: 'no GET or POST on the collection path' });
      continue;
    }
    const at = { param: idParam, collection: noun, itemPath };
    const viewed = withView(byPath, itemPath, itemOps) ?? itemOps;
    const inferred = inferPair(plan.defs, collectionPath, at, collectionOps, viewed);
    if ('reason' in inferred) out.stateless.push({ ...pair, reason: inferred.reason });
    else add(out, inferred);
  }
  const claimed = new Set(out.resources.map((r) => r.collectionPath));
  for (const [collectionPath, ops] of byPath) {
    if (claimed.has(collectionPath) || !ops.has('GET') || !ops.has('POST')) continue;
    const inferred = inferCollection(plan.defs, collectionPath, ops);
    if (inferred) add(out, inferred);
  }
  return out;
}

/**
 * A collection's operations, with the POST of `{collection}/create` and the GET of
 * `{collection}/json` where the collection itself has none: Docker creates at `/containers/create`,
 * `/volumes/create`, `/networks/create`, and lists containers and images at `/containers/json`.
 */
function collectionOpsOf(byPath: Map<string, Methods>, collectionPath: string): Methods | undefined {
  const ops = new Map(byPath.get(collectionPath));
  const create = byPath.get(`${collectionPath}/create`)?.get('POST');
  if (create && !ops.has('POST')) ops.set('POST', create);
  return withView(byPath, collectionPath, ops);
}

/** The operations with the GET of `{path}/json` where the path has none (Docker's views). */
function withView(byPath: Map<string, Methods>, path: string, ops: Methods): Methods | undefined {
  const view = byPath.get(`${path}/json`)?.get('GET');
  const out = view && !ops.has('GET') ? new Map([...ops, ['GET', view]]) : ops;
  return out.size > 0 ? out : undefined;
}

/**
 * What a collection path lists: its last segment (`pets` of `/owners/{ownerId}/pets`), or the
 * segment before a last parameter that scopes it (LaunchDarkly lists and creates a project's flags
 * at `/flags/{projectKey}`), unless that path is itself the item of a collection (`/flags` with a
 * GET or POST). Undefined: the path lists nothing.
 */
function collectionNoun(parent: string, byPath: Map<string, Methods>): string | undefined {
  const segment = parent.slice(parent.lastIndexOf('/') + 1);
  if (!/[{}]/.test(segment)) return segment;
  const scoped = /^(.*)\/([^/{}]+)\/\{[^/{}]+\}$/.exec(parent);
  if (!scoped) return undefined;
  const outer = byPath.get(`${scoped[1]}/${scoped[2]}`);
  return outer && (outer.has('GET') || outer.has('POST')) ? undefined : scoped[2];
}

type Inferred = {
  resource: Resource;
  roles: [string, Role][];
  listReason?: string;
  /** A PUT on the item creates it (Azure's resource groups): the collection is no read-only one. */
  putCreates?: boolean;
};

function add(out: ResourcePlan, inferred: Inferred): void {
  const { resource, roles, listReason, putCreates } = inferred;
  if (!putCreates && !roles.some(([, role]) => role === 'create')) resource.readOnly = true;
  out.resources.push(resource);
  for (const [method, role] of roles) {
    const path =
      role === 'create'
        ? (resource.createPath ?? resource.collectionPath)
        : role === 'list'
          ? listPathOf(resource)
          : role === 'read'
            ? readPathOf(resource)
            : resource.itemPath;
    if (path !== undefined) out.bindings[bindingKey(method, path)] = { resource, role } satisfies Binding;
  }
  if (listReason && resource.itemPath !== undefined)
    out.stateless.push({
      collectionPath: resource.collectionPath,
      itemPath: resource.itemPath,
      reason: `list stays stateless: ${listReason}`,
    } satisfies StatelessPair);
}

function inferPair(
  defs: Record<string, Schema>,
  collectionPath: string,
  at: IdContext & { itemPath: string },
  collectionOps: Methods,
  itemOps: Methods,
): Inferred | { reason: string } {
  const listOp = collectionOps.get('GET');
  const listSchema = listOp ? jsonSchemaOf(successResponse(listOp)) : undefined;
  const candidates: (Schema | undefined)[] = [
    jsonSchemaOf(itemOps.get('GET') && successResponse(itemOps.get('GET')!)),
    jsonSchemaOf(collectionOps.get('POST') && successResponse(collectionOps.get('POST')!)),
    deref(listSchema, defs)?.items,
    itemOps.get('PUT') && requestSchemaOf(itemOps.get('PUT')!),
  ];
  let idField: string | undefined;
  for (const schema of candidates) {
    idField = identifierField(at, propertiesOf(schema, defs), defs);
    if (idField) break;
  }
  const wrapped = idField ? undefined : envelopeOf(candidates[0], at, defs);
  idField ??= wrapped?.idField;
  const nested = idField ? undefined : metadataIdOf(candidates, at, defs);
  idField ??= nested?.idField;
  if (!idField) return { reason: `no item property matches the path parameter {${at.param}}` };
  // A check without a body (`GET /issues/{n}/assignees/{assignee}` → 204) reads what a list shows;
  // with no list either, nothing the sandbox stores could answer it.
  if (itemOps.has('GET') && candidates[0] === undefined && !listOp)
    return { reason: 'the item GET has no body and the collection no list' };
  const scopeParams = scopeParamsOf(collectionPath);
  const resource: Resource = {
    collectionPath,
    itemPath: at.itemPath,
    idParam: at.param,
    idField,
    scopeParams,
  };
  if (wrapped) resource.envelope = wrapped.envelope;
  if (nested) resource.idIn = nested.idIn;
  let listReason: string | undefined;
  if (listOp) {
    const shape = inferListShape(listSchema, resource, at.collection, defs);
    if ('reason' in shape) listReason = shape.reason;
    else resource.list = { shape: shape.shape, paging: inferPaging(listOp, defs) };
  }
  const roles: [string, Role][] = [];
  if (resource.list) roles.push(['GET', 'list']);
  if (createsOne(collectionOps, defs)) roles.push(['POST', 'create']);
  if (collectionOps.get('POST')?.path === `${collectionPath}/create`)
    resource.createPath = `${collectionPath}/create`;
  if (listOp?.path === `${collectionPath}/json`) resource.listPath = listOp.path;
  const readOp = itemOps.get('GET');
  if (readOp?.path === `${at.itemPath}/json`) resource.readPath = readOp.path;
  const itemRoles: [string, Role][] = [
    ['GET', 'read'],
    ['PUT', 'replace'],
    ['PATCH', 'merge'],
    ['DELETE', 'remove'],
  ];
  // Stripe, Twilio and Swagger's petstore update an item with POST: when nothing else updates it.
  if (!itemOps.has('PUT') && !itemOps.has('PATCH')) itemRoles.push(['POST', 'merge']);
  for (const [method, role] of itemRoles) if (itemOps.has(method)) roles.push([method, role]);
  // A PUT that declares no 404 creates what it names (write-verbs.ts: replaceItem).
  const put = itemOps.get('PUT');
  const putCreates = put !== undefined && !put.responses.some((r) => r.status === '404');
  return { resource, roles, ...(listReason ? { listReason } : {}), ...(putCreates ? { putCreates } : {}) };
}

/** The identifier of items that have no item path, which must be one of these. */
const COLLECTION_IDS = ['id', 'uuid', '_id', 'key', 'guid', 'sid', 'gid'];

/**
 * A collection with a GET that lists items carrying an identifier and a POST, but no item path of
 * its own (`/repos/{owner}/{repo}/issues/{issue_number}/comments`): what is posted is listed.
 */
function inferCollection(
  defs: Record<string, Schema>,
  collectionPath: string,
  ops: Methods,
): Inferred | undefined {
  const segment = collectionPath.slice(collectionPath.lastIndexOf('/') + 1).replace(/\.[A-Za-z0-9]+$/, '');
  if (!segment || /[{}]/.test(segment)) return undefined;
  const listOp = ops.get('GET')!;
  const listSchema = jsonSchemaOf(successResponse(listOp));
  if (!createsOne(ops, defs)) return undefined;
  for (const idField of COLLECTION_IDS) {
    const shape = inferListShape(listSchema, { idField }, segment, defs);
    if ('reason' in shape) continue;
    const resource: Resource = {
      collectionPath,
      idField,
      scopeParams: scopeParamsOf(collectionPath),
      list: { shape: shape.shape, paging: inferPaging(listOp, defs) },
    };
    return {
      resource,
      roles: [
        ['GET', 'list'],
        ['POST', 'create'],
      ],
    };
  }
  return undefined;
}

/** A POST that answers with an array adds several things (labels to an issue): it is no create. */
function createsOne(ops: Methods, defs: Record<string, Schema>): boolean {
  const post = ops.get('POST');
  return !!post && !isArraySchema(jsonSchemaOf(successResponse(post)), defs);
}

function scopeParamsOf(collectionPath: string): string[] {
  return [...collectionPath.matchAll(/\{([^{}/]+)\}/g)].map((x) => x[1]);
}

/**
 * An identifier one level down, in the item's `metadata` object: Kubernetes names every object in
 * `metadata.name` (`/api/v1/namespaces/{namespace}/pods/{name}`), and so do the resources of the
 * APIs built on it.
 */
function metadataIdOf(
  candidates: (Schema | undefined)[],
  at: IdContext,
  defs: Record<string, Schema>,
): { idIn: string; idField: string } | undefined {
  for (const schema of candidates) {
    const metadata = propertiesOf(schema, defs).metadata;
    if (metadata === undefined || !typesOf(metadata, defs).includes('object')) continue;
    const idField = identifierField(at, propertiesOf(metadata, defs), defs);
    if (idField) return { idIn: 'metadata', idField };
  }
  return undefined;
}

/**
 * An item response that wraps the item in its one object member (`{"Meeting": {"MeetingId": …}}`,
 * `{"customer": {…}, "errors": […]}`); an object of several objects (a membership's
 * `organization` and `user`) is an item of its own, not an envelope.
 */
function envelopeOf(
  schema: Schema | undefined,
  at: IdContext,
  defs: Record<string, Schema>,
): { envelope: string; idField: string } | undefined {
  const objects = Object.entries(propertiesOf(schema, defs)).filter(([, member]) =>
    typesOf(member, defs).includes('object'),
  );
  if (objects.length !== 1) return undefined;
  const [envelope, member] = objects[0];
  const idField = identifierField(at, propertiesOf(member, defs), defs);
  return idField ? { envelope, idField } : undefined;
}
