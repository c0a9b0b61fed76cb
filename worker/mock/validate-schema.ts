import { Validator, type OutputUnit } from '@cfworker/json-schema';
import type { Schema, SchemaObject, Direction } from './plan';
import { hiddenFor, isObj, refDefName } from './schema-refs';
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
 *  - annotations (example, default, x-*, discriminator…) are removed so the validator does not
 *    walk arbitrary example data as if it were schema;
 *  - only the $defs reachable from the schema are attached, so compiling one operation's schema
 *    does not walk a 1,000-def document.
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
        // A member hidden in this direction (readOnly in a request) is ignored by the server, not
        // judged: Asana's SDK sends `workspace` as a gid where the spec has a readOnly object.
        m[name] =
          k === 'properties' && dir === 'request' && hiddenFor(sub as Schema, defs, dir)
            ? true
            : sanitize(sub as Schema, defs, dir, depth + 1);
      }
      out[k] = m;
    } else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) {
      // A oneOf ingest found overlapping (no value matches exactly one branch) is anyOf for requests.
      const key = k === 'oneOf' && dir === 'request' && s[ONEOF_OVERLAP] === true ? 'anyOf' : k;
      out[key] = v.map((sub) => sanitize(sub as Schema, defs, dir, depth + 1));
    } else if (SCHEMA_SINGLE.has(k) && (isObj(v) || typeof v === 'boolean')) {
      out[k] = sanitize(v as Schema, defs, dir, depth + 1);
    } else if (k === 'items' && Array.isArray(v)) {
      out.prefixItems = v.map((sub) => sanitize(sub as Schema, defs, dir, depth + 1));
    } else out[k] = v;
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
  if (Array.isArray(s.required) && isObj(s.properties)) {
    const props = s.properties;
    out.required = s.required.filter((r) => !(props[r] !== undefined && hiddenFor(props[r], defs, dir)));
  }
  return out;
}

/** Names of the defs a schema can reach through $refs, transitively. */
function reachableDefs(schema: Schema, defs: Record<string, Schema>): string[] {
  const seen = new Set<string>();
  const queue: unknown[] = [schema];
  const visited = new Set<unknown>();
  while (queue.length) {
    const cur = queue.pop();
    if (typeof cur !== 'object' || cur === null || visited.has(cur)) continue;
    visited.add(cur);
    if (!Array.isArray(cur)) {
      const ref = (cur as { $ref?: unknown }).$ref;
      if (typeof ref === 'string') {
        const name = refDefName(ref) ?? refDefName('#/$defs/' + ref.slice('#/$defs/'.length).split('/')[0]);
        if (name !== undefined && !seen.has(name) && Object.prototype.hasOwnProperty.call(defs, name)) {
          seen.add(name);
          queue.push(defs[name]);
        }
      }
    }
    for (const v of Object.values(cur)) if (typeof v === 'object' && v !== null) queue.push(v);
  }
  return [...seen].sort();
}

const sanitizedDefs = new WeakMap<object, Partial<Record<Direction, Map<string, Schema>>>>();

function defFor(defs: Record<string, Schema>, name: string, dir: Direction): Schema {
  let byDir = sanitizedDefs.get(defs);
  if (!byDir) sanitizedDefs.set(defs, (byDir = {}));
  let m = byDir[dir];
  if (!m) m = byDir[dir] = new Map();
  let s = m.get(name);
  if (s === undefined) {
    s = sanitize(defs[name], defs, dir);
    m.set(name, s);
  }
  return s;
}

const validators = new WeakMap<object, Map<object, Partial<Record<Direction, Validator>>>>();

/** Small schemas (a bare `{ $ref }`, an array of one) repeat across media: one validator per shape. */
const byRef = new WeakMap<object, Map<string, Validator>>();

function validatorFor(schema: SchemaObject, defs: Record<string, Schema>, dir: Direction): Validator {
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

function smallJson(schema: SchemaObject): string | undefined {
  let key = shapeKeys.get(schema);
  if (key === undefined) {
    const text = Object.keys(schema).length > 4 ? '' : JSON.stringify(schema);
    key = text.length > 0 && text.length <= 300 ? text : null;
    shapeKeys.set(schema, key);
  }
  return key ?? undefined;
}

function compileValidator(schema: SchemaObject, defs: Record<string, Schema>, dir: Direction): Validator {
  const $defs: Record<string, Schema> = {};
  for (const name of reachableDefs(schema, defs)) $defs[name] = defFor(defs, name, dir);
  const root = { ...(sanitize(schema, defs, dir) as SchemaObject), $defs };
  // Fresh objects per validator: @cfworker annotates the schema objects it dereferences.
  return new Validator(JSON.parse(JSON.stringify(root)) as object, '2020-12', false);
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

export function validateValue(
  schema: Schema,
  defs: Record<string, Schema>,
  value: unknown,
  options?: { direction?: Direction },
): SchemaViolation[] {
  if (schema === true) return [];
  if (schema === false) return [{ pointer: '', message: 'no value is allowed here (schema is false)' }];
  if (!isObj(schema)) return [];
  if (value === undefined) return [{ pointer: '', message: 'value is missing' }];
  try {
    const result = validatorFor(schema, defs, options?.direction ?? 'response').validate(value);
    return result.valid ? [] : simplify(result.errors);
  } catch (e) {
    // A schema the validator cannot handle must not turn a mock call into a 500.
    return [
      {
        pointer: '',
        message: `schema could not be evaluated: ${e instanceof Error ? e.message : String(e)}`,
      },
    ];
  }
}
