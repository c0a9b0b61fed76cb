import type { OperationPlan } from '../mock/plan';
import { found, operationLabel, type Found, type Hit } from './change';
import { schemaRule, type Scope } from './schema-kinds';
import { valueLabel, type Delta } from './schema/delta';

/** Where a compared schema travels, and how its deltas are reported. */
export interface SchemaSite {
  scope: Scope;
  /** "query parameter limit", "request body (application/json)", "200 response (application/json)". */
  subject: string;
  fromOp: OperationPlan;
  toOp: OperationPlan;
  /** The pointer of a place in the schema, in the side's document. */
  pointer(side: 'from' | 'to', tokens: string[]): string;
  /** How replay finds the calls a delta concerns. */
  hit(delta: Delta): Hit;
}

export function siteChanges(deltas: Delta[], site: SchemaSite): Found[] {
  return deltas.map((d) => {
    const { rule, level } = schemaRule(site.scope, d.kind);
    const where = valueLabel(d.value);
    return found(
      {
        rule,
        level,
        operation: operationLabel(site.toOp),
        direction: site.scope.startsWith('request') ? 'request' : 'response',
        pointer: site.pointer(d.side, d.at),
        message: `${site.subject}${where ? ` › ${where}` : ''}: ${d.detail}`,
      },
      site.hit(d),
      site.fromOp,
    );
  });
}
