import type { JsonValue, SchemaObject } from '../../mock/plan';
import type { SchemaKindId } from '../schema-kinds';
import type { Delta } from './delta';
import type { Bound, View } from './view';

/**
 * The keyword rules of one schema pair: type, nullability, format, enum, bounds, pattern, default.
 * Each delta carries the keyword's place and, for requests, the smallest schema a value that the
 * change refuses violates (replay runs it on logged values).
 */

type Emit = (d: Omit<Delta, 'value' | 'at'> & { at?: string[] }) => void;

export function scalarDeltas(a: View, b: View, emit: Emit): void {
  typeRule(a, b, emit);
  nullableRule(a, b, emit);
  formatRule(a, b, emit);
  enumRule(a, b, emit);
  boundRules(a, b, emit);
  patternRule(a, b, emit);
  if (b.multipleOf !== a.multipleOf)
    emit({
      kind: 'multiple-of-changed',
      side: b.multipleOf === undefined ? 'from' : 'to',
      at: (b.multipleOf === undefined ? a : b).at.get('multipleOf'),
      detail: `multipleOf ${show(a.multipleOf)} → ${show(b.multipleOf)}`,
      ...(b.multipleOf !== undefined ? { test: { multipleOf: b.multipleOf } } : {}),
    });
  if (b.uniqueItems && !a.uniqueItems)
    emit({
      kind: 'unique-items-added',
      side: 'to',
      at: b.at.get('uniqueItems'),
      detail: 'items must now be unique',
      test: { uniqueItems: true },
    });
  if (!sameJson(a.default?.value, b.default?.value))
    emit({
      kind: 'default-changed',
      side: b.default === undefined ? 'from' : 'to',
      at: (b.default === undefined ? a : b).at.get('default'),
      detail: `default ${show(a.default?.value)} → ${show(b.default?.value)}`,
    });
}

/** integer values are numbers: a type list covers another when every type is in it or implied. */
function covers(wide: string[], narrow: string[]): boolean {
  return narrow.every((t) => wide.includes(t) || (t === 'integer' && wide.includes('number')));
}

function typeRule(a: View, b: View, emit: Emit): void {
  if (a.types === undefined && b.types === undefined) return;
  const before = a.types ?? [];
  const after = b.types ?? [];
  if (before.join() === after.join()) return;
  const kind: SchemaKindId =
    b.types === undefined || (a.types !== undefined && covers(after, before) && !covers(before, after))
      ? 'type-generalized'
      : a.types === undefined || covers(before, after)
        ? 'type-specialized'
        : 'type-changed';
  emit({
    kind,
    side: 'to',
    at: b.at.get('type') ?? [],
    detail: `type ${a.types?.join('|') ?? 'any'} → ${b.types?.join('|') ?? 'any'}`,
    ...(b.types ? { test: { type: b.nullable ? [...b.types, 'null'] : b.types } } : {}),
    ...(kind !== 'type-specialized' ? { member: true as const } : {}),
  });
}

function nullableRule(a: View, b: View, emit: Emit): void {
  if (a.nullable === b.nullable) return;
  if (b.nullable)
    emit({
      kind: 'became-nullable',
      side: 'to',
      at: b.at.get('type'),
      detail: 'may now be null',
      member: true,
    });
  else
    emit({
      kind: 'became-not-nullable',
      side: 'to',
      at: b.at.get('type'),
      detail: 'may no longer be null',
      test: { not: { type: 'null' } },
    });
}

function formatRule(a: View, b: View, emit: Emit): void {
  if (a.format === b.format) return;
  if (a.format === undefined)
    emit({
      kind: 'format-added',
      side: 'to',
      at: b.at.get('format'),
      detail: `format ${b.format} added`,
      test: { format: b.format },
    });
  else if (b.format === undefined)
    emit({
      kind: 'format-removed',
      side: 'from',
      at: a.at.get('format'),
      detail: `format ${a.format} removed`,
    });
  else
    emit({
      kind: 'format-changed',
      side: 'to',
      at: b.at.get('format'),
      detail: `format ${a.format} → ${b.format}`,
      test: { format: b.format },
    });
}

