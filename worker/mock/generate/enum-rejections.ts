import type { JsonValue, Schema, SchemaObject } from '../plan';
import { checkOpts, matches } from './check';
import type { Ctx } from './context';
import type { Flat } from './flat';

/** Not constraints on a value, or the enum itself. */
const IGNORED = new Set([
  'enum',
  'const',
  '$ref',
  'allOf',
  'example',
  'examples',
  'default',
  'description',
  'title',
  'readOnly',
  'writeOnly',
  'deprecated',
  'discriminator',
]);
/** Keywords whose failure lies inside the value (a property, an item, a branch), not at the keyword. */
const NESTED = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'contains',
  'propertyNames',
  'oneOf',
  'anyOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
]);

/**
 * The keywords of a flat's schema objects that reject an enum value on their own (a string enum
 * beside `type: object`: the `type`). Empty when a keyword rejects it somewhere inside the value,
 * where no single keyword of these objects could be named as relaxed.
 */
export function enumRejections(
  flat: Flat,
  value: JsonValue,
  ctx: Ctx,
): { node: SchemaObject; keyword: string }[] {
  const out: { node: SchemaObject; keyword: string }[] = [];
  const opts = checkOpts(ctx);
  for (const { schema: node } of flat.atoms) {
    for (const keyword of Object.keys(node)) {
      if (IGNORED.has(keyword) || keyword.startsWith('x-')) continue;
      const alone: Schema =
        keyword === 'additionalProperties'
          ? {
              additionalProperties: node.additionalProperties,
              properties: anyValue(node.properties),
              patternProperties: anyValue(node.patternProperties),
            }
          : { [keyword]: node[keyword] };
      if (matches(alone, value, opts)) continue;
      if (NESTED.has(keyword)) return [];
      out.push({ node, keyword });
    }
  }
  return out;
}

/** The same names, each admitting any value: which names are declared, without their schemas. */
function anyValue(map: Record<string, Schema> | undefined): Record<string, Schema> {
  return Object.fromEntries(Object.keys(map ?? {}).map((k) => [k, true]));
}
