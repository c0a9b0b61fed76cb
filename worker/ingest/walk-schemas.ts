import type { Schema } from '../mock/plan';
import { refDefName } from '../mock/schema-refs';

/** Keywords whose values are data, not schemas: nothing below them is walked. */
const VALUE_KEYWORDS = new Set(['enum', 'const', 'example', 'examples', 'default']);

/**
 * Visits every object reachable from `roots` (schemas and their subschemas, through $refs into
 * `defs`, each def once), depth first. `visit` returns true to stop the walk; the answer says
 * whether it did. `seen` names defs not to enter (already walked by an earlier call); the defs this
 * walk enters are added to it.
 */
export function walkSchemas(
  roots: unknown[],
  defs: Record<string, Schema>,
  visit: (node: Record<string, unknown>) => boolean | void,
  seen = new Set<string>(),
): boolean {
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (visit(record) === true) return true;
    for (const [key, value] of Object.entries(record)) {
      if (VALUE_KEYWORDS.has(key)) continue;
      if (key === '$ref' && typeof value === 'string') {
        const name = refDefName(value);
        if (name !== undefined && !seen.has(name)) {
          seen.add(name);
          stack.push(defs[name]);
        }
      } else if (typeof value === 'object') stack.push(value);
    }
  }
  return false;
}
