import type { OperationPlan, Schema } from '../mock/plan';
import { walkSchemas } from './walk-schemas';
import { MISSING_REF } from './normalize-schema';
import type { MissingRef } from './resolve';

/**
 * A dangling `$ref` breaks only what uses it: each operation that reaches a def marked missing
 * (through its parameters, body, responses or headers, at any depth) carries `brokenRef`, and the
 * mock answers that operation with a problem naming the pointer. The rest of the API is served.
 */
export function markBrokenRefs(
  operations: OperationPlan[],
  defs: Record<string, Schema>,
  missing: MissingRef[],
): void {
  const missingDefs = Object.entries(defs).filter(([, s]) => typeof s === 'object' && MISSING_REF in s);
  if (missingDefs.length === 0) return;
  for (const op of operations) {
    if (op.brokenRef) continue;
    const found = firstMissing(schemasOf(op), defs);
    if (found) op.brokenRef = missing.find((m) => m.ref === found.ref) ?? found;
  }
}

function schemasOf(op: OperationPlan): Schema[] {
  const out: Schema[] = op.parameters.map((p) => p.schema);
  for (const media of Object.values(op.requestBody?.content ?? {})) if (media.schema) out.push(media.schema);
  for (const r of op.responses) {
    for (const media of Object.values(r.content)) if (media.schema) out.push(media.schema);
    for (const h of Object.values(r.headers)) out.push(h.schema);
  }
  return out;
}

function firstMissing(roots: Schema[], defs: Record<string, Schema>): MissingRef | undefined {
  let found: MissingRef | undefined;
  walkSchemas(roots, defs, (node) => {
    if (typeof node[MISSING_REF] !== 'string') return false;
    found = { ref: node[MISSING_REF] as string, pointer: '' };
    return true;
  });
  return found;
}
