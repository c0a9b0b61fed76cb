import { compileRoutes, matchRoute, type CompiledRoutes } from '../../mock/match';
import type { OperationPlan, Plan } from '../../mock/plan';
import type { LoggedCall } from '../../request-log/record';
import type { ExampleCall, Found } from '../change';
import { essence } from '../media-types';
import { attribute } from './attribute';
import { checkCall, type Verdict } from './check-call';
import { replayRequest } from './logged-request';
import { valuesAt } from './probe';

export interface Traffic {
  /** Logged calls to `from` replayed. */
  replayed: number;
  /** Calls `from` answered 2xx that `to` would refuse (404, 405, 401, 415, 422). */
  wouldFail: number;
  /** Calls whose logged response holds a member `to` removes or stops guaranteeing. */
  receivedRemovedFields: number;
  /** Refusals no reported change explains (a `to` defect such as a dangling `$ref`). */
  unattributed: number;
  /** Calls at least one breaking or possibly-breaking change affects, each counted once. */
  affectedCalls: number;
  /** The oldest replayed call. */
  since: string | null;
}

type Call = LoggedCall & { id?: string };

/**
 * Replays the logged calls to `from` against `to`, as pure engine code: nothing is sent anywhere.
 * Each call goes through `to`'s router, security check and request validator exactly as a fresh call
 * would (check-call.ts); a call `from` answered 2xx that `to` refuses counts in `wouldFail` and in
 * the `affectedCalls` of the changes that explain the refusal. A logged response holding a member
 * `to` removes or stops guaranteeing counts in `receivedRemovedFields`. Sets `affectedCalls` and
 * `exampleCall` on `found`.
 */
export function replayCalls(from: Plan, to: Plan, found: Found[], calls: Call[]): Traffic {
  const fromRoutes = compileRoutes(from);
  const toRoutes = compileRoutes(to);
  const byOp = new Map<OperationPlan, Found[]>();
  for (const f of found) if (f.fromOp) byOp.set(f.fromOp, [...(byOp.get(f.fromOp) ?? []), f]);
  const traffic: Traffic = {
    replayed: 0,
    wouldFail: 0,
    receivedRemovedFields: 0,
    unattributed: 0,
    affectedCalls: 0,
    since: null,
  };
  const affected = new Set<Call>();
  const touch = (f: Found, call: Call) => {
    f.change.affectedCalls++;
    f.change.exampleCall ??= example(call);
    if (f.change.level !== 'non-breaking') affected.add(call);
  };
  for (const call of calls) {
    traffic.replayed++;
    if (traffic.since === null || call.at < traffic.since) traffic.since = call.at;
    const request = replayRequest(call);
    const match = matchRoute(fromRoutes, request.method, request.path);
    const candidates = match.kind === 'found' ? (byOp.get(match.operation) ?? []) : [];
    if (call.status >= 200 && call.status < 300) {
      const refusal = refusedByTo(from, fromRoutes, to, toRoutes, request);
      if (refusal) {
        traffic.wouldFail++;
        const causes = attribute(
          to,
          candidates.filter((f) => f.change.direction !== 'response'),
          refusal,
          request,
        );
        if (causes.length === 0) traffic.unattributed++;
        for (const f of causes) touch(f, call);
      }
    }
    if (match.kind === 'found' && received(match.operation, candidates, call, touch))
      traffic.receivedRemovedFields++;
  }
  traffic.affectedCalls = affected.size;
  return traffic;
}

/**
 * `to`'s refusal of a call, without what `from` would refuse too: a 422 error `from` raises as well
 * (a value the log redacted or cut, say) is not the change's doing.
 */
function refusedByTo(
  from: Plan,
  fromRoutes: CompiledRoutes,
  to: Plan,
  toRoutes: CompiledRoutes,
  request: ReturnType<typeof replayRequest>,
): Extract<Verdict, { ok: false }> | undefined {
  const verdict = checkCall(to, toRoutes, request);
  if (verdict.ok) return undefined;
  const before = checkCall(from, fromRoutes, request);
  if (!before.ok && before.status !== 422) return undefined;
  if (verdict.status !== 422 || before.ok) return verdict;
  const known = new Set(before.errors.map((e) => `${e.location?.join('/')} ${e.message}`));
  const errors = verdict.errors.filter((e) => !known.has(`${e.location?.join('/')} ${e.message}`));
  return errors.length === 0 ? undefined : { ...verdict, errors };
}

/** Marks the response-side changes the logged response concerns; true when one removes a member it held. */
function received(
  op: OperationPlan,
  candidates: Found[],
  call: Call,
  touch: (f: Found, call: Call) => void,
): boolean {
  const served = servedStatus(op, call.status);
  if (served === undefined) return false;
  const type = essence(call.response.headers['content-type'] ?? '');
  let body: unknown;
  let parsed = false;
  let removed = false;
  for (const f of candidates) {
    const hit = f.hit;
    if (hit.kind !== 'response' || hit.status !== served) continue;
    if (hit.media !== undefined && essence(hit.media) !== type) continue;
    if (hit.at === undefined) {
      touch(f, call);
      continue;
    }
    if (!parsed) {
      parsed = true;
      body = parseBody(call);
    }
    if (valuesAt(body, hit.at).length === 0) continue;
    touch(f, call);
    if (hit.removes) removed = true;
  }
  return removed;
}

/** Which of the operation's responses a logged status came from: exact, its range, then default. */
function servedStatus(op: OperationPlan, status: number): string | undefined {
  const code = String(status);
  const statuses = op.responses.map((r) => r.status);
  return [code, `${code[0]}XX`, 'DEFAULT'].find((s) => statuses.includes(s));
}

function parseBody(call: Call): unknown {
  if (call.response.truncated || !call.response.body) return undefined;
  try {
    return JSON.parse(call.response.body) as unknown;
  } catch {
    return undefined;
  }
}

function example(call: Call): ExampleCall {
  return {
    ...(call.id !== undefined ? { id: call.id } : {}),
    at: call.at,
    method: call.method,
    path: call.path,
    query: call.query,
    status: call.status,
  };
}
