import type { ProblemDetailEntry } from '../http/problem';
import { generate } from '../mock/generate/index';
import type { MediaPlan, Plan, PlanWarning } from '../mock/plan';
import { lenientReason } from '../mock/lenient-reason';
import { escapeToken } from './json-pointer';

const MAX_REFUSED = 20;
/** Only these are hostile (a body of gigabytes asked for): everything else is a spec defect. */
const HOSTILE = /generator limit|output size limit/;

export interface GenerationCheck {
  /** Size-cap schemas (`minItems: 1e9`): the upload is refused with these. */
  hostile: ProblemDetailEntry[];
  warnings: PlanWarning[];
}

/**
 * Generates every response body once, at publish time, under the strict reading. A schema no value
 * satisfies is a spec defect, not a reason to refuse the upload: it is tried again with the author's
 * evident intent (the generator's lenient mode), and the media is marked so the mock does the same
 * and says so in `x-specmock-lenient`. Only bodies past the size caps refuse the document.
 * Identical schemas (most are a bare `$ref`) are tried once.
 */
export function checkGeneration(plan: Plan): GenerationCheck {
  const hostile: ProblemDetailEntry[] = [];
  const warnings: PlanWarning[] = [];
  const tried = new Map<string, Outcome>();
  for (const op of plan.operations) {
    for (const response of op.responses) {
      for (const [type, media] of Object.entries(response.content)) {
        if (media.schema === undefined) continue;
        const key = JSON.stringify(media.schema);
        let outcome = key.length < 500 ? tried.get(key) : undefined;
        if (outcome === undefined) {
          outcome = tryStrictThenLenient(plan, media);
          if (key.length < 500) tried.set(key, outcome);
        }
        if (outcome.kind === 'ok') continue;
        const pointer = `/paths/${escapeToken(op.path)}/${op.method}/responses/${escapeToken(response.status.toLowerCase())}/content/${escapeToken(type)}/schema`;
        const at = outcome.at ? ` (at ${outcome.at})` : '';
        if (outcome.kind === 'hostile') {
          if (hostile.length < MAX_REFUSED) hostile.push({ pointer, message: `${outcome.reason}${at}` });
          continue;
        }
        media.lenient = outcome.lenient;
        warnings.push({
          pointer,
          message:
            outcome.kind === 'lenient'
              ? `no value satisfies this schema under the strict reading${at}: ${outcome.reason}; served as the author evidently meant, with x-specmock-lenient: ${outcome.lenient}`
              : `no value satisfies this schema${at}: ${outcome.reason}; this response answers an unsatisfiable-schema problem`,
        });
      }
    }
  }
  return { hostile, warnings };
}

type Outcome =
  | { kind: 'ok' }
  | { kind: 'hostile' | 'unsatisfiable' | 'lenient'; reason: string; at: string; lenient: string };

function tryStrictThenLenient(plan: Plan, media: MediaPlan): Outcome {
  const options = { seed: 'publish-check', defs: plan.defs, refDate: 0, direction: 'response' as const };
  // The smallest shapes first (7× faster on GitHub's description); the full depth only to confirm
  // a failure, since a shallow cut can fail where the full generator finds a way.
  let strict = generate(media.schema!, { ...options, maxDepth: 1 });
  if (!strict.ok) strict = generate(media.schema!, options);
  if (strict.ok) return { kind: 'ok' };
  const base = { reason: strict.reason, at: strict.pointer, lenient: lenientReason(strict.reason) };
  if (HOSTILE.test(strict.reason)) return { kind: 'hostile', ...base };
  const lenient = generate(media.schema!, { ...options, lenient: true });
  return lenient.ok
    ? { kind: 'lenient', ...base }
    : { kind: 'unsatisfiable', ...base, lenient: 'unsatisfiable' };
}
