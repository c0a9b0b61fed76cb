/**
 * How a 2.0/3.0 `type` written beside a `$ref` relates to the target's own: the version ignores
 * it, a JSON Schema validator applies it. It narrows the target (some of its types: generation
 * keeps to those, valid both ways), contradicts it (none: lenient, ignored-ref-types.ts), or
 * changes nothing.
 */

/** The JSON types a 2.0/3.0 schema object's `type` (and `nullable`) admits; undefined: any. */
export function typesOf(schema: Record<string, unknown>): string[] | undefined {
  const { type } = schema;
  const listed = typeof type === 'string' ? [type] : Array.isArray(type) ? type.map(String) : undefined;
  if (!listed) return undefined;
  return schema.nullable === true || schema['x-nullable'] === true ? [...listed, 'null'] : listed;
}

/**
 * The target's types the sibling also admits, when that is some but not all of them (an integer
 * is a number too); undefined when the sibling narrows nothing or contradicts the target.
 */
export function narrowedTypes(
  target: string[] | undefined,
  sibling: string[] | undefined,
): string[] | undefined {
  if (!target || !sibling) return undefined;
  const kept = keptTypes(target, sibling);
  return kept.length > 0 && kept.length < target.length ? kept : undefined;
}

/** Whether the sibling admits none of the target's types (both declared). */
export function contradicts(target: string[] | undefined, sibling: string[] | undefined): boolean {
  return target !== undefined && sibling !== undefined && keptTypes(target, sibling).length === 0;
}

function keptTypes(target: string[], sibling: string[]): string[] {
  const admits = (t: string) => sibling.includes(t) || (t === 'integer' && sibling.includes('number'));
  const kept = target.filter(admits);
  if (target.includes('number') && sibling.includes('integer') && !kept.includes('number'))
    kept.push('integer');
  return kept;
}
