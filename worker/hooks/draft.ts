import type { MockTarget } from '../mock/call';
import type { HookPlan, JsonValue } from '../mock/plan';
import { MAX_PAYLOAD_BYTES, type DeliveryDraft } from './delivery';
import { hookRequest, type HookRequest } from './payload';
import { checkTarget, type TargetPolicy } from './target-policy';

export interface DraftOptions {
  version: string;
  on: string;
  sandboxId?: string;
  url: string;
  seed: string;
  values?: JsonValue;
  policy: TargetPolicy;
  /** The request to send as it is (a payload the caller gave), instead of one made from the spec. */
  request?: HookRequest;
  /** Already known not to be sendable (an unresolved callback URL, a used-up quota). */
  refused?: string;
}

/**
 * A delivery of `hook` to `url`, ready to store: its request made from the description (or given),
 * and refused, with the reason, when the target is not allowed or the payload cannot be made.
 */
export function draftFor(target: MockTarget, hook: HookPlan, o: DraftOptions): DeliveryDraft {
  const base = {
    kind: hook.kind,
    name: hook.name,
    url: o.url,
    version: o.version,
    on: o.on,
    ...(o.sandboxId ? { sandboxId: o.sandboxId } : {}),
  };
  const empty: HookRequest = { method: hook.operation.method.toUpperCase(), headers: {}, body: null };
  if (o.refused) return { ...base, request: empty, refused: o.refused };
  const allowed = checkTarget(o.url, o.policy);
  if (!allowed.ok) return { ...base, request: empty, refused: allowed.reason };
  const made = o.request
    ? { ok: true as const, request: o.request }
    : hookRequest(target, hook, { seed: o.seed, ...(o.values !== undefined ? { values: o.values } : {}) });
  if (!made.ok) return { ...base, request: empty, refused: `the payload cannot be made: ${made.reason}` };
  if ((made.request.body?.length ?? 0) > MAX_PAYLOAD_BYTES)
    return { ...base, request: empty, refused: `the payload is larger than ${MAX_PAYLOAD_BYTES} bytes` };
  return { ...base, url: allowed.url.href, request: made.request };
}
