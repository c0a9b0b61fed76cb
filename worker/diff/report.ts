import type { Plan } from '../mock/plan';
import type { LoggedCall } from '../request-log/record';
import type { Change } from './change';
import { diffPlans } from './diff-plans';
import { replayCalls, type Traffic } from './replay/replay';
import { LEVELS, type Level } from './rules';

export interface DiffSummary {
  breaking: number;
  possiblyBreaking: number;
  nonBreaking: number;
}

/** The answer of `GET /v1/apis/{api}/diff` (the public contract). */
export interface DiffReport {
  api: string;
  from: string;
  to: string;
  summary: DiffSummary;
  changes: Change[];
  traffic: Traffic;
}

/** The whole diff of two versions: the changes, then the logged calls to `from` replayed against `to`. */
export function compareVersions(
  names: { api: string; from: string; to: string },
  from: Plan,
  to: Plan,
  calls: (LoggedCall & { id?: string })[],
): DiffReport {
  const found = diffPlans(from, to);
  const traffic = replayCalls(from, to, found, calls);
  const changes = found.map((f) => f.change);
  return { ...names, summary: summarize(changes), changes, traffic };
}

function summarize(changes: readonly Change[]): DiffSummary {
  const count = (level: Level) => changes.filter((c) => c.level === level).length;
  return {
    breaking: count('breaking'),
    possiblyBreaking: count('possibly-breaking'),
    nonBreaking: count('non-breaking'),
  };
}

/** The changes at `threshold` or more severe (`possibly-breaking` includes `breaking`). */
export function atLeast(changes: readonly Change[], threshold: Exclude<Level, 'non-breaking'>): Change[] {
  const limit = LEVELS.indexOf(threshold);
  return changes.filter((c) => LEVELS.indexOf(c.level) <= limit);
}
