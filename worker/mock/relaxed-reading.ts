import { ORIGIN } from './generate/relax';
import type { Plan, Relaxed, Schema } from './plan';
import { satisfies } from './validate-schema';

/**
 * The schemas as a lenient media reads them, for judging a value that did not come from the
 * generator (a sandbox's stored item): the keywords the media records as relaxed (`MediaPlan.relaxed`,
 * `<origin>/<keyword>`) read the relaxed way on the schema objects ingest marked with that origin,
 * every other keyword as written. The relaxed readings are the generator's: a `oneOf` is an `anyOf`
 * (overlap allowed, a miss never); `recursion-cut` admits null at its keyword; any other relaxed
 * keyword is not applied.
 */

/** A lenient media's relaxed keywords: pointer (`<origin>/<keyword>`) → reason. */
export type Relaxations = ReadonlyMap<string, string>;

const byPlan = new WeakMap<Plan, Relaxations | null>();

/**
 * Every media's relaxations of the plan together (undefined for a strict plan, almost all): the
 * keywords are contradictions of the schema objects themselves, so a value that holds such an
 * object (a sandbox's stored item) needs them in whichever response shows it.
 */
export function planRelaxations(plan: Plan): Relaxations | undefined {
  let found = byPlan.get(plan);
  if (found === undefined) {
    const all: Relaxed[] = [];
    for (const operation of plan.operations)
      for (const response of operation.responses)
        for (const media of Object.values(response.content)) all.push(...(media.relaxed ?? []));
    byPlan.set(plan, (found = all.length > 0 ? toMap(all) : null));
  }
  return found ?? undefined;
}

function toMap(relaxed: readonly Relaxed[]): Relaxations {
  return new Map(relaxed.map((r) => [r.pointer, r.reason]));
}

/** Whether `value` satisfies `schema`, read with `relaxations` when there are any. */
export function satisfiesRelaxed(
  schema: Schema,
  defs: Record<string, Schema>,
  value: unknown,
  relaxations: Relaxations | undefined,
): boolean {
  if (relaxations === undefined) return satisfies(schema, defs, value);
  const reading = relaxedReading(schema, defs, relaxations);
  return satisfies(reading.schema, reading.defs, value);
}

/** Copies of the defs (and of each root schema) per relaxations: built once, then shared. */
const readings = new WeakMap<Record<string, Schema>, Map<Relaxations, Reading>>();

interface Reading {
  defs: Record<string, Schema>;
  roots: WeakMap<object, Schema>;
  seen: Map<object, unknown>;
}

/** `schema` and `defs` with the relaxed keywords read the relaxed way; unchanged parts shared. */
function relaxedReading(
  schema: Schema,
  defs: Record<string, Schema>,
  relaxations: Relaxations,
): { schema: Schema; defs: Record<string, Schema> } {
  let forDefs = readings.get(defs);
  if (!forDefs) readings.set(defs, (forDefs = new Map()));
  let reading = forDefs.get(relaxations);
  if (!reading) {
    const seen = new Map<object, unknown>();
    const copy: Record<string, Schema> = {};
    for (const [name, def] of Object.entries(defs))
      copy[name] = relaxedCopy(def, relaxations, seen) as Schema;
    forDefs.set(relaxations, (reading = { defs: copy, roots: new WeakMap(), seen }));
  }
  if (typeof schema !== 'object' || schema === null) return { schema, defs: reading.defs };
  let root = reading.roots.get(schema);
  if (root === undefined)
    reading.roots.set(schema, (root = relaxedCopy(schema, relaxations, reading.seen) as Schema));
  return { schema: root, defs: reading.defs };
}

/** The node with its marked keywords relaxed; the same object where nothing under it changes. */
function relaxedCopy(node: unknown, relaxations: Relaxations, seen: Map<object, unknown>): unknown {
  if (node === null || typeof node !== 'object') return node;
  const known = seen.get(node);
  if (known !== undefined) return known;
  seen.set(node, node);
  let out: unknown = node;
  if (Array.isArray(node)) {
    const items = node.map((item) => relaxedCopy(item, relaxations, seen));
    if (items.some((item, i) => item !== node[i])) out = items;
  } else {
    const record = node as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(record)) {
      const next = relaxedCopy(value, relaxations, seen);
      if (next !== value) (copy ??= { ...record })[key] = next;
    }
    const origin = record[ORIGIN];
    if (typeof origin === 'string')
      for (const keyword of Object.keys(record)) {
        const reason = relaxations.get(`${origin}/${keyword}`);
        if (reason !== undefined) relaxKeyword((copy ??= { ...record }), keyword, reason);
      }
    if (copy) out = copy;
  }
  seen.set(node, out);
  return out;
}

function relaxKeyword(node: Record<string, unknown>, keyword: string, reason: string): void {
  const value = node[keyword];
  if (keyword === 'oneOf') {
    // Read as anyOf beside whatever anyOf the object has already.
    delete node.oneOf;
    if (node.anyOf === undefined) node.anyOf = value;
    else node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { anyOf: value }];
    return;
  }
  if (reason === 'recursion-cut') {
    if (keyword === 'type') {
      const types = Array.isArray(value) ? (value as unknown[]) : [value];
      if (!types.includes('null')) node.type = [...types, 'null'];
      return;
    }
    if (keyword === 'enum' && Array.isArray(value)) {
      if (!value.includes(null)) node.enum = [...(value as unknown[]), null];
      return;
    }
    if (keyword === 'const') {
      delete node.const;
      node.enum = [value, null];
      return;
    }
  }
  delete node[keyword];
}
