import {
  validate,
  type OutputUnit,
  type Schema as Interpreted,
  type ValidationResult,
} from '@cfworker/json-schema';
import type { Schema, SchemaObject, Direction } from './plan';
import { declaredMember, hiddenFor, isObj, refTokens } from './schema-refs';
import {
  admitComposedNames,
  enumBeyondType,
  enumOfItems,
  enumOrFormat,
  openMembers,
  patternContext,
  opensMembers,
  wasOpened,
  requestPattern,
  requestRequired,
} from './lenient-request';
import { LENIENT_NULL, ONEOF_OVERLAP } from './generate/context';

/**
 * Validates values (request bodies and parameters, spec examples at publish time) against plan
 * schemas with @cfworker/json-schema: it interprets schemas instead of generating code, so it runs
 * in workerd where eval/new Function are forbidden (Ajv cannot).
 *
 * Schemas are sanitized once per (schema object, defs, direction) before compiling:
 *  - OpenAPI leftovers are normalized (`nullable`, boolean exclusive bounds);
 *  - patterns flagged `x-specmock-unsafe-pattern`, and patterns that do not compile with the `u`
 *    flag (@cfworker always uses it and would throw), are dropped: never run, never crash;
 *  - a property hidden in the direction (writeOnly in responses, readOnly in requests) is not
 *    required there, as OpenAPI specifies; a readOnly one sent in a request is not judged either
 *    (the server ignores it);
 *  - in a request, `additionalProperties: false` admits the names its allOf/oneOf/anyOf declare,
 *    an enum that lists members its `type` excludes judges alone, and a pattern written as a
 *    regex literal (`/^…$/`) is read between its slashes (lenient-request.ts);
 *  - annotations (example, default, x-*, discriminator…) are removed so the validator does not
 *    walk arbitrary example data as if it were schema;
 *  - the sanitized defs are kept once per (defs, direction) in one lookup keyed by absolute refs,
 *    filled as the first schema that reaches a def is compiled: a schema's compile walks only itself
 *    and the defs no earlier schema reached (GitHub's publish: 484 roots over 578 defs).
 */

export interface SchemaViolation {
  /** Instance location as a JSON pointer, e.g. "/items/0/name" ("" for the value itself). */
  pointer: string;
  message: string;
}

const ANNOTATIONS = new Set([
  'example',
  'examples',
  'default',
  'description',
  'title',
  'discriminator',
  'xml',
  'externalDocs',
  'deprecated',
  '$comment',
  'nullable',
]);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_SINGLE = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
]);

