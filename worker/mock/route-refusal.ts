import type { MatchResult } from './match';
import type { CallReading, MockOutcome, MockRequest, MockTarget } from './call';
import type { OperationPlan } from './plan';
import { errorResponseFor, refuse, type ErrorResponse } from './refusal';
import { seedOf } from './render-response';

/**
 * Refusals that reach no operation: an unknown path (404) and a method the path does not have
 * (405). They are answered in the error response the API uses most for that status (exact, `4XX`,
 * then an error-describing `default`, per operation): among the path's own operations for a 405,
 * else among all of them; problem+json when no operation has one. The choice is made once per
 * target and status, never per call.
 */
export function refuseRoute(
  target: MockTarget,
  request: MockRequest,
  match: Exclude<MatchResult, { kind: 'found' }>,
  { own, query }: Omit<CallReading, 'match'>,
): MockOutcome {
  const problem =
    match.kind === 'no-path'
      ? {
          type: 'route-not-found' as const,
          detail: `No operation in this API matches ${request.path || '/'}.`,
        }
      : {
          type: 'method-not-allowed' as const,
          detail: `${request.method.toUpperCase()} is not defined for ${request.path}; allowed: ${match.allow.join(', ')}.`,
          headers: { allow: match.allow.join(', ') },
          extensions: { allow: match.allow },
        };
  const shared =
    match.kind === 'no-path'
      ? sharedErrorFor(target, [404])
      : sharedErrorFor(target, [405], { template: match.route, operations: match.operations });
  if (!shared) return refuse(problem);
  const prefs = own.dynamic !== undefined ? { dynamic: own.dynamic } : {};
  const ctx = {
    target,
    request,
    operation: shared.operation,
    query,
    pathParams: {},
    prefs,
    seed: seedOf(request.method, request.path, query, prefs),
  };
  return refuse(problem, { ...shared, ctx, prefs });
}

interface SharedError extends ErrorResponse {
  /** The operation whose response is served: its context seeds and renders the body. */
  operation: OperationPlan;
}

const memo = new WeakMap<MockTarget, Map<string, SharedError | null>>();

/**
 * The error response the API uses most for `statuses` (in `errorResponseFor`'s order): among `path`'s
 * operations first when given, else among all. Also what an operation that defines none for a
 * status borrows, for its own refusals and for `Prefer: code=` (the API's error shape, not specmock's).
 */
export function sharedErrorFor(
  target: MockTarget,
  statuses: number[],
  path?: { template: string; operations: OperationPlan[] },
): SharedError | undefined {
  let byKey = memo.get(target);
  if (!byKey) memo.set(target, (byKey = new Map()));
  const key = path ? `${statuses.join(',')} ${path.template}` : statuses.join(',');
  let found = byKey.get(key);
  if (found === undefined) {
    found =
      (path && mostUsed(path.operations, statuses)) ?? mostUsed(target.plan.operations, statuses) ?? null;
    byKey.set(key, found);
  }
  return found ?? undefined;
}

function mostUsed(operations: OperationPlan[], statuses: number[]): SharedError | undefined {
  const counts = new Map<string, { n: number; first: SharedError }>();
  for (const operation of operations) {
    const error = errorResponseFor(operation, statuses);
    if (!error) continue;
    const shape = shapeKey(error.response.content);
    if (shape === undefined) continue;
    const seen = counts.get(shape);
    if (seen) seen.n++;
    else counts.set(shape, { n: 1, first: { ...error, operation } });
  }
  let best: { n: number; first: SharedError } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.first;
}

/** Two responses share a shape when their first media type and its schema (or example) agree. */
function shapeKey(content: ErrorResponse['response']['content']): string | undefined {
  const [type, media] = Object.entries(content)[0] ?? [];
  if (type === undefined || media === undefined) return undefined;
  if (media.schema !== undefined) return `${type}\u0000${JSON.stringify(media.schema)}`;
  return media.examples.length > 0 ? `${type}\u0000${JSON.stringify(media.examples[0].value)}` : undefined;
}
