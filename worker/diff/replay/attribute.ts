import type { ProblemDetailEntry } from '../../http/problem';
import type { OperationPlan, Plan } from '../../mock/plan';
import type { Found } from '../change';
import { matchContentType } from '../../mock/negotiate';
import type { Verdict } from './check-call';
import type { ReplayRequest } from './logged-request';
import { bodyValue, parameterValue, valuesAt, violates } from './probe';

type Refusal = Extract<Verdict, { ok: false }>;

/**
 * The changes of the call's operation that make `to` refuse it. Each change says how to recognise
 * its calls (change.ts, `Hit`): a removed route explains a 404/405, added security a 401, a removed
 * media type or body a 415, and a schema change a 422 when the call's value violates the change's
 * own test (a removed enum value: the call sent it; a new required member: the call lacked it).
 */
export function attribute(to: Plan, candidates: Found[], refusal: Refusal, call: ReplayRequest): Found[] {
  return candidates.filter((f) => explains(to, f, refusal, call));
}

function explains(to: Plan, f: Found, refusal: Refusal, call: ReplayRequest): boolean {
  const hit = f.hit;
  switch (hit.kind) {
    case 'route':
      return refusal.status === 404 || refusal.status === 405;
    case 'security':
      return refusal.status === 401;
    case 'media':
      return (
        refusal.status === 415 &&
        call.body !== undefined &&
        matchContentType(hit.types, call.body.contentType) !== undefined
      );
    case 'body':
      return hit.when === 'present'
        ? refusal.status === 415 && call.body !== undefined
        : refusal.status === 422 && call.body === undefined && refusal.errors.some((e) => at(e, ['body']));
    case 'param':
      return refusal.status === 422 && refusal.errors.some((e) => at(e, [hit.in, hit.name]));
    case 'value':
      return (
        refusal.status === 422 && refusal.operation !== undefined && valueExplains(to, refusal, hit, call)
      );
    default:
      return false;
  }
}

function valueExplains(
  to: Plan,
  refusal: Refusal,
  hit: Extract<Found['hit'], { kind: 'value' }>,
  call: ReplayRequest,
): boolean {
  const op = refusal.operation as OperationPlan;
  const place = hit.in === 'body' ? ['body'] : [hit.in, hit.name ?? ''];
  if (!refusal.errors.some((e) => at(e, place))) return false;
  if (hit.in === 'body' && hit.media !== undefined && call.body !== undefined) {
    const served = matchContentType(Object.keys(op.requestBody?.content ?? {}), call.body.contentType);
    if (served !== hit.media) return false;
  }
  // Without a test (an alternative removed, a serialization change) the place of the error decides.
  if (hit.test === undefined) return refusal.errors.some((e) => within(e, [...place, ...hit.at]));
  const value =
    hit.in === 'body'
      ? bodyValue(call, mediaOf(op, hit.media, call), to.defs)
      : parameterValue(to, op, hit.in, hit.name ?? '', call, refusal.pathParams ?? {});
  return violates(hit.test, valuesAt(value, hit.at), to.defs);
}

function mediaOf(op: OperationPlan, media: string | undefined, call: ReplayRequest) {
  const content = op.requestBody?.content ?? {};
  const type =
    media ?? (call.body ? matchContentType(Object.keys(content), call.body.contentType) : undefined);
  return type === undefined ? undefined : content[type];
}

/** The error is at this place or below it (header names ignore case). */
function at(error: ProblemDetailEntry, place: string[]): boolean {
  const loc = error.location ?? [];
  return place.every((token, i) =>
    loc[0] === 'header' && i === 1 ? loc[i]?.toLowerCase() === token.toLowerCase() : loc[i] === token,
  );
}

/** The error is at the place or below it (`*` matches any item or member). */
function within(error: ProblemDetailEntry, place: string[]): boolean {
  const loc = error.location ?? [];
  if (loc.length < place.length) return false;
  return place.every((token, i) => token === '*' || token === loc[i]);
}
