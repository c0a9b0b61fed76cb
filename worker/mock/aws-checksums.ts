import { isPlain } from './realism/reflect';
import { createHash } from 'node:crypto';
import type { JsonValue } from './plan';

/**
 * SQS's SDKs check the MD5 of every message body against the one the answer states ("Invalid MD5
 * checksum on messages"): `SendMessage`'s `MD5OfMessageBody` against the body sent, each
 * `SendMessageBatch` entry's against the entry of its `Id`, each received message's `MD5OfBody`
 * against its `Body`. A generated digest never matches, so the stated ones are computed. node:crypto
 * (nodejs_compat in workerd) hashes synchronously, as the engine runs.
 */
export function withBodyDigests(value: JsonValue, sent: JsonValue | undefined): JsonValue {
  if (!isPlain(value)) return value;
  const bodies = sentBodies(sent);
  return digested(value, bodies, 0);
}

interface SentBodies {
  /** `SendMessage`'s `MessageBody`. */
  single?: string;
  /** `SendMessageBatch`'s entries' bodies by their `Id`. */
  byId: Map<string, string>;
}

function sentBodies(sent: JsonValue | undefined): SentBodies {
  const out: SentBodies = { byId: new Map() };
  if (!isPlain(sent)) return out;
  if (typeof sent.MessageBody === 'string') out.single = sent.MessageBody;
  if (Array.isArray(sent.Entries))
    for (const entry of sent.Entries)
      if (isPlain(entry) && typeof entry.Id === 'string' && typeof entry.MessageBody === 'string')
        out.byId.set(entry.Id, entry.MessageBody);
  return out;
}

const MAX_DEPTH = 8;

function digested(value: JsonValue, bodies: SentBodies, depth: number): JsonValue {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => digested(item, bodies, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let out: Record<string, JsonValue> | undefined;
  const set = (key: string, next: JsonValue) => {
    if (next !== value[key]) (out ??= { ...value })[key] = next;
  };
  if ('MD5OfBody' in value && typeof value.Body === 'string') set('MD5OfBody', md5(value.Body));
  if ('MD5OfMessageBody' in value) {
    const body =
      typeof value.Id === 'string' ? bodies.byId.get(value.Id) : depth === 0 ? bodies.single : undefined;
    if (body !== undefined) set('MD5OfMessageBody', md5(body));
  }
  for (const [key, member] of Object.entries(value))
    if (member !== null && typeof member === 'object') set(key, digested(member, bodies, depth + 1));
  return out ?? value;
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
