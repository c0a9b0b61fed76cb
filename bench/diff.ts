// The diff's cost in Node (same V8 as workerd) on GitHub-size descriptions: GHES 3.17 → api.github.com
// (both from @octokit/openapi), with 1,000 logged calls to the older one replayed against the newer.
// Run: node --import tsx bench/diff.ts  → one JSON line on stdout.
// The calls are well-formed requests to every operation in turn (scripts/corpus/call-operations.ts),
// answered by the real mock and stored as the log stores them: redacted, bodies capped at 16 KiB.
import { readFileSync } from 'node:fs';
import { diffPlans } from '../worker/diff/diff-plans';
import { replayCalls } from '../worker/diff/replay/replay';
import { mock, prepareTarget, type MockRequest } from '../worker/mock/mock';
import type { Plan } from '../worker/mock/plan';
import { capBody, type LoggedCall } from '../worker/request-log/record';
import { credentialNames, redactHeaders, redactQuery } from '../worker/request-log/redact';
import { ingest } from '../worker/ingest/ingest';
import { wellFormedRequest } from '../scripts/corpus/call-operations';

const root = new URL('../node_modules/@octokit/openapi/generated/', import.meta.url);
const CALLS = 1000;

async function load(name: string): Promise<{ plan: Plan; json: string }> {
  const { plan } = await ingest(readFileSync(new URL(name, root), 'utf8'));
  return { plan, json: JSON.stringify(plan) };
}

function logged(
  plan: Plan,
  request: MockRequest,
  response: { status: number; headers: Record<string, string>; body: string | null },
): LoggedCall {
  const names = credentialNames(plan);
  return {
    at: new Date(Date.UTC(2026, 10, 20, 10, 0, 0)).toISOString(),
    version: 'ghes-3.17',
    method: request.method,
    path: request.path,
    query: redactQuery(request.query, names),
    status: response.status,
    durationMs: 1,
    operation: null,
    problems: [],
    request: {
      headers: redactHeaders(Object.entries(request.headers), names),
      ...capBody(request.body?.text),
    },
    response: { headers: response.headers, ...capBody(response.body) },
  };
}

function recordCalls(plan: Plan): LoggedCall[] {
  const target = prepareTarget(plan, Date.parse('2026-01-01T00:00:00Z'));
  const calls: LoggedCall[] = [];
  for (let i = 0; calls.length < CALLS; i++) {
    const op = plan.operations[i % plan.operations.length];
    const request = wellFormedRequest(plan, op);
    const outcome = mock(target, request);
    if (!outcome.ok) continue;
    calls.push(logged(plan, request, outcome.response));
  }
  return calls;
}

/** The fastest of `runs` timings of `measure`, each on a fresh `setup()` (not timed). */
function best<T>(runs: number, setup: () => T, measure: (input: T) => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const input = setup();
    const start = performance.now();
    measure(input);
    min = Math.min(min, performance.now() - start);
  }
  return Math.round(min);
}

const from = await load('ghes-3.17.json');
const to = await load('api.github.com.json');
const calls = recordCalls(JSON.parse(from.json) as Plan);
const fresh = () => [JSON.parse(from.json) as Plan, JSON.parse(to.json) as Plan];

// Every run on freshly parsed plans, as publish and the route see them: nothing memoized from a
// previous run (validators compile lazily per schema object, so replay pays for them each time).
let changes = 0;
let traffic: ReturnType<typeof replayCalls> | undefined;
const parseMs = best(
  3,
  () => from.json,
  (json) => void JSON.parse(json),
);
const diffMs = best(3, fresh, ([a, b]) => void (changes = diffPlans(a, b).length));
const replayMs = best(
  3,
  () => {
    const [a, b] = fresh();
    return { a, b, found: diffPlans(a, b) };
  },
  ({ a, b, found }) => void (traffic = replayCalls(a, b, found, calls)),
);

process.stdout.write(
  `${JSON.stringify({
    pair: 'ghes-3.17 → api.github.com (@octokit/openapi)',
    planBytes: { from: from.json.length, to: to.json.length },
    operations: { from: from.plan.operations.length, to: to.plan.operations.length },
    changes,
    calls: calls.length,
    previousPlanParseMs: parseMs,
    diffMs,
    replayMs,
    traffic,
  })}\n`,
);