function compilesWithU(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

function sanitize(s: Schema, defs: Record<string, Schema>, dir: Direction, depth = 0): Schema {
  if (!isObj(s) || depth > 200) return typeof s === 'boolean' ? s : true;
  // The null a typeless `nullable` adds holds for requests only: a response example using it goes.
  if (s[LENIENT_NULL] === true && dir === 'response') return false;
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) {
    if (ANNOTATIONS.has(k) || k.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(k) && isObj(v)) {
      const m: Record<string, Schema> = {};
      for (const [name, sub] of Object.entries(v)) {
        if (k === 'patternProperties' && !compilesWithU(name)) continue;
        m[name] =
          k === 'properties'
            ? member(sub as Schema, defs, dir, depth)
            : sanitize(sub as Schema, defs, dir, depth + 1);
      }
      out[k] = m;
    } else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) {
      // A oneOf ingest found overlapping (no value matches exactly one branch) is anyOf for requests.
      const key = k === 'oneOf' && dir === 'request' && s[ONEOF_OVERLAP] === true ? 'anyOf' : k;
      const opened =
        k === 'allOf' && dir === 'request' && opensMembers(s, v) ? openMembers(v, defs, s) : undefined;
      out[key] = (opened?.members ?? v).map((sub) => sanitize(sub as Schema, defs, dir, depth + 1));
      // Closed members' closure holds for the whole: names any of them declares, nothing else.
      if (
        opened?.closed &&
        out.additionalProperties === undefined &&
        s.additionalProperties === undefined &&
        !wasOpened(s)
      )
        out.additionalProperties = false;
    } else if (SCHEMA_SINGLE.has(k) && (isObj(v) || typeof v === 'boolean')) {
      out[k] = sanitize(v as Schema, defs, dir, depth + 1);
    } else if (k === 'items' && Array.isArray(v)) {
      out.prefixItems = v.map((sub) => sanitize(sub as Schema, defs, dir, depth + 1));
    } else if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
      out.$ref = DEFS_BASE + v;
    } else out[k] = v;
  }
  if (dir === 'request' && typeof out.pattern === 'string') {
    const pattern = requestPattern(out.pattern, patternContext(s));
    if (pattern === null) delete out.pattern;
    else out.pattern = pattern;
  }
  if (
    typeof out.pattern === 'string' &&
    (s['x-specmock-unsafe-pattern'] === true || !compilesWithU(out.pattern))
  )
    delete out.pattern;
  // @cfworker does not know OpenAPI's `byte` format; base64 is what it means.
  if (out.format === 'byte' && out.pattern === undefined)
    out.pattern = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
  if (s.nullable === true) {
    if (out.type !== undefined) {
      const types = Array.isArray(out.type) ? out.type : [out.type];
      if (!types.includes('null')) out.type = [...types, 'null'];
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  if ((s.exclusiveMinimum as unknown) === true) {
    if (typeof s.minimum === 'number') out.exclusiveMinimum = s.minimum;
    else delete out.exclusiveMinimum;
    delete out.minimum;
  } else if ((s.exclusiveMinimum as unknown) === false) delete out.exclusiveMinimum;
  if ((s.exclusiveMaximum as unknown) === true) {
    if (typeof s.maximum === 'number') out.exclusiveMaximum = s.maximum;
    else delete out.exclusiveMaximum;
    delete out.maximum;
  } else if ((s.exclusiveMaximum as unknown) === false) delete out.exclusiveMaximum;
  if (dir === 'request' && out.additionalProperties === false)
    admitComposedNames(out, s, defs, (declared) => member(declared, defs, dir, depth));
  if (dir === 'request' && enumOfItems(s)) delete out.enum;
  if (dir === 'request' && enumBeyondType(s)) delete out.type;
  if (dir === 'request') enumOrFormat(out);
  if (Array.isArray(s.required)) judgeRequired(out, s, defs, dir);
  return out;
}

/**
 * A property's schema as validation reads it. A member hidden in this direction (readOnly in a
 * request) is ignored by the server, not judged: Asana's SDK sends `workspace` as a gid where the
 * spec has a readOnly object.
 */
function member(sub: Schema, defs: Record<string, Schema>, dir: Direction, depth: number): Schema {
  return dir === 'request' && hiddenFor(sub, defs, dir) ? true : sanitize(sub, defs, dir, depth + 1);
}

/** The names a schema requires: none hidden in this direction; in a request, as meant. */
function judgeRequired(out: SchemaObject, s: SchemaObject, defs: Record<string, Schema>, dir: Direction) {
  out.required = (s.required as string[]).filter((r) => {
    const member = declaredMember(s, r, defs);
    return !(member !== undefined && hiddenFor(member, defs, dir));
  });
  if (dir === 'request') requestRequired(out, s, defs);
}

/** Where the sanitized defs sit: `{DEFS_BASE}#/$defs/{name}`, apart from every root's own URI. */
const DEFS_BASE = 'https://defs.specmock.invalid/';

/** Our plan schemas are what @cfworker interprets; its types spell `type` more narrowly. */
type Lookup = Record<string, Interpreted | boolean>;

/**
 * The sanitized defs of one (defs, direction) as @cfworker's lookup: each `$ref` a sanitized
 * schema holds (absolute, see sanitize) is a key, its target the value. @cfworker's own
 * dereference would walk every def again for every root to find the same keys; its validate
 * reads only the lookup by the `$ref` as written once a ref is absolute.
 */
interface SharedDefs {
  lookup: Lookup;
  sanitized: Map<string, Schema>;
}

const sharedDefs = new WeakMap<object, Partial<Record<Direction, SharedDefs>>>();

function sharedFor(defs: Record<string, Schema>, dir: Direction): SharedDefs {
  let byDir = sharedDefs.get(defs);
  if (!byDir) sharedDefs.set(defs, (byDir = {}));
  return (byDir[dir] ??= { lookup: Object.create(null) as Lookup, sanitized: new Map() });
}

/**
 * Puts into the shared lookup the target of every `#/$defs/…` ref the schema reaches, through the
 * defs it reaches. A def is walked once, the first time any ref into it is met, and adds every ref
 * it holds, so the walk stops at refs already in the lookup.
 */
function addReachableDefs(
  schema: Schema,
  defs: Record<string, Schema>,
  dir: Direction,
  shared: SharedDefs,
): void {
  const queue: unknown[] = [schema];
  const visited = new Set<unknown>();
  while (queue.length) {
    const cur = queue.pop();
    if (typeof cur !== 'object' || cur === null || visited.has(cur)) continue;
    visited.add(cur);
    const ref = Array.isArray(cur) ? undefined : (cur as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/') && !(DEFS_BASE + ref in shared.lookup)) {
      // A ref into a def (`#/$defs/A/properties/b`) reaches that whole def.
      const [, name, ...rest] = refTokens(ref)!;
      if (Object.hasOwn(defs, name)) {
        let def = shared.sanitized.get(name);
        if (def === undefined) {
          shared.sanitized.set(name, (def = sanitize(defs[name], defs, dir)));
          queue.push(defs[name]);
        }
        const target = rest.reduce<unknown>(
          (node, t) => (isObj(node) || Array.isArray(node) ? node[t as never] : undefined),
          def,
        );
        if (typeof target === 'boolean' || isObj(target))
          shared.lookup[DEFS_BASE + ref] = target as Interpreted | boolean;
      }
    }
    for (const v of Object.values(cur)) if (typeof v === 'object' && v !== null) queue.push(v);
  }
}

interface Compiled {
  /** `firstOnly`: stop at the first error (@cfworker's short circuit); else report them all. */
  validate(value: unknown, firstOnly: boolean): ValidationResult;
}

const validators = new WeakMap<object, Map<object, Partial<Record<Direction, Compiled>>>>();

/** Small schemas (a bare `{ $ref }`, an array of one) repeat across media: one validator per shape. */
const byRef = new WeakMap<object, Map<string, Compiled>>();

function validatorFor(schema: SchemaObject, defs: Record<string, Schema>, dir: Direction): Compiled {
  const text = smallJson(schema);
  const bare = text === undefined ? undefined : `${dir} ${text}`;
  if (bare !== undefined) {
    let refs = byRef.get(defs);
    if (!refs) byRef.set(defs, (refs = new Map()));
    let shared = refs.get(bare);
    if (!shared) refs.set(bare, (shared = compileValidator(schema, defs, dir)));
    return shared;
  }
  let byDefs = validators.get(schema);
  if (!byDefs) validators.set(schema, (byDefs = new Map()));
  let byDir = byDefs.get(defs);
  if (!byDir) byDefs.set(defs, (byDir = {}));
  let v = byDir[dir];
  if (!v) v = byDir[dir] = compileValidator(schema, defs, dir);
  return v;
}

/** The JSON of a schema with at most a few keys at two levels, else undefined (not worth the key). */
const shapeKeys = new WeakMap<object, string | null>();

export function smallJson(schema: SchemaObject): string | undefined {
  let key = shapeKeys.get(schema);
  if (key === undefined) {
    const text = Object.keys(schema).length > 4 ? '' : JSON.stringify(schema);
    key = text.length > 0 && text.length <= 300 ? text : null;
    shapeKeys.set(schema, key);
  }
  return key ?? undefined;
}

function compileValidator(schema: SchemaObject, defs: Record<string, Schema>, dir: Direction): Compiled {
  const shared = sharedFor(defs, dir);
  addReachableDefs(schema, defs, dir, shared);
  const root = sanitize(schema, defs, dir) as unknown as Interpreted | boolean;
  return {
    validate: (value, firstOnly) => validate(value, root, '2020-12', shared.lookup, firstOnly),
  };
}

/** @cfworker writes instance locations URI-encoded (`#/metadata%5Bkey%5D`): back to the plain pointer. */
function toPointer(instanceLocation: string): string {
  const pointer = instanceLocation.startsWith('#') ? instanceLocation.slice(1) : instanceLocation;
  if (!pointer.includes('%')) return pointer;
  try {
    return pointer.split('/').map(decodeURIComponent).join('/');
  } catch {
    return pointer;
  }
}

/** Wrapper errors ("property x does not match") only restate a deeper error; keep the deepest. */
const WRAPPER_KEYWORDS = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  'additionalProperties',
  'patternProperties',
  'unevaluatedProperties',
  'contains',
  'dependentSchemas',
]);

