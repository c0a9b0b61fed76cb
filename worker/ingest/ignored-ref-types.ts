import type { Plan, PlanWarning, Schema } from '../mock/plan';
import type { LenientReason } from '../mock/lenient-reason';
import { refDefName } from '../mock/schema-refs';
import { responseSchemaMedia } from './response-media';
import { walkSchemas } from './walk-schemas';

const REASON: LenientReason = 'type-beside-ref';

/**
 * A 2.0/3.0 `type` written beside a `$ref` is ignored, as the version says (xero.com's
 * `Contact: {$ref: Contact, type: string}` is a Contact object). A JSON Schema validator applies it
 * beside the target's own `type`, and then no value is valid. Every response media that can reach
 * such a `$ref` is served as the version reads it, lenient: it records that `type` as relaxed (the
 * independent validator then judges the body without it, and every other keyword as written) and
 * carries `x-specmock-lenient: type-beside-ref`. The plan itself already reads it that way, so the
 * generator is not told anything.
 */
export function markIgnoredRefTypes(plan: Plan, ignored: ReadonlyMap<object, string>): PlanWarning[] {
  if (ignored.size === 0) return [];
  // Only defs that can reach such a `$ref` are entered: the rest of a large plan is never walked.
  const entered: Record<string, Schema> = {};
  for (const name of defsReaching(plan.defs, ignored)) entered[name] = plan.defs[name];
  const warnings: PlanWarning[] = [];
  for (const { media, pointer } of responseSchemaMedia(plan)) {
    const found: string[] = [];
    walkSchemas([media.schema], entered, (node) => {
      const at = ignored.get(node);
      if (at !== undefined && !found.includes(at)) found.push(at);
    });
    if (found.length === 0) continue;
    const relaxed = media.relaxed ?? [];
    for (const at of found)
      if (!relaxed.some((r) => r.pointer === at)) relaxed.push({ reason: REASON, pointer: at });
    media.relaxed = relaxed;
    media.lenient ??= REASON;
    warnings.push({
      pointer: pointer(),
      message: `a \`type\` beside a \`$ref\` contradicts the ref's target: this OpenAPI version ignores it, a JSON Schema validator applies it and then accepts no value; served as the version reads it, relaxing ${found.map((p) => `${p} (${REASON})`).join(', ')}, with x-specmock-lenient: ${media.lenient}`,
    });
  }
  return warnings;
}

/** The defs from which some ignored `$ref` can be reached (through other defs too). */
function defsReaching(defs: Record<string, Schema>, ignored: ReadonlyMap<object, string>): Set<string> {
  const referrers = new Map<string, string[]>();
  const reaching = new Set<string>();
  for (const [name, def] of Object.entries(defs))
    // Each def alone (no defs to enter): what it holds, and which defs it names.
    walkSchemas([def], {}, (node) => {
      if (ignored.has(node)) reaching.add(name);
      const target = typeof node.$ref === 'string' ? refDefName(node.$ref) : undefined;
      if (target === undefined) return;
      const list = referrers.get(target);
      if (list) list.push(name);
      else referrers.set(target, [name]);
    });
  const queue = [...reaching];
  for (let name = queue.pop(); name !== undefined; name = queue.pop())
    for (const from of referrers.get(name) ?? [])
      if (!reaching.has(from)) {
        reaching.add(from);
        queue.push(from);
      }
  return reaching;
}
