/**
 * Requests the realism check sends: every path parameter filled (its example when valid, else a
 * generated value), required query/header parameters, a page-size parameter set to 2 where the
 * operation has one, the first security alternative satisfied, and a generated JSON body.
 */
import { generate } from '../../worker/mock/generate/index';
import type { MockRequest } from '../../worker/mock/mock';
import type { JsonValue, OperationPlan, ParameterPlan, Plan } from '../../worker/mock/plan';

const PAGE_SIZE_PARAM = /^(limit|per_?page|page_?size|maxresults|max_results|maxitems|\$top|top)$/i;

function valueOf(plan: Plan, op: OperationPlan, p: ParameterPlan): string {
  const s = p.schema;
  const ex = typeof s === 'object' && s !== null ? (s.example ?? s.examples?.[0]) : undefined;
  if (typeof ex === 'string' || typeof ex === 'number') return String(ex);
  const r = generate(s, { seed: `param:${op.path}:${p.name}`, defs: plan.defs, direction: 'request' });
  const v: JsonValue = r.ok ? r.value : 'x';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

interface BuiltRequest {
  request: MockRequest;
  pathParams: Record<string, string>;
}

export function requestFor(plan: Plan, op: OperationPlan): BuiltRequest {
  const pathParams: Record<string, string> = {};
  const query: [string, string][] = [];
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const p of op.parameters) {
    if (p.in === 'path') pathParams[p.name] = valueOf(plan, op, p);
    else if (p.in === 'query' && PAGE_SIZE_PARAM.test(p.name)) query.push([p.name, '2']);
    else if (p.in === 'query' && p.required) query.push([p.name, valueOf(plan, op, p)]);
    else if (p.in === 'header' && p.required) headers[p.name.toLowerCase()] = valueOf(plan, op, p);
  }
  for (const name of op.security[0] ?? []) {
    const s = plan.securitySchemes[name];
    if (!s) continue;
    if (s.type === 'apiKey' && s.name) {
      if (s.in === 'query') query.push([s.name, 'key']);
      else if (s.in === 'cookie') headers.cookie = `${s.name}=key`;
      else headers[s.name.toLowerCase()] = 'key';
    } else if (s.type === 'http' && s.scheme === 'basic') headers.authorization = 'Basic dXNlcjpwYXNz';
    else headers.authorization = 'Bearer token';
  }
  const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(pathParams[n] ?? 'x'));
  const request: MockRequest = { method: op.method.toUpperCase(), path, query, headers };
  const json = op.requestBody?.content['application/json'];
  if (json?.schema !== undefined) {
    const r = generate(json.schema, { seed: `body:${op.path}`, defs: plan.defs, direction: 'request' });
    if (r.ok) {
      request.body = { contentType: 'application/json', text: JSON.stringify(r.value) };
      headers['content-type'] = 'application/json';
    }
  }
  return { request, pathParams };
}
