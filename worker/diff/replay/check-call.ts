import type { ProblemDetailEntry } from '../../http/problem';
import { checkSecurity } from '../../mock/check-security';
import { matchRoute, type CompiledRoutes } from '../../mock/match';
import type { OperationPlan, Plan } from '../../mock/plan';
import { validateRequest } from '../../mock/validate-request';
import type { ReplayRequest } from './logged-request';

/** What a fresh call would get, up to the response: refused (and why), or admitted by `operation`. */
export type Verdict =
  | { ok: true; operation: OperationPlan; pathParams: Record<string, string> }
  | {
      ok: false;
      status: 401 | 404 | 405 | 415 | 422;
      operation?: OperationPlan;
      pathParams?: Record<string, string>;
      errors: ProblemDetailEntry[];
    };

/**
 * The mock's own checks, in its order (mock.ts): route (404/405), a dangling `$ref` (422), security
 * (401), then the request validator (415/422), through their public functions. Nothing is rendered.
 * A redacted credential is present: it satisfies whichever scheme reads the place it was sent in.
 * Errors about a value that was redacted, or about a body the log truncated, say nothing and are
 * dropped.
 */
export function checkCall(plan: Plan, routes: CompiledRoutes, call: ReplayRequest): Verdict {
  const match = matchRoute(routes, call.method, call.path);
  if (match.kind === 'no-path') return { ok: false, status: 404, errors: [] };
  if (match.kind === 'no-method') return { ok: false, status: 405, errors: [] };
  const { operation, pathParams } = match;
  const refused = (status: 401 | 415 | 422, errors: ProblemDetailEntry[]): Verdict => ({
    ok: false,
    status,
    operation,
    pathParams,
    errors,
  });
  if (operation.brokenRef) return refused(422, [{ location: [], message: 'unresolved $ref' }]);
  if (!admitted(plan, operation, call)) return refused(401, []);
  const check = validateRequest(plan, operation, {
    pathParams,
    query: call.query,
    headers: call.headers,
    cookies: call.cookies,
    ...(call.body ? { body: call.body } : {}),
  });
  if (check.ok) return { ok: true, operation, pathParams };
  if (check.status === 415) return refused(415, check.errors);
  const errors = check.errors.filter((e) => meaningful(e, call));
  return errors.length === 0 ? { ok: true, operation, pathParams } : refused(422, errors);
}

function meaningful(error: ProblemDetailEntry, call: ReplayRequest): boolean {
  const [where, name] = error.location ?? [];
  if (where === 'body') return !call.truncated;
  if (where === 'header' || where === 'query' || where === 'cookie')
    return name === undefined || !call.redacted.has(name.toLowerCase());
  return true;
}

/** A redacted Authorization header stands for whatever scheme the operation reads there. */
function admitted(plan: Plan, operation: OperationPlan, call: ReplayRequest): boolean {
  const source = { headers: call.headers, query: call.rawQuery, cookies: call.cookies };
  if (checkSecurity(plan, operation, source).ok) return true;
  if (!call.redacted.has('authorization')) return false;
  const schemes = new Set(['Bearer', 'Basic', 'Digest']);
  for (const s of Object.values(plan.securitySchemes))
    if (s.type === 'http' && s.scheme) schemes.add(s.scheme);
  return [...schemes].some((scheme) => {
    // "x:x" in base64, so a basic credential is well formed.
    const authorization = `${scheme} ${scheme.toLowerCase() === 'basic' ? 'eDp4' : 'x'}`;
    return checkSecurity(plan, operation, { ...source, headers: { ...call.headers, authorization } }).ok;
  });
}
