import type { JsonValue, Schema } from './plan';
import { isObj } from './schema-refs';
import { memberSchema, viewOf, type SchemaView } from './schema-view';
import { satisfies } from './validate-schema';
import { flatFor } from './generate/merge';

/**
 * An error body's kind agrees with its status. SDKs pick their error class from a kind member
 * (Stripe: `error.type: invalid_request_error` is `StripeInvalidRequestError`, `api_error` a server
 * fault), so a generated 404 that says `card_error` hands the user's code the wrong class. Where a
 * kind-like member (`type`, `code`, `kind`, …, at the top or one or two objects down) is a string
 * enum, the value that names the status best is chosen; the body must still satisfy its schema, and
 * an enum with no value that names the status keeps what was generated.
 */

const KIND_KEYS = [
  'type',
  'code',
  'kind',
  'error_type',
  'errorType',
  'error_code',
  'errorCode',
  'category',
  'error',
  'reason',
  'status',
];
const CONTAINER_KEYS = ['error', 'errors', 'err', 'fault', 'problem'];
const MAX_LEVELS = 2;

const CLIENT = ['invalid_request', 'bad_request', 'invalid', 'client', 'request'];
/** Words an enum value uses for a status, best first. */
const WORDS: Record<number, string[]> = {
  400: ['bad_request', 'invalid_request', 'validation', 'invalid', 'request'],
  401: ['unauthori', 'unauthenticated', 'authentication', 'invalid_auth', 'not_authed', 'auth', 'security'],
  402: ['payment_required', 'card', 'payment', 'request_failed'],
  403: ['forbidden', 'permission', 'access_denied', 'not_allowed', 'authorization', 'security'],
  404: ['not_found', 'notfound', 'missing', 'unknown', 'no_such', ...CLIENT],
  405: ['method_not_allowed', 'method', ...CLIENT],
  406: ['not_acceptable', 'acceptable', ...CLIENT],
  409: ['conflict', 'already_exists', 'exists', 'duplicate', 'idempotency', ...CLIENT],
  413: ['too_large', 'size', ...CLIENT],
  415: ['unsupported_media', 'media_type', 'content_type', ...CLIENT],
  422: ['unprocessable', 'validation', 'invalid_request', 'invalid', 'request'],
  429: ['rate_limit', 'ratelimit', 'too_many', 'throttl', 'quota'],
};
const SERVER = ['internal', 'server_error', 'api_error', 'server', 'unavailable', 'service', 'system', 'api'];

function wordsFor(status: number): string[] {
  return WORDS[status] ?? (status >= 500 ? SERVER : status >= 400 ? CLIENT : []);
}

/** The enum value whose name carries the status's best word, or undefined when none does. */
export function kindFor(values: readonly JsonValue[], status: number): string | undefined {
  const words = wordsFor(status);
  let best: { value: string; rank: number } | undefined;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const name = value.toLowerCase().replace(/[-\s.]/g, '_');
    const rank = words.findIndex((w) => name.includes(w));
    if (rank >= 0 && (!best || rank < best.rank)) best = { value, rank };
  }
  return best?.value;
}

export function withStatusKind(
  value: JsonValue,
  schema: Schema,
  defs: Record<string, Schema>,
  status: number,
): JsonValue {
  if (status < 400 || !isRecord(value)) return value;
  const copy = structuredClone(value);
  let changed = false;
  let level: { holder: Record<string, JsonValue>; view: SchemaView | undefined }[] = [
    { holder: copy, view: viewOf(schema, defs) },
  ];
  for (let depth = 0; depth <= MAX_LEVELS && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { holder, view } of level) {
      for (const key of KIND_KEYS) {
        if (typeof holder[key] !== 'string') continue;
        const choices = enumOf(memberSchema(view, key), defs);
        const want = choices === undefined ? undefined : kindFor(choices, status);
        if (want === undefined || want === holder[key]) continue;
        holder[key] = want;
        changed = true;
      }
      for (const key of CONTAINER_KEYS) {
        const child = holder[key];
        const childView = viewOf(memberSchema(view, key), defs);
        if (isRecord(child)) next.push({ holder: child, view: childView });
        else if (Array.isArray(child))
          for (const item of child.filter(isRecord))
            next.push({ holder: item, view: viewOf(childView?.items, defs) });
      }
    }
    level = next;
  }
  if (!changed) return value;
  return satisfies(schema, defs, copy) ? copy : value;
}

/**
 * A member's enum, as the generator merges it: also behind the `allOf` a `$ref` with a description
 * is wrapped in (ShipEngine's `error_type: {allOf: [{$ref: …/error_type}]}`).
 */
function enumOf(member: Schema | undefined, defs: Record<string, Schema>): readonly JsonValue[] | undefined {
  return member === undefined ? undefined : flatFor(member, null, defs).enum;
}

function isRecord(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return isObj(value) && !Array.isArray(value);
}
