import type { Behaviour } from './settings';

/** What the settings do to one call (a call they change is "steered": the header and the log say how). */
export interface BehaviourDecision {
  latencyMs: number;
  /** An injected error status, drawn at the settings' rate. */
  error?: number;
  /** A forced response of the operation. */
  status?: number;
  example?: string;
}

/** The parts of a request that decide its draw: same request and seed, same outcome. */
export interface CallIdentity {
  method: string;
  path: string;
  /** Without `__token`; in received order (sorted here). */
  query: [string, string][];
  body?: string;
}

/**
 * Decides latency and failure for one call, deterministically: a hash of the settings' seed and the
 * request (never Math.random), so a CI run sees the same failures on every run. `ownPreference` is
 * set when the request names its own status or example (Prefer / `__code`): the caller's ask wins
 * over injected errors and forced responses; latency still applies.
 */
export function decide(
  behaviour: Behaviour | undefined,
  operationKey: string | undefined,
  call: CallIdentity,
  ownPreference: boolean,
): BehaviourDecision {
  if (!behaviour) return { latencyMs: 0 };
  const op = operationKey ? behaviour.operations?.[operationKey] : undefined;
  const latency = op?.latency ?? behaviour.latency;
  const errors = op?.errors ?? behaviour.errors;
  const identity = identityOf(call);
  const seed = behaviour.seed ?? '';
  const out: BehaviourDecision = { latencyMs: 0 };
  if (latency && latency.maxMs > 0) {
    const span = latency.maxMs - latency.minMs + 1;
    out.latencyMs =
      latency.minMs + Math.min(span - 1, Math.floor(unit(`${seed}\u0000latency\u0000${identity}`) * span));
  }
  if (ownPreference) return out;
  if (op?.status !== undefined || op?.example !== undefined) {
    if (op.status !== undefined) out.status = op.status;
    if (op.example !== undefined) out.example = op.example;
    return out;
  }
  if (errors && errors.rate > 0 && unit(`${seed}\u0000error\u0000${identity}`) < errors.rate)
    out.error = errors.status;
  return out;
}

/** `latency=120ms; error=503`: what the steered-response header says; null when nothing applied. */
export function steeredLabel(s: BehaviourDecision): string | null {
  const parts: string[] = [];
  if (s.latencyMs > 0) parts.push(`latency=${s.latencyMs}ms`);
  if (s.error !== undefined) parts.push(`error=${s.error}`);
  if (s.status !== undefined) parts.push(`status=${s.status}`);
  if (s.example !== undefined)
    parts.push(`example=${JSON.stringify(s.example).replace(/[^\x20-\x7e]/g, '?')}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** The status the response is steered to, if any (a forced status wins over an injected error). */
export function decidedStatus(s: BehaviourDecision): number | undefined {
  return s.status ?? s.error;
}

function identityOf(call: CallIdentity): string {
  const query = call.query
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
  const verb = call.method.toUpperCase() === 'HEAD' ? 'GET' : call.method.toUpperCase();
  return `${verb}\u0000${call.path}\u0000${query}\u0000${call.body ?? ''}`;
}

/** A uniform draw in [0, 1) from a string: cyrb53, a fast 53-bit hash with good avalanche. */
export function unit(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)) / 2 ** 53;
}
