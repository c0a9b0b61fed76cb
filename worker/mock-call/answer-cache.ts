import type { MockOutcome, MockRequest, MockTarget } from '../mock/call';
import type { OperationPlan, Plan } from '../mock/plan';
import { pairsKey } from '../util/pairs-key';
import { headerOf } from './mock-request';
import { keyedAt } from '../mock/fragment-path';

/**
 * Rendered answers of stateless calls, per isolate. The engine is deterministic: the same version,
 * method, URL the paths are relative to, path, query and the headers it reads (Accept, Prefer,
 * credentials, cookies, the operation's header parameters: `readHeaders`) give the same bytes, so GitHub's 24 KB
 * repository body (730 µs to generate) is generated once. Only calls without a body (reflection
 * reads it), without behaviour settings and outside sandboxes come here (run-mock.ts), and only
 * successful answers are kept. Bounded by bytes; the oldest entry not used since it was last
 * passed over goes first (second chance: a hit only sets a flag, it moves nothing).
 */

const MAX_BYTES = 16 * 1024 * 1024;
/** An answer larger than this is not kept: it would push out hundreds of others. */
const MAX_ENTRY_BYTES = 1024 * 1024;

type Answer = Extract<MockOutcome, { ok: true }>;

interface Entry {
  outcome: Answer;
  bytes: number;
  used: boolean;
}

/** Every version's entries, keyed with the version's number (`versionOf`), oldest first. */
const entries = new Map<string, Entry>();
let total = 0;
const stats = { hits: 0, misses: 0 };

/** Hits and misses since the isolate started (the bench reports them). */
export function answerCacheStats(): { hits: number; misses: number; bytes: number } {
  return { ...stats, bytes: total };
}

/**
 * What the cache knows of one version: its number in the keys, and the operation each method and
 * path was routed to when its answer was kept, so a repeated call finds its answer without being
 * routed again (routing is deterministic).
 */
interface Version {
  id: number;
  routed: Map<string, OperationPlan>;
}

const versions = new WeakMap<MockTarget, Version>();
let versionSeq = 0;
const MAX_ROUTED = 10_000;

function versionOf(target: MockTarget): Version {
  let version = versions.get(target);
  if (!version) versions.set(target, (version = { id: ++versionSeq, routed: new Map() }));
  return version;
}

/** The kept answer of a call whose method and path were answered before, found without routing. */
export function recalledAnswer(
  target: MockTarget,
  request: MockRequest,
): { outcome: MockOutcome; operation: OperationPlan } | undefined {
  const operation = versionOf(target).routed.get(routeKey(request));
  if (!operation) return undefined;
  const entry = entries.get(keyOf(target, request, operation));
  return entry && { outcome: hit(entry, request), operation };
}

/** The cached answer for `request`, or the engine's (`run`), kept when it can be. */
export function cachedAnswer(
  target: MockTarget,
  request: MockRequest,
  operation: OperationPlan,
  run: () => MockOutcome,
): MockOutcome {
  const key = keyOf(target, request, operation);
  const kept = entries.get(key);
  if (kept) return hit(kept, request);
  stats.misses++;
  const outcome = run();
  if (!outcome.ok) return outcome;
  const bytes = 2 * (key.length + (outcome.response.body?.length ?? 0)) + 256;
  if (bytes > MAX_ENTRY_BYTES) return outcome;
  const { response } = outcome;
  entries.set(key, {
    outcome: { ...outcome, response: { ...response, headers: { ...response.headers } } },
    bytes,
    used: false,
  });
  total += bytes;
  while (total > MAX_BYTES) evictOne();
  remember(target, request, operation);
  return outcome;
}

/**
 * The answer's headers are shared: the one caller (answer.ts) copies them before adding its own
 * (CORS, RateLimit). The call is this one.
 */
function hit(entry: Entry, request: MockRequest): MockOutcome {
  stats.hits++;
  entry.used = true;
  const { outcome } = entry;
  return { ...outcome, call: { ...outcome.call, request } };
}

function remember(target: MockTarget, request: MockRequest, operation: OperationPlan): void {
  // A path key with a fragment or query (`/#X-Amz-Target=…`) is chosen by a header or the query
  // too (fragment-path.ts): the method and path alone do not name its operation.
  if (keyedAt(operation.path) >= 0) return;
  const { routed } = versionOf(target);
  if (routed.size >= MAX_ROUTED) routed.clear();
  routed.set(routeKey(request), operation);
}

/** Evicts the oldest unused entry; a used one is moved to the end once, its flag cleared. */
function evictOne(): void {
  for (const [key, entry] of entries) {
    entries.delete(key);
    if (entry.used) {
      entry.used = false;
      entries.set(key, entry);
      continue;
    }
    total -= entry.bytes;
    return;
  }
  total = 0;
}

function routeKey(request: MockRequest): string {
  return `${request.method} ${request.path}`;
}

function keyOf(target: MockTarget, request: MockRequest, operation: OperationPlan): string {
  let key = `${versionOf(target).id}\u0000${request.method}\u0000${request.baseUrl ?? ''}\u0000${request.path}\u0000`;
  key += `${pairsKey(request.query)}\u0000`;
  for (const name of readHeaders(target.plan, operation)) key += `${headerOf(request, name) ?? ''}\u0001`;
  return key;
}

const readNames = new WeakMap<OperationPlan, string[]>();

/**
 * The request headers the engine reads for a body-less call of `operation` (the only calls kept):
 * Accept and Prefer always; Authorization and the credential headers only where the operation
 * names security (the check and `sentAsAuthorization` ask for them only then); Cookie only where a
 * cookie parameter or credential is declared; the operation's header parameters. Every other
 * header leaves the answer alone, and each one read costs the runtime a crossing per call.
 */
function readHeaders(plan: Plan, operation: OperationPlan): string[] {
  let names = readNames.get(operation);
  if (names) return names;
  const set = new Set(['accept', 'prefer']);
  for (const p of operation.parameters) {
    if (p.in === 'header') set.add(p.name.toLowerCase());
    if (p.in === 'cookie') set.add('cookie');
  }
  for (const requirement of operation.security)
    for (const name of requirement) {
      set.add('authorization');
      const scheme = plan.securitySchemes[name];
      if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name)
        set.add(scheme.name.toLowerCase());
      if (scheme?.type === 'apiKey' && scheme.in === 'cookie') set.add('cookie');
    }
  names = [...set].sort();
  readNames.set(operation, names);
  return names;
}
