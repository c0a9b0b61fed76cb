import type { Schema } from './plan';
import { derefShallow, isObj } from './schema-refs';

/**
 * The `xml` object a schema carries for its wire form, as the converted descriptions write it: the
 * name beside the `$ref` in an `allOf` (the member's own), else the referenced schema's; `wrapped:
 * false` (a flattened list) wherever it is said.
 */
export function xmlOf(
  schema: Schema | undefined,
  defs: Record<string, Schema>,
): { name?: string; flattened: boolean } {
  let name: string | undefined;
  let flattened = false;
  // Breadth first, so the member's own name (beside the `$ref`) wins over the referenced schema's.
  let level: Schema[] = schema === undefined ? [] : [schema];
  for (let hops = 0; hops < 4 && level.length > 0; hops++) {
    const next: Schema[] = [];
    for (const s of level) {
      if (!isObj(s)) continue;
      const xml = s.xml as { name?: unknown; wrapped?: unknown } | undefined;
      if (xml !== null && typeof xml === 'object') {
        if (name === undefined && typeof xml.name === 'string') name = xml.name;
        if (xml.wrapped === false) flattened = true;
      }
      if (Array.isArray(s.allOf)) next.push(...(s.allOf as Schema[]));
      if (typeof s.$ref === 'string') next.push(derefShallow(s, defs));
    }
    level = next;
  }
  return name !== undefined ? { name, flattened } : { flattened };
}
