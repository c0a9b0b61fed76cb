import type { ProblemDetailEntry } from '../http/problem';
import { generate } from '../mock/generate/index';
import type { Plan } from '../mock/plan';
import { escapeToken } from './json-pointer';

const MAX_REPORTED = 20;

/**
 * Generates every response body once, at publish time, so that a schema no value can satisfy
 * (minimum above maximum, `minItems: 1e9`, `not: {}`) is refused with its pointer now, instead of
 * failing on some later mock call. Identical schemas (most are a bare `$ref`) are tried once.
 */
export function checkGeneration(plan: Plan): ProblemDetailEntry[] {
  const errors: ProblemDetailEntry[] = [];
  const tried = new Map<string, { pointer: string; reason: string } | null>();
  for (const op of plan.operations) {
    for (const response of op.responses) {
      for (const [type, media] of Object.entries(response.content)) {
        if (media.schema === undefined) continue;
        const key = JSON.stringify(media.schema);
        let failure = key.length < 500 ? tried.get(key) : undefined;
        if (failure === undefined) {
          const result = generate(media.schema, {
            seed: 'publish-check',
            defs: plan.defs,
            refDate: 0,
            direction: 'response',
          });
          failure = result.ok ? null : { pointer: result.pointer, reason: result.reason };
          if (key.length < 500) tried.set(key, failure);
        }
        if (failure === null) continue;
        errors.push({
          pointer: `/paths/${escapeToken(op.path)}/${op.method}/responses/${escapeToken(response.status.toLowerCase())}/content/${escapeToken(type)}/schema`,
          message: `no value satisfies this schema${failure.pointer ? ` (at ${failure.pointer})` : ''}: ${failure.reason}`,
        });
        if (errors.length >= MAX_REPORTED) return errors;
      }
    }
  }
  return errors;
}
