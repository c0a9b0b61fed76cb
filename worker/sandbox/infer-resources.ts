import type { OperationPlan, Plan, Schema } from '../mock/plan';
import { identifierField } from './identifier';
import { inferListShape, inferPaging } from './infer-list';
import {
  bindingKey,
  type Binding,
  type Resource,
  type ResourcePlan,
  type Role,
  type StatelessPair,
} from './resources';
import { deref, jsonSchemaOf, propertiesOf, requestSchemaOf, successResponse, typesOf } from './schema-shape';

/**
 * Infers a version's resources from its paths and schemas alone. An item path is a path whose last
 * segment is one parameter (`/pets/{petId}`); its collection is the same path without that segment
 * (`/pets`, which must be in the spec and end in a literal). The parameters before it scope the
 * items (`/owners/{ownerId}/pets`). Everything that does not fit stays stateless, with a reason.
 */
export function inferResources(plan: Plan): ResourcePlan {
  const byPath = new Map<string, Map<string, OperationPlan>>();
  for (const op of plan.operations) {
    const methods = byPath.get(op.path) ?? new Map<string, OperationPlan>();
    methods.set(op.method.toUpperCase(), op);
    byPath.set(op.path, methods);
  }
  const resources: Resource[] = [];
  const bindings: Record<string, Binding> = {};
  const stateless: StatelessPair[] = [];
  for (const [itemPath, itemOps] of byPath) {
    const m = /^(.*)\/\{([^{}/]+)\}$/.exec(itemPath);
    if (!m || !m[1]) continue;
    const [, collectionPath, idParam] = m;
    const pair = { collectionPath, itemPath };
    const collectionOps = byPath.get(collectionPath);
    const segment = collectionPath.slice(collectionPath.lastIndexOf('/') + 1);
    if (/[{}]/.test(segment)) continue;
    if (!collectionOps || !(collectionOps.has('GET') || collectionOps.has('POST'))) {
      stateless.push({ ...pair, reason: 'no GET or POST on the collection path' });
      continue;
    }
    const inferred = inferPair(plan.defs, collectionPath, itemPath, idParam, segment, collectionOps, itemOps);
    if ('reason' in inferred) {
      stateless.push({ ...pair, reason: inferred.reason });
      continue;
    }
    resources.push(inferred.resource);
    for (const [method, role] of inferred.roles) {
      const path = role === 'list' || role === 'create' ? collectionPath : itemPath;
      bindings[bindingKey(method, path)] = { resource: inferred.resource, role };
    }
    if (inferred.listReason)
      stateless.push({ ...pair, reason: `list stays stateless: ${inferred.listReason}` });
  }
  return { resources, bindings, stateless };
}

type Inferred = { resource: Resource; roles: [string, Role][]; listReason?: string } | { reason: string };

function inferPair(
  defs: Record<string, Schema>,
  collectionPath: string,
  itemPath: string,
  idParam: string,
  segment: string,
  collectionOps: Map<string, OperationPlan>,
  itemOps: Map<string, OperationPlan>,
): Inferred {
  const listOp = collectionOps.get('GET');
  const listSchema = listOp ? jsonSchemaOf(successResponse(listOp)) : undefined;
  const listed = deref(listSchema, defs);
  const candidates: (Schema | undefined)[] = [
    jsonSchemaOf(itemOps.get('GET') && successResponse(itemOps.get('GET')!)),
    jsonSchemaOf(collectionOps.get('POST') && successResponse(collectionOps.get('POST')!)),
    listed?.items,
    itemOps.get('PUT') && requestSchemaOf(itemOps.get('PUT')!),
  ];
  let idField: string | undefined;
  for (const schema of candidates) {
    idField = identifierField(idParam, segment, propertiesOf(schema, defs), defs);
    if (idField) break;
  }
  const wrapped = idField ? undefined : envelopeOf(candidates[0], idParam, segment, defs);
  idField ??= wrapped?.idField;
  if (!idField) return { reason: `no item property matches the path parameter {${idParam}}` };
  const scopeParams = [...collectionPath.matchAll(/\{([^{}/]+)\}/g)].map((x) => x[1]);
  const resource: Resource = { collectionPath, itemPath, idParam, idField, scopeParams };
  if (wrapped) resource.envelope = wrapped.envelope;
  let listReason: string | undefined;
  if (listOp) {
    const shape = inferListShape(listSchema, idField, segment, defs);
    if ('reason' in shape) listReason = shape.reason;
    else resource.list = { shape: shape.shape, paging: inferPaging(listOp, defs) };
  }
  const roles: [string, Role][] = [];
  if (resource.list) roles.push(['GET', 'list']);
  if (collectionOps.has('POST')) roles.push(['POST', 'create']);
  const itemRoles: [string, Role][] = [
    ['GET', 'read'],
    ['PUT', 'replace'],
    ['PATCH', 'merge'],
    ['DELETE', 'remove'],
  ];
  for (const [method, role] of itemRoles) if (itemOps.has(method)) roles.push([method, role]);
  return { resource, roles, ...(listReason ? { listReason } : {}) };
}

/** An item response that wraps the item in one object member (`{"Meeting": {"MeetingId": …}}`). */
function envelopeOf(
  schema: Schema | undefined,
  idParam: string,
  segment: string,
  defs: Record<string, Schema>,
): { envelope: string; idField: string } | undefined {
  const props = propertiesOf(schema, defs);
  for (const [envelope, member] of Object.entries(props)) {
    if (!typesOf(member, defs).includes('object')) continue;
    const idField = identifierField(idParam, segment, propertiesOf(member, defs), defs);
    if (idField) return { envelope, idField };
  }
  return undefined;
}
