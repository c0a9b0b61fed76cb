import type { OperationPlan, Plan } from './plan';
import { coerce } from './coerce';
import { satisfies } from './validate-schema';

/**
 * Whether path values fit an operation's path parameters, read and judged as request validation
 * reads them (coerce, then the parameter's schema). Asked only between two templates of one shape
 * (jellyfin's `/MusicGenres/{id}/InstantMix`, a uuid, and `/MusicGenres/{name}/InstantMix`): the
 * first that fits answers, where the first declared took every call and refused the names.
 */
export function pathParamFit(op: OperationPlan, plan: Plan): (params: Record<string, string>) => boolean {
  const path = op.parameters.filter((p) => p.in === 'path');
  return (params) =>
    path.every(
      (p) =>
        params[p.name] === undefined ||
        satisfies(p.schema, plan.defs, coerce(params[p.name], p.schema, plan.defs), 'request'),
    );
}