function simplify(errors: OutputUnit[]): SchemaViolation[] {
  const leaves = errors.filter(
    (e) => !WRAPPER_KEYWORDS.has(e.keyword) && e.error !== 'A subschema had errors.',
  );
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const e of leaves.length ? leaves : errors) {
    const v = { pointer: toPointer(e.instanceLocation), message: e.error };
    const key = v.pointer + '\u0000' + v.message;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/**
 * The value's violations of the schema. `firstOnly` is for callers that need only whether it holds,
 * or one reason why not: the validator stops at the first error instead of collecting every one (an
 * example array with an error in each of its items, a oneOf branch that fails on every member).
 */
export function validateValue(
  schema: Schema,
  defs: Record<string, Schema>,
  value: unknown,
  options?: { direction?: Direction; firstOnly?: boolean },
): SchemaViolation[] {
  if (schema === true) return [];
  if (schema === false) return [{ pointer: '', message: 'no value is allowed here (schema is false)' }];
  if (!isObj(schema)) return [];
  if (value === undefined) return [{ pointer: '', message: 'value is missing' }];
  try {
    const result = validatorFor(schema, defs, options?.direction ?? 'response').validate(
      value,
      options?.firstOnly === true,
    );
    return result.valid ? [] : simplify(result.errors);
  } catch (e) {
    // A schema the validator cannot handle must not turn a mock call into a 500.
    return [
      {
        pointer: '',
        // @cfworker's first line names the ref; the lines after it list every known schema.
        message: `schema could not be evaluated: ${(e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300)}`,
      },
    ];
  }
}

/** Whether the value satisfies the schema: the verdict alone, so the validator stops at the first error. */
export function satisfies(
  schema: Schema,
  defs: Record<string, Schema>,
  value: unknown,
  direction: Direction = 'response',
): boolean {
  return validateValue(schema, defs, value, { direction, firstOnly: true }).length === 0;
}