function enumRule(a: View, b: View, emit: Emit): void {
  if (a.enum === undefined && b.enum === undefined) return;
  if (a.enum === undefined) {
    const allowed = b.nullable ? [...b.enum!, null] : b.enum!;
    emit({
      kind: 'became-enum',
      side: 'to',
      at: b.at.get('enum'),
      detail: `now one of ${list(b.enum!)}`,
      test: { enum: allowed },
    });
    return;
  }
  if (b.enum === undefined) {
    emit({
      kind: 'enum-removed',
      side: 'from',
      at: a.at.get('enum'),
      detail: `no longer restricted to ${list(a.enum)}`,
    });
    return;
  }
  const removed = a.enum.filter((v) => !b.enum!.some((w) => sameJson(v, w)));
  const added = b.enum.filter((v) => !a.enum!.some((w) => sameJson(v, w)));
  if (removed.length > 0)
    emit({
      kind: 'enum-value-removed',
      side: 'to',
      at: b.at.get('enum'),
      detail: `enum value(s) ${list(removed)} removed`,
      test: { not: { enum: removed } },
    });
  if (added.length > 0)
    emit({
      kind: 'enum-value-added',
      side: 'to',
      at: b.at.get('enum'),
      detail: `enum value(s) ${list(added)} added`,
    });
}

/** A lower bound is stricter when higher, or equal and newly exclusive; an upper one the other way. */
function stricter(before: Bound | undefined, after: Bound | undefined, lower: boolean): boolean | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return true;
  if (after === undefined) return false;
  if (before.value === after.value) return before.exclusive === after.exclusive ? undefined : after.exclusive;
  return lower ? after.value > before.value : after.value < before.value;
}

function showBound(bound: Bound | undefined, lower: boolean): string {
  if (bound === undefined) return 'none';
  return bound.exclusive ? `${lower ? '>' : '<'} ${bound.value}` : String(bound.value);
}

function boundRules(a: View, b: View, emit: Emit): void {
  const min = stricter(a.min, b.min, true);
  if (min !== undefined) {
    const test = b.min && (b.min.exclusive ? { exclusiveMinimum: b.min.value } : { minimum: b.min.value });
    const detail = `minimum ${showBound(a.min, true)} → ${showBound(b.min, true)}`;
    emitBound(emit, min ? 'min-increased' : 'min-decreased', a, b, 'min', detail, min ? test : undefined);
  }
  const max = stricter(a.max, b.max, false);
  if (max !== undefined) {
    const test = b.max && (b.max.exclusive ? { exclusiveMaximum: b.max.value } : { maximum: b.max.value });
    const detail = `maximum ${showBound(a.max, false)} → ${showBound(b.max, false)}`;
    emitBound(emit, max ? 'max-decreased' : 'max-increased', a, b, 'max', detail, max ? test : undefined);
  }
  const counts = [
    ['minLength', 'min-length-increased', 'min-length-decreased', true],
    ['maxLength', 'max-length-decreased', 'max-length-increased', false],
    ['minItems', 'min-items-increased', 'min-items-decreased', true],
    ['maxItems', 'max-items-decreased', 'max-items-increased', false],
  ] as const;
  for (const [key, narrower, wider, lower] of counts) {
    const before = a[key];
    const after = b[key];
    if (before === after) continue;
    const narrowed = lower
      ? after !== undefined && (before === undefined || after > before)
      : after !== undefined && (before === undefined || after < before);
    emitBound(
      emit,
      narrowed ? narrower : wider,
      a,
      b,
      key,
      `${key} ${show(before)} → ${show(after)}`,
      narrowed ? { [key]: after } : undefined,
    );
  }
}

function emitBound(
  emit: Emit,
  kind: SchemaKindId,
  a: View,
  b: View,
  keyword: string,
  detail: string,
  test: SchemaObject | undefined,
) {
  const gone = b.at.get(keyword) === undefined;
  emit({
    kind,
    side: gone ? 'from' : 'to',
    at: (gone ? a : b).at.get(keyword),
    detail,
    ...(test ? { test } : {}),
  });
}

function patternRule(a: View, b: View, emit: Emit): void {
  if (a.pattern === b.pattern) return;
  if (a.pattern === undefined)
    emit({
      kind: 'pattern-added',
      side: 'to',
      at: b.at.get('pattern'),
      detail: `pattern ${b.pattern} added`,
      test: { pattern: b.pattern },
    });
  else if (b.pattern === undefined)
    emit({
      kind: 'pattern-removed',
      side: 'from',
      at: a.at.get('pattern'),
      detail: `pattern ${a.pattern} removed`,
    });
  else
    emit({
      kind: 'pattern-changed',
      side: 'to',
      at: b.at.get('pattern'),
      detail: `pattern ${a.pattern} → ${b.pattern}`,
      test: { pattern: b.pattern },
    });
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted: `{"a":1,"b":2}` and `{"b":2,"a":1}` are one value. */
function canonical(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

function show(value: JsonValue | undefined): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

function list(values: JsonValue[]): string {
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v));
  return values.length > 5 ? `${shown.join(', ')} and ${values.length - 5} more` : shown.join(', ');
}
