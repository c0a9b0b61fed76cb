import type { Schema } from '../../mock/plan';
import type { SchemaKindId } from '../schema-kinds';

/**
 * One difference between two schemas, relative to the schemas compared; a site (a parameter, a
 * body, a response) turns it into a reported change with a rule id, a level and a pointer.
 */
export interface Delta {
  kind: SchemaKindId;
  /** Which document the pointer goes into: `from` for what was removed, else `to`. */
  side: 'from' | 'to';
  /** Pointer tokens relative to the compared schema, in that side's document. */
  at: string[];
  /** Where in a value the change applies: property names, `*` for any item or extra member. */
  value: string[];
  /** A few words, e.g. `maxLength lowered from 20 to 10`. */
  detail: string;
  /**
   * Requests: a value (at `testAt`, else at `value`) that violates this schema is refused because
   * of this change, e.g. `{maxLength: 10}` or `{required: ["name"]}` on the parent object.
   */
  test?: Schema;
  testAt?: string[];
  /** Responses: a logged body holding a member at `value` received what `to` removes or stops guaranteeing. */
  member?: true;
}

/** Prefixes a child comparison's deltas with the child's place on each side and in the value. */
export function under(deltas: Delta[], fromPath: string[], toPath: string[], value: string[]): Delta[] {
  if (deltas.length === 0) return deltas;
  return deltas.map((d) => ({
    ...d,
    at: [...(d.side === 'from' ? fromPath : toPath), ...d.at],
    value: [...value, ...d.value],
    ...(d.testAt ? { testAt: [...value, ...d.testAt] } : {}),
  }));
}

/** A property path for people: `owner.tags[].name`. */
export function valueLabel(value: readonly string[]): string {
  let out = '';
  for (const token of value) out += token === '*' ? '[]' : out === '' ? token : `.${token}`;
  return out;
}
