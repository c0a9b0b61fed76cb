import type { Schema } from '../../plan';
import type { Ctx } from '../context';
import type { Flat } from '../flat';
import { hiddenFor, isObj } from '../../schema-refs';

/** Which of an object's required names a generated value holds, in the direction it travels. */
export function requiredVisible(flat: Flat, ctx: Ctx): string[] {
  const required: string[] = [];
  for (const r of flat.required) {
    const s = flat.props.get(r) ?? true;
    if (hiddenFor(s, ctx.defs, ctx.direction)) continue;
    // A closed object requiring a name it never declares (Jira's `defaultScreen` beside `default`):
    // a request leaves it out, as validation reads it (lenient-request.ts: requirableNames).
    if (ctx.direction === 'request' && requiredButClosed(flat, r)) continue;
    required.push(r);
  }
  return required;
}

/**
 * Whether the schema object that requires `name` is itself closed and nothing declares the name,
 * as validation reads it per schema object (requirableNames). A requirement from elsewhere (GitHub's
 * campaigns: a oneOf branch requiring `secret_scanning_alerts`, which its closed parent never
 * declares) stands: that branch cannot be met, and another one is generated.
 */
function requiredButClosed(flat: Flat, name: string): boolean {
  if (flat.patternProps.length > 0) return false;
  const closedRequirer = flat.atoms.some(
    ({ schema: s }) =>
      s.additionalProperties === false && Array.isArray(s.required) && s.required.includes(name),
  );
  if (!closedRequirer) return false;
  return !flat.atoms.some(
    ({ schema: s }) => isObj(s.properties as Schema) && Object.hasOwn(s.properties as object, name),
  );
}
