import { generate } from '../../worker/mock/generate/index';
import { isJsonMediaType } from '../../worker/mock/negotiate';
import type { MockRequest } from '../../worker/mock/mock';
import type {
  JsonValue,
  OperationPlan,
  ParameterPlan,
  Plan,
  Schema,
  SecuritySchemePlan,
} from '../../worker/mock/plan';

/**
 * A well-formed request for one operation, as a careful new user would send it: every path
 * parameter filled, every required query/header/cookie parameter and body present, the first
 * security alternative satisfied. Values come from the operation's own request schemas.
 */
export function wellFormedRequest(plan: Plan, op: OperationPlan): MockRequest {
  const value = (p: ParameterPlan): JsonValue => {
    const r = requestValue(p.schema, `corpus:${op.path}:${p.name}`, plan);
    return r.ok ? r.value : 'x';
  };
  let path = op.path;
  const query: [string, string][] = [];
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const p of op.parameters) {
    if (p.in === 'path') {
      path = path.split(`{${p.name}}`).join(pathValue(p, value(p)));
      continue;
    }
    if (!p.required) continue;
    // OpenAPI: Accept, Content-Type and Authorization parameters are ignored (the request sets them).
    if (p.in === 'header' && ['accept', 'content-type', 'authorization'].includes(p.name.toLowerCase()))
      continue;
    const v = value(p);
    if (p.in === 'query') query.push(...queryPairs(p, v));
    else if (p.in === 'header') headers[p.name.toLowerCase()] = flat(p, v, ',');
    else cookies.push(`${p.name}=${flat(p, v, ',')}`);
  }
  path = path.replace(/\{[^}/]+\}/g, 'x1'); // templated segments the spec forgot to declare
  const security = op.security.find((alt) => alt.length > 0) ?? [];
  if (op.security.length > 0 && !op.security.some((alt) => alt.length === 0)) {
    for (const name of security) credential(plan.securitySchemes[name], headers, query, cookies);
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  const request: MockRequest = { method: op.method.toUpperCase(), path, query, headers };
  const body = requestBody(plan, op);
  if (body) {
    request.body = body;
    headers['content-type'] = body.contentType;
  }
  return request;
}

/**
 * A value for a request schema; where no value satisfies it strictly (zoom's `{type: string, enum:
 * [1, 2]}`, ShipEngine's `additionalProperties: false` beside an `allOf`), the author's evident
 * intent, as a client of that API would send it and as the mock reads requests.
 */
function requestValue(schema: Schema, seed: string, plan: Plan): ReturnType<typeof generate> {
  const strict = generate(schema, { seed, defs: plan.defs, direction: 'request' });
  return strict.ok
    ? strict
    : generate(schema, { seed, defs: plan.defs, direction: 'request', relax: 'discover' });
}

function requestBody(plan: Plan, op: OperationPlan): MockRequest['body'] | undefined {
  const content = op.requestBody?.content;
  if (!content || Object.keys(content).length === 0) return undefined;
  const types = Object.keys(content);
  const type = types.find((t) => isJsonMediaType(t)) ?? types[0];
  const media = content[type];
  const generated =
    media.schema === undefined
      ? { ok: true as const, value: (media.examples[0]?.value ?? {}) as JsonValue }
      : requestValue(media.schema, `corpus-body:${op.path}`, plan);
  const value: JsonValue = generated.ok ? generated.value : {};
  const contentType = type.includes('*') ? 'application/json' : type.split(';')[0].trim().toLowerCase();
  if (isJsonMediaType(contentType) || contentType === 'application/json')
    return { contentType, text: JSON.stringify(value) };
  // A url-encoded body whose schema is a string is that text itself (spoonacular's `text=…`).
  if (contentType === 'application/x-www-form-urlencoded' && typeof value === 'string')
    return { contentType, text: value };
  if (contentType === 'application/x-www-form-urlencoded' || contentType === 'multipart/form-data') {
    const pairs: [string, string][] = isRecord(value)
      ? Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])
      : [];
    return contentType === 'multipart/form-data'
      ? { contentType, text: '', form: pairs }
      : { contentType, text: new URLSearchParams(pairs).toString() };
  }
  return { contentType, text: typeof value === 'string' ? value : JSON.stringify(value) };
}

function credential(
  scheme: SecuritySchemePlan | undefined,
  headers: Record<string, string>,
  query: [string, string][],
  cookies: string[],
): void {
  if (!scheme) return;
  if (scheme.type === 'apiKey') {
    const name = scheme.name ?? 'api_key';
    if (scheme.in === 'query') query.push([name, 'corpus-key']);
    else if (scheme.in === 'cookie') cookies.push(`${name}=corpus-key`);
    else headers[name.toLowerCase()] = 'corpus-key';
  } else if (scheme.type === 'http') {
    const s = scheme.scheme ?? 'bearer';
    headers.authorization =
      s === 'basic' ? `Basic ${btoa('user:pass')}` : s === 'digest' ? 'Digest username="u"' : `${s} token`;
  } else if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') {
    headers.authorization = 'Bearer token';
  }
}

function pathValue(p: ParameterPlan, v: JsonValue): string {
  const text = flat(p, v, p.style === 'label' && p.explode ? '.' : ',');
  const encoded = encodeURIComponent(text).replace(/%2C/gi, ',');
  if (p.style === 'label') return `.${encoded}`;
  if (p.style === 'matrix') return `;${p.name}=${encoded}`;
  return encoded || 'x1';
}

function queryPairs(p: ParameterPlan, v: JsonValue): [string, string][] {
  if (p.contentType) return [[p.name, JSON.stringify(v)]];
  if (Array.isArray(v)) {
    const items = v.map(scalar);
    if (p.style === 'spaceDelimited') return [[p.name, items.join(' ')]];
    if (p.style === 'pipeDelimited') return [[p.name, items.join('|')]];
    return p.explode ? items.map((i) => [p.name, i]) : [[p.name, items.join(',')]];
  }
  if (isRecord(v)) {
    const entries = Object.entries(v).map(([k, x]) => [k, scalar(x)] as [string, string]);
    if (p.style === 'deepObject') return entries.map(([k, x]) => [`${p.name}[${k}]`, x]);
    if (p.explode) return entries;
    return [[p.name, entries.flat().join(',')]];
  }
  return [[p.name, scalar(v)]];
}

function flat(p: ParameterPlan, v: JsonValue, separator: string): string {
  if (p.contentType) return JSON.stringify(v);
  if (Array.isArray(v)) return v.map(scalar).join(separator);
  if (isRecord(v))
    return Object.entries(v)
      .map(([k, x]) => (p.explode ? `${k}=${scalar(x)}` : `${k},${scalar(x)}`))
      .join(separator);
  return scalar(v);
}

function scalar(v: JsonValue): string {
  return typeof v === 'string' ? v : v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function isRecord(v: unknown): v is Record<string, JsonValue> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
