import type { JsonValue, Schema } from '../plan';
import type { Ctx } from '../generate/context';
import { checkOpts, matches } from '../generate/check';

/**
 * An error body's message that is the reason phrase of another status says this one's: box.com.json
 * gives every error the example message "Method Not Allowed", which a 404 repeated beside its own
 * `"code": "not_found"`. Only a message that is exactly a phrase of this table changes.
 */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const PHRASES = new Set(Object.values(REASONS).map((p) => p.toLowerCase()));
const MESSAGE = /^(message|error|title|detail|reason|statustext|errormessage|description)$/;

export function mirrorReason(
  out: Record<string, JsonValue>,
  schemaOf: (name: string) => Schema | undefined,
  ctx: Ctx,
): void {
  const status = ctx.realism.status;
  const own = status === undefined ? undefined : REASONS[status];
  if (own === undefined) return;
  for (const [name, v] of Object.entries(out)) {
    if (typeof v !== 'string' || v === own || !PHRASES.has(v.toLowerCase())) continue;
    if (!MESSAGE.test(name.toLowerCase().replace(/[^a-z]/g, ''))) continue;
    const s = schemaOf(name);
    if (s !== undefined && matches(s, own, checkOpts(ctx))) out[name] = own;
  }
}
