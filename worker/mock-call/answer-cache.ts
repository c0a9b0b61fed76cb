import type { MockOutcome, MockRequest, MockTarget } from '../mock/call';
import type { OperationPlan, Plan } from '../mock/plan';

/**
 * Rendered answers of stateless calls, per isolate. The engine is deterministic: the same version,
 * method, URL the paths are relative to, path, query and the headers it reads (Accept, Prefer,
 * credentials, cookies, the operation's header parameters) give the same bytes, so GitHub's 24 KB
 * repository body (730 µs to generate) is generated once. Only calls without a body (reflection
 * reads it), without behaviour settings and outside sandboxes come here (run-mock.ts), and only
 * successful answers are kept. Bounded by bytes, least recently used first out.
 */

const MAX_BYTES = 16 * 1024 * 1024;
/** An answer larger than this is not kept: it would push out hundreds of others. */
const MAX_ENTRY_BYTES = 1024 * 1024;

interface Entry {
  outcome: Extract<MockOutcome, { ok: true }>;
  bytes: number;
}

const byTarget = new WeakMap<MockTarget, Map<string, Entry>>();
/** Insertion order is recency order across every version (a hit is re-inserted). */
const lru = new Map<string, { target: MockTarget }>();
let total = 0;
let keySeq = 0;
const targetIds = new WeakMap<MockTarget, number>();
const stats = { hits: 0, misses: 0 };

/** Hits and misses since the isolate started (the bench reports them). */
export function answerCacheStats(): { hits: number; misses: number; bytes: number } {
  return { ...stats, bytes: total };
}

/** The cached answer for `request`, or the engine's (`run`), kept when it can be. */
export function cachedAnswer(
  target: MockTarget,
  request: MockRequest,
  operation: OperationPlan,
  run: () => MockOutcome,
): MockOutcome {
  const key = keyOf(target, request, operation);
  let entries = byTarget.get(target);
  const hit = entries?.get(key);
  if (hit) {
    stats.hits++;
    lru.delete(key);
    lru.set(key, { target });
    // The answer's headers are shared: the one caller (answer.ts) copies them before adding its own
    // (CORS, RateLimit). The call is this one.
    return { ...hit.outcome, call: { ...hit.outcome.call, request } };
  }
  stats.misses++;
  const outcome = run();
  if (!outcome.ok) return outcome;
  const bytes = 2 * (key.length + (outcome.response.body?.length ?? 0)) + 256;
  if (bytes > MAX_ENTRY_BYTES) return outcome;
  if (!entries) byTarget.set(target, (entries = new Map()));
  const { response } = outcome;
  entries.set(key, {
    outcome: { ...outcome, response: { ...response, headers: { ...response.headers } } },
    bytes,
  });
  lru.set(key, { target });
  total += bytes;
  while (total > MAX_BYTES) evictOldest();
  return outcome;
}

function evictOldest(): void {
  const oldest = lru.keys().next();
  if (oldest.done) {
    total = 0;
    return;
  }
  const { target } = lru.get(oldest.value)!;
  lru.delete(oldest.value);
  const entries = byTarget.get(target);
  const entry = entries?.get(oldest.value);
  if (entry) {
    total -= entry.bytes;
    entries!.delete(oldest.value);
  }
}

function keyOf(target: MockTarget, request: MockRequest, operation: OperationPlan): string {
  let id = targetIds.get(target);
  if (id === undefined) targetIds.set(target, (id = ++keySeq));
  const headers = readHeaders(target.plan, operation)
    .map((name) => request.headers[name] ?? '')
    .join('\u0001');
  const query = request.query.map(([k, v]) => `${k}=${v}`).join('&');
  return `${id}\u0000${request.method}\u0000${request.baseUrl ?? ''}\u0000${request.path}\u0000${query}\u0000${headers}`;
}

const readNames = new WeakMap<OperationPlan, string[]>();

/** The request headers the engine reads for `operation`: its parameters, credentials, negotiation. */
function readHeaders(plan: Plan, operation: OperationPlan): string[] {
  let names = readNames.get(operation);
  if (names) return names;
  const set = new Set(['accept', 'prefer', 'authorization', 'cookie', 'content-type']);
  for (const p of operation.parameters) if (p.in === 'header') set.add(p.name.toLowerCase());
  for (const scheme of Object.values(plan.securitySchemes))
    if (scheme.in === 'header' && scheme.name) set.add(scheme.name.toLowerCase());
  names = [...set].sort();
  readNames.set(operation, names);
  return names;
}
