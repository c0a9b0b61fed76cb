import type { JsonValue, ParameterPlan, Schema } from '../plan';
import { fold } from './paging/names';

/**
 * A list call's categorical filters: `?status=active`, `?archived=false`, sendgrid's
 * `?generations=dynamic`. The items of the page answer the values asked for, where their schema
 * accepts them, as the filtered list of a real API would. Only a query parameter the operation
 * declares with an enum, or as a boolean, filters here: a free-text `name` or `q` is a search, not a
 * value every item shares, and an id would make every row the same one.
 */
export type ListFilters = Map<string, JsonValue[]>;

interface Choices {
  values?: readonly JsonValue[];
  boolean: boolean;
}

/** The categories a parameter's schema declares (directly, or as an array's items for `a=x&a=y`). */
function choicesOf(schema: Schema): Choices | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  if (Array.isArray(schema.enum)) return { values: schema.enum, boolean: false };
  if (schema.type === 'boolean') return { boolean: true };
  const items = schema.type === 'array' ? schema.items : undefined;
  return items !== undefined && !Array.isArray(items) ? choicesOf(items as Schema) : undefined;
}

/** The member values one query value asks for: the value typed as its schema declares it, then as written. */
function valuesOf(value: string, choices: Choices): JsonValue[] {
  if (choices.boolean) return value === 'true' || value === 'false' ? [value === 'true', value] : [];
  const declared = choices.values ?? [];
  const picked = declared.find((d) => String(d) === value);
  // `legacy,dynamic`: one value of the list per item is still a value the filter asked for.
  const parts = picked === undefined && value.includes(',') ? value.split(',') : [];
  return [
    ...(picked === undefined ? [] : [picked]),
    ...parts.flatMap((p) => declared.filter((d) => String(d) === p)),
  ];
}

export function listFilters(
  query: readonly [string, string][],
  parameters: readonly ParameterPlan[] | undefined,
): ListFilters | undefined {
  let filters: ListFilters | undefined;
  for (const [name, value] of query) {
    const param = parameters?.find((p) => p.in === 'query' && p.name === name);
    const choices = param && choicesOf(param.schema);
    if (!choices) continue;
    const values = valuesOf(value, choices);
    if (!values.length) continue;
    const key = fold(name.replace(/\[\]$/, ''));
    filters ??= new Map();
    for (const k of key.length > 3 && key.endsWith('s') ? [key, key.slice(0, -1)] : [key])
      filters.set(k, [...(filters.get(k) ?? []), ...values]);
  }
  return filters;
}

/** The values a filter asks of an item's member `name`, if any. */
export function filterFor(filters: ListFilters, name: string): JsonValue[] | undefined {
  return filters.get(fold(name));
}
