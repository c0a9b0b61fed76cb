import { formFields } from './form-fields';
import type { MatchResult } from './match';
import type { MockRequest } from './call';

const FORM = 'application/x-www-form-urlencoded';

/**
 * RPC-style APIs (Slack's Web API: "every method accepts GET with a query string or POST with a
 * form body") are often described with GET only, while their SDKs POST every method as a form. An
 * HTML form defines the equivalence: the same fields travel in the query for GET and in an
 * `application/x-www-form-urlencoded` body for POST. So a form POST to a path that has a GET but
 * no POST, whose every field is a query parameter that GET declares (an empty form qualifies), is
 * that GET with the fields appended to the query. Any other POST there (JSON, a field the GET does
 * not know, a path with no GET) keeps its 405.
 */
export function formPostAsGet(
  request: MockRequest,
  match: Extract<MatchResult, { kind: 'no-method' }>,
): MockRequest | undefined {
  if (request.method.toUpperCase() !== 'POST') return undefined;
  const get = match.operations.find((op) => op.method === 'get');
  if (!get) return undefined;
  const type = request.body?.contentType ?? essence(request.headers['content-type']);
  if (type !== FORM) return undefined;
  const fields = formFields(request.body);
  const known = new Set(get.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  // `filter[status]=x` is the field `filter` in bracket notation (deepObject and its kin).
  if (!fields.every(([name]) => known.has(name) || known.has(name.replace(/\[.*$/, '')))) return undefined;
  const headers = { ...request.headers };
  delete headers['content-type'];
  delete headers['content-length'];
  const { body: _sent, ...rest } = request;
  return { ...rest, method: 'GET', query: [...request.query, ...fields], headers, fields };
}

function essence(header: string | undefined): string | undefined {
  return header?.split(';')[0].trim().toLowerCase();
}
