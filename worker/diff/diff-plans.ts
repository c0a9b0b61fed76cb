import type { Plan } from '../mock/plan';
import type { Found } from './change';
import { matchOperations } from './operations';
import { parameterChanges } from './parameters';
import { requestBodyChanges } from './request-body';
import { responseChanges } from './responses';
import { LEVELS } from './rules';
import { SchemaDiffer } from './schema/compare';
import { securityChanges } from './security';

/**
 * The pure diff of two plans: every change from `from` to `to`, classified, most severe first.
 * One schema differ per direction is shared by all operations, so a named schema used everywhere is
 * compared once per direction.
 */
export function diffPlans(from: Plan, to: Plan): Found[] {
  const request = new SchemaDiffer(from.defs, to.defs, 'request');
  const response = new SchemaDiffer(from.defs, to.defs, 'response');
  const { pairs, changes } = matchOperations(from, to);
  const out = [...changes];
  for (const pair of pairs) {
    out.push(...securityChanges(from, to, pair));
    out.push(...parameterChanges(from, to, pair, request));
    out.push(...requestBodyChanges(from, to, pair, request));
    out.push(...responseChanges(from, to, pair, response));
  }
  return out.sort(bySeverity);
}

function bySeverity(x: Found, y: Found): number {
  const a = x.change;
  const b = y.change;
  return (
    LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
    order(a.operation ?? '', b.operation ?? '') ||
    order(a.pointer, b.pointer) ||
    order(a.rule, b.rule)
  );
}

/** Code-unit order: stable across locales, and cheaper than localeCompare on thousands of changes. */
function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
