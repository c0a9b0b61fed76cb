import { prepareTarget, type MockTarget } from '../mock/mock';
import { RefreshingMemo } from '../util/refreshing-memo';
import { readMirror, readPlan, type ApiMirror } from './specs';

/**
 * Per-isolate memo of compiled mock targets. Versions are immutable and keyed by content hash, so
 * an entry never goes stale; entries are evicted least-recently-used by approximate plan size to
 * stay well inside an isolate's 128 MB.
 */
const TARGET_BUDGET_BYTES = 48 * 1024 * 1024;
const targets = new Map<string, { target: MockTarget; bytes: number }>();
let targetBytes = 0;

/** A memoized target is returned at once, without a promise: the mock path's common case. */
export function loadTarget(
  kv: KVNamespace,
  api: string,
  version: string,
  hash: string,
  createdAt: string,
): MockTarget | null | Promise<MockTarget | null> {
  const key = `${api}\u0000${version}\u0000${hash}`;
  const hit = targets.get(key);
  if (hit) {
    targets.delete(key);
    targets.set(key, hit);
    return hit.target;
  }
  return readTarget(kv, key, api, version, hash, createdAt);
}

async function readTarget(
  kv: KVNamespace,
  key: string,
  api: string,
  version: string,
  hash: string,
  createdAt: string,
): Promise<MockTarget | null> {
  const stored = await readPlan(kv, api, version, hash);
  if (!stored) return null;
  const { plan, bytes } = stored;
  const target = prepareTarget(plan, Date.parse(createdAt));
  targets.set(key, { target, bytes });
  targetBytes += bytes;
  for (const [k, v] of targets) {
    if (targetBytes <= TARGET_BUDGET_BYTES || targets.size <= 1) break;
    targets.delete(k);
    targetBytes -= v.bytes;
  }
  return target;
}

/**
 * The mirror is mutable (publish and delete change it), so it is memoized only briefly; KV's own
 * edge cache (cacheTtl) bounds staleness across isolates. Absence is never memoized: a publish right
 * after a 404 must be visible at once.
 */
const MIRROR_MEMO_MS = 2_000;
/** How long calls keep the old mirror while one request of this isolate reads the new one. */
const REFRESH_GRACE_MS = 1_000;
const mirrors = new RefreshingMemo<ApiMirror | null>(MIRROR_MEMO_MS, REFRESH_GRACE_MS, (m) => m !== null);

/** A memoized mirror is returned at once, without a promise (see RefreshingMemo). */
export function loadMirror(
  kv: KVNamespace,
  api: string,
  now: number,
): ApiMirror | null | Promise<ApiMirror | null> {
  return mirrors.read(api, now, () => readMirror(kv, api));
}

/** Keeps an answer of the registry itself for as briefly as a mirror read from KV. */
export function rememberMirror(mirror: ApiMirror, now: number): void {
  mirrors.remember(mirror.api, mirror, now);
}

/** Called by publish and delete so this isolate sees its own writes immediately. */
export function forgetMirror(api: string): void {
  mirrors.forget(api);
}
