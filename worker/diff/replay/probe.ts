import { coerce } from '../../mock/coerce';
import { decodeBody } from '../../mock/decode-body';
import { declaredQueryNames, readQueryParam, readSimple } from '../../mock/deserialize-params';
import type { MediaPlan, OperationPlan, Plan, Schema } from '../../mock/plan';
import { satisfies } from '../../mock/validate-schema';
import type { ParamLocation } from '../change';
import type { ReplayRequest } from './logged-request';

/**
 * The values of a logged request a change's test runs on: a parameter read and coerced exactly as
 * the validator reads it (with `to`'s definition of the parameter), or the body (JSON, or form fields
 * coerced by the body schema); then every value at a place (`*` for any item or member).
 */

export function parameterValue(
  plan: Plan,
  operation: OperationPlan,
  where: ParamLocation,
  name: string,
  call: ReplayRequest,
  pathParams: Record<string, string>,
): unknown {
  const param = operation.parameters.find(
    (p) =>
      p.in === where && (where === 'header' ? p.name.toLowerCase() === name.toLowerCase() : p.name === name),
  );
  if (!param) return undefined;
  const raw =
    where === 'query'
      ? readQueryParam(param, call.query, plan.defs, declaredQueryNames(operation))
      : where === 'path'
        ? readSimple(param, pathParams[param.name] || undefined, plan.defs)
        : where === 'header'
          ? readSimple(param, call.headers[param.name.toLowerCase()], plan.defs)
          : readSimple(param, call.cookies[param.name], plan.defs);
  return raw === undefined ? undefined : coerce(raw, param.schema, plan.defs);
}

/** The logged body as the validator reads it (the engine's own decoding: JSON, bracket-notation forms). */
export function bodyValue(call: ReplayRequest, media: MediaPlan | undefined, defs: Plan['defs']): unknown {
  const body = call.body;
  if (!body || call.truncated) return undefined;
  const decoded = decodeBody(media ?? { examples: [] }, body, defs);
  return decoded.ok === true ? decoded.value : decoded.ok === 'opaque' ? body.text : undefined;
}

/** Every value found at `at` below `root`: `*` descends into each item or member. */
export function valuesAt(root: unknown, at: readonly string[]): unknown[] {
  let level: unknown[] = root === undefined ? [] : [root];
  for (const token of at) {
    const next: unknown[] = [];
    for (const v of level) {
      if (v === null || typeof v !== 'object') continue;
      if (token === '*') next.push(...Object.values(v as object));
      else if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, token))
        next.push((v as Record<string, unknown>)[token]);
    }
    level = next;
  }
  return level;
}

/** True when some value at the place violates the change's test. */
export function violates(test: Schema, values: unknown[], defs: Plan['defs']): boolean {
  return values.some((v) => !satisfies(test, defs, v, 'request'));
}
