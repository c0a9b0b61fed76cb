import type { Schema, SchemaObject } from '../plan';
import { child, type Path } from './context';
import { T_ALL, type Flat } from './flat';
import {
  mergeArray,
  mergeComposition,
  mergeEnum,
  mergeNumeric,
  mergeObject,
  mergeString,
  mergeType,
  type Gathered,
} from './merge-keywords';
import { isObj, refDefName, resolveRef } from '../schema-refs';
import { mayRelax, policyOf, type RelaxPolicy } from './relax';

/**
 * Flattens a schema's $ref chain and allOf tree into one Flat (flat.ts) the leaf generators
 * read. Each raw schema object is flattened once per defs table and cached by identity: plans are
 * reused across requests, so after warm-up a call does no merging at all.
 */

function allOfSchema(list: Schema[]): Schema {
  return list.length === 1 ? list[0] : { allOf: list };
}

function collect(
  schema: Schema,
  path: Path | null,
  defs: Record<string, Schema>,
  flat: Flat,
  chain: string[],
): void {
  if (schema === true || flat.unsat) return;
  if (!isObj(schema)) {
    flat.unsat = {
      path,
      reason: schema === false ? 'schema is `false`: no value is allowed' : 'schema is not an object',
    };
    return;
  }
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    // allOf: [A] inside A is a tautology; recursion through properties is handled lazily elsewhere.
    if (!chain.includes(ref)) {
      const target = resolveRef(ref, defs);
      if (target === undefined) {
        flat.unsat = { path, reason: `unresolvable $ref ${JSON.stringify(ref)}` };
        return;
      }
      const name = refDefName(ref);
      if (flat.defName === undefined && name !== undefined) flat.defName = name;
      flat.refs.push(ref);
      const refPath: Path = name !== undefined ? child(null, '$defs', name) : child(null, ref);
      collect(target, refPath, defs, flat, [...chain, ref]);
    }
  }
  flat.atoms.push({ schema, path });
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((s, i) => collect(s, child(path, 'allOf', i), defs, flat, chain));
  }
}

function patternMatcher(p: string): RegExp | null {
  try {
    return new RegExp(p, 'u');
  } catch {
    try {
      return new RegExp(p);
    } catch {
      return null;
    }
  }
}

function flatten(raw: Schema, path: Path | null, defs: Record<string, Schema>): Flat {
  return flattenSources([{ schema: raw, path }], raw, path, defs);
}

function emptyFlat(raw: Schema, path: Path | null): Flat {
  return {
    raw,
    path,
    atoms: [],
    types: T_ALL,
    typed: false,
    multipleOf: [],
    patterns: [],
    formats: [],
    prefixItems: [],
    unique: false,
    props: new Map(),
    required: new Set(),
    patternProps: [],
    dependentRequired: [],
    groups: [],
    nots: [],
    conds: [],
    refs: [],
    examples: [],
  };
}

/**
 * Per property, every atom contributes the schema that governs that name in it: its own
 * declaration, else matching patternProperties, else its additionalProperties.
 */
function mergeProperties(flat: Flat, policy: RelaxPolicy | undefined): void {
  const declared = new Set<string>();
  for (const { schema: s } of flat.atoms)
    if (isObj(s.properties)) for (const k of Object.keys(s.properties)) declared.add(k);
  for (const name of flat.required) declared.add(name);
  for (const name of declared) {
    const list: Schema[] = [];
    for (const { schema: s } of flat.atoms) {
      const own =
        isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, name)
          ? s.properties[name]
          : undefined;
      let byPattern = false;
      if (isObj(s.patternProperties)) {
        for (const [pat, ps] of Object.entries(s.patternProperties)) {
          if (patternMatcher(pat)?.test(name)) {
            list.push(ps);
            byPattern = true;
          }
        }
      }
      if (own !== undefined || byPattern || s.additionalProperties === undefined) {
        if (own !== undefined) list.push(own);
      } else if (!admitsRequired(flat, s, name, policy)) list.push(s.additionalProperties);
    }
    flat.props.set(name, list.length === 0 ? true : allOfSchema(list));
  }
}

/**
 * `additionalProperties: false` beside a name only another atom (an allOf) declares, and required:
 * no object satisfies both. Where the policy allows it, the name is admitted, and that is logged.
 */
function admitsRequired(flat: Flat, s: SchemaObject, name: string, policy: RelaxPolicy | undefined): boolean {
  if (s.additionalProperties !== false || !flat.required.has(name)) return false;
  if (!mayRelax(policy, s, 'additionalProperties')) return false;
  if (!flat.relaxed?.some((r) => r.node === s))
    (flat.relaxed ??= []).push({
      reason: 'additional-properties-vs-allof',
      node: s,
      keyword: 'additionalProperties',
    });
  return true;
}

/**
 * Every example is later checked against the whole raw schema, so any atom's example may serve;
 * the outermost schema's own example speaks for the whole and goes first.
 */
function collectExamples(flat: Flat, raw: Schema): void {
  const ordered = [
    ...flat.atoms.filter((a) => a.schema === raw),
    ...flat.atoms.filter((a) => a.schema !== raw),
  ];
  for (const { schema: s } of ordered) {
    if (s.example !== undefined) flat.examples.push(s.example);
    if (Array.isArray(s.examples)) flat.examples.push(...s.examples);
    if (s.default !== undefined) flat.examples.push(s.default);
  }
}

/**
 * Flattens several schemas that must all hold (a base plus a chosen oneOf branch, say). `raw` is
 * the equivalent single schema, used to check examples and enum values against everything.
 */
export function flattenSources(
  sources: { schema: Schema; path: Path | null }[],
  raw: Schema,
  path: Path | null,
  defs: Record<string, Schema>,
): Flat {
  const flat = emptyFlat(raw, path);
  for (const src of sources) collect(src.schema, src.path, defs, flat, []);
  if (flat.unsat) return flat;
  const policy = policyOf(defs);
  const g: Gathered = { items: [], prefix: [], additional: [], names: [], contains: [] };
  for (const { schema: s, path: p } of flat.atoms) {
    mergeType(flat, s, policy);
    mergeEnum(flat, s);
    mergeNumeric(flat, s);
    mergeString(flat, s);
    mergeArray(flat, s, g);
    mergeObject(flat, s, g);
    mergeComposition(flat, s, p);
  }
  mergeProperties(flat, policy);
  if (g.items.length) flat.items = allOfSchema(g.items);
  flat.prefixItems = g.prefix.map((l) => allOfSchema(l));
  if (g.additional.length) flat.additional = allOfSchema(g.additional);
  if (g.names.length) flat.propertyNames = allOfSchema(g.names);
  if (g.contains.length) flat.contains = allOfSchema(g.contains);
  collectExamples(flat, raw);
  if (flat.types === 0) flat.unsat = { path, reason: 'the `type` constraints (with allOf) admit no type' };
  else if (flat.enum !== undefined && flat.enum.length === 0)
    flat.unsat = { path, reason: 'enum/const values have no common value' };
  return flat;
}

const caches = new WeakMap<object, WeakMap<object, Flat>>();

export function flatFor(schema: Schema, path: Path | null, defs: Record<string, Schema>): Flat {
  if (!isObj(schema)) return flatten(schema, path, defs);
  let byDefs = caches.get(defs);
  if (!byDefs) {
    byDefs = new WeakMap();
    caches.set(defs, byDefs);
  }
  let f = byDefs.get(schema);
  // The cached path is the first place this schema was met; for shared $defs that is the def.
  if (!f) {
    f = flatten(schema, path, defs);
    byDefs.set(schema, f);
  }
  return f;
}
