import $RefParser from '@apidevtools/json-schema-ref-parser';
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { at, relaxDocument, type RelaxedKeyword } from './relaxed-document';

/**
 * The yardstick, sharing nothing with specmock's own normaliser: the ORIGINAL document, its schemas
 * converted by @openapi-contrib/openapi-schema-to-json-schema (2.0/3.0; OpenAPI 3.0.3's nullable rule,
 * writeOnly properties removed for responses, also where the writeOnly is on the property's `$ref`
 * target) and checked by Ajv draft-07 + ajv-formats; 3.1
 * documents go to Ajv 2020 as written. Internal refs stay refs into the registered document.
 */

interface Verdict {
  valid: boolean;
  /** Failure class, e.g. "type", "required", "format:date-time" (only when invalid or unchecked). */
  kind?: string;
  detail?: string;
  /** Valid only with the keywords the mock recorded as relaxed read the relaxed way. */
  excused?: boolean;
}

export interface IndependentValidator {
  /**
   * The verdict on one body, or undefined when the spec has no response for the status. `relaxed`:
   * the keywords (pointers into the original document) the mock recorded as relaxed for this
   * response; the body is then judged with exactly those read the relaxed way (relaxed-document.ts)
   * and every other keyword as written.
   */
  check(
    path: string,
    method: string,
    status: number,
    contentType: string,
    body: string,
    relaxed?: readonly RelaxedKeyword[],
  ): Verdict | undefined;
  /**
   * The verdict on a request body of the operation object at `tokens` from the root (through any
   * `$ref` on the way: a webhook's `['webhooks', name, 'post']`, a callback's `['paths', path,
   * 'post', 'callbacks', name, expression, 'post']`), or undefined when it declares none.
   */
  checkRequestBody(tokens: string[], contentType: string, body: string): Verdict | undefined;
}

const DOC_ID = 'https://corpus.specmock.local/doc.json';
const SKIP_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-examples']);

export function parseOriginal(text: string): Record<string, unknown> {
  const t = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(t) as Record<string, unknown>;
  } catch {
    return parseYaml(t, { maxAliasCount: 10000 }) as Record<string, unknown>;
  }
}

export async function independentValidator(doc: Record<string, unknown>): Promise<IndependentValidator> {
  const is31 = typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1');
  const swagger2 = doc.swagger !== undefined;
  const resolveOptions = { resolve: { external: false, file: false, http: false } };
  const refs = await $RefParser.resolve(
    structuredClone(doc),
    resolveOptions as Parameters<typeof $RefParser.resolve>[1] & object,
  );
  // 3.1 has no `nullable`: an annotation there, removed so Ajv's own OpenAPI keyword stays out of it.
  const converted = is31 ? withoutNullable(structuredClone(doc)) : convertDocument(doc, swagger2);
  converted.$id = DOC_ID;
  const ajv = is31 ? new Ajv2020(options()) : new Ajv(options());
  addFormats(ajv);
  ajv.addSchema(converted as object, DOC_ID);
  const compiled = new Map<string, ValidateFunction | Error>();
  // One copy of the document per set of relaxed keywords, for the few lenient bodies.
  const relaxedValidators = new Map<string, { ajv: Ajv | Ajv2020; id: string; unknown: string[] }>();
  const relaxedCheck = (pointer: string, value: unknown, relaxed: readonly RelaxedKeyword[]) => {
    const key = JSON.stringify([...relaxed].sort((a, b) => (a.pointer < b.pointer ? -1 : 1)));
    let entry = relaxedValidators.get(key);
    if (!entry) {
      const id = `https://corpus.specmock.local/relaxed-${relaxedValidators.size + 1}.json`;
      const copy = relaxDocument(converted, relaxed);
      copy.doc.$id = id;
      const ajv = is31 ? new Ajv2020(options()) : new Ajv(options());
      addFormats(ajv);
      ajv.addSchema(copy.doc as object, id);
      relaxedValidators.set(key, (entry = { ajv, id, unknown: copy.unknown }));
    }
    const validate =
      entry.ajv.getSchema(entry.id + pointer) ?? fail(`relaxed document has no schema at ${pointer}`);
    return { ok: validate(value) as boolean, errors: validate.errors ?? [], unknown: entry.unknown };
  };

  const follow = (node: unknown): unknown => {
    for (let i = 0; i < 32 && isObj(node) && typeof node.$ref === 'string'; i++) node = refs.get(node.$ref);
    return node;
  };

  // Request bodies are judged as a request reads the document: readOnly properties left out,
  // writeOnly ones kept (responses: the other way round). 3.1 keeps both as annotations.
  let requestAjv: Ajv | Ajv2020 | undefined;
  const forRequests = (): Ajv | Ajv2020 => {
    if (is31) return ajv;
    if (!requestAjv) {
      const forRequest = convertDocument(doc, swagger2, 'request');
      forRequest.$id = DOC_ID;
      requestAjv = new Ajv(options());
      addFormats(requestAjv);
      requestAjv.addSchema(forRequest as object, DOC_ID);
    }
    return requestAjv;
  };

  const judgeAt = (pointer: string, schema: unknown, contentType: string, body: string): Verdict => {
    if (!isJsonType(contentType)) return { valid: true, kind: 'not-json' };
    let value: unknown;
    try {
      value = body === '' ? undefined : JSON.parse(body);
    } catch {
      return { valid: false, kind: 'body-not-json', detail: body.slice(0, 80) };
    }
    if (value === undefined)
      return schema === undefined ? { valid: true } : { valid: false, kind: 'empty-body' };
    const validate = forRequests().compile({ $ref: DOC_ID + pointer });
    if (validate(value)) return { valid: true };
    const err = (validate.errors ?? [])[0];
    return {
      valid: false,
      kind: classOf(err),
      detail: err ? `${err.instancePath || '/'} ${err.message}` : '',
    };
  };

  return {
    checkRequestBody(tokens, contentType, body) {
      let node: unknown = doc;
      let pointer = '#';
      for (const token of tokens) {
        for (let i = 0; i < 32 && isObj(node) && typeof node.$ref === 'string'; i++) {
          pointer = node.$ref;
          node = refs.get(node.$ref);
        }
        if (!isObj(node)) return undefined;
        node = node[token];
        pointer += `/${esc(token)}`;
      }
      const op = follow(node);
      if (!isObj(op) || op.requestBody === undefined) return undefined;
      const at = isObj(node) && typeof node.$ref === 'string' ? node.$ref : pointer;
      const found = schemaPointer(op.requestBody, `${at}/requestBody`, contentType, false, follow);
      if (found.pointer === undefined) return { valid: true, kind: 'no-schema' };
      try {
        return judgeAt(found.pointer, found.schema, contentType, body);
      } catch (e) {
        return {
          valid: true,
          kind: 'uncompilable',
          detail: (e instanceof Error ? e.message : String(e)).slice(0, 160),
        };
      }
    },
    check(path, method, status, contentType, body, relaxed) {
      const base = `#/paths/${esc(path)}/${method}/responses`;
      const responses = follow(follow((doc.paths as Record<string, unknown>)?.[path]) as never);
      const op = isObj(responses) ? follow(responses[method]) : undefined;
      const table = isObj(op) ? follow(op.responses) : undefined;
      if (!isObj(table)) return undefined;
      const code = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find(
        (c) => table[c] !== undefined,
      );
      if (code === undefined) return undefined;
      const { pointer, schema } = schemaPointer(
        table[code],
        `${base}/${esc(code)}`,
        contentType,
        swagger2,
        follow,
      );
      if (pointer === undefined) return { valid: true, kind: 'no-schema' };
      if (!isJsonType(contentType)) return { valid: true, kind: 'not-json' };
      let value: unknown;
      try {
        value = body === '' ? undefined : JSON.parse(body);
      } catch {
        return { valid: false, kind: 'body-not-json', detail: body.slice(0, 80) };
      }
      if (value === undefined)
        return schema === undefined ? { valid: true } : { valid: false, kind: 'empty-body' };
      let validate = compiled.get(pointer);
      if (!validate) {
        try {
          validate = ajv.compile({ $ref: DOC_ID + pointer });
        } catch (e) {
          validate = e instanceof Error ? e : new Error(String(e));
        }
        compiled.set(pointer, validate);
      }
      if (validate instanceof Error)
        return { valid: true, kind: 'uncompilable', detail: validate.message.slice(0, 160) };
      if (validate(value)) return { valid: true };
      let err = (validate.errors ?? [])[0];
      if (relaxed?.length) {
        const again = relaxedCheck(pointer, value, relaxed);
        if (again.ok && again.unknown.length === 0) return { valid: true, excused: true };
        if (again.unknown.length)
          return {
            valid: false,
            kind: 'relaxed-unknown',
            detail: `no keyword at ${again.unknown.join(', ')}`,
          };
        err = again.errors[0];
      }
      return {
        valid: false,
        kind: classOf(err),
        detail: err ? `${err.instancePath || '/'} ${err.message}` : '',
      };
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}

function options() {
  return {
    strict: false,
    logger: false,
    allErrors: false,
    validateSchema: false,
    validateFormats: true,
    verbose: true,
    code: { regExp: lenientRegExp as never },
  } as const;
}

/** Patterns that are not valid in unicode mode are read as plain ECMAScript regexes. */
function lenientRegExp(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return new RegExp(pattern);
  }
}
lenientRegExp.code = 'lenientRegExp';

/** The JSON pointer (URI fragment) of the media schema the mock answered from. */
function schemaPointer(
  raw: unknown,
  at: string,
  contentType: string,
  swagger2: boolean,
  follow: (n: unknown) => unknown,
): { pointer?: string; schema?: unknown } {
  let here = at;
  let response = raw;
  if (isObj(raw) && typeof raw.$ref === 'string') {
    here = raw.$ref;
    response = follow(raw);
  }
  if (!isObj(response)) return {};
  if (swagger2)
    return response.schema === undefined ? {} : { pointer: `${here}/schema`, schema: response.schema };
  const content = response.content;
  if (!isObj(content)) return {};
  const key = mediaKey(Object.keys(content), contentType);
  if (key === undefined) return {};
  const media = content[key];
  if (!isObj(media) || media.schema === undefined) return {};
  return { pointer: `${here}/content/${esc(key)}/schema`, schema: media.schema };
}

function mediaKey(keys: string[], contentType: string): string | undefined {
  const essence = (t: string) => t.split(';')[0].trim().toLowerCase();
  const want = essence(contentType);
  return (
    keys.find((k) => k === contentType) ??
    keys.find((k) => essence(k) === want) ??
    keys.find((k) => essence(k) === `${want.split('/')[0]}/*`) ??
    keys.find((k) => essence(k) === '*/*')
  );
}

function isJsonType(t: string): boolean {
  const e = t.split(';')[0].trim().toLowerCase();
  return e === 'application/json' || e.endsWith('+json') || e === 'text/json';
}

/**
 * The document with every Schema Object converted for Ajv draft-07 (2.0/3.0), refs left in place,
 * as `direction` reads it: a response leaves writeOnly properties out, a request readOnly ones.
 */
export function convertDocument(
  doc: Record<string, unknown>,
  swagger2: boolean,
  direction: 'response' | 'request' = 'response',
): Record<string, unknown> {
  const copy = structuredClone(doc);
  const hidden = direction === 'response' ? 'writeOnly' : 'readOnly';
  notRequiredWhenHidden(copy, hidden);
  const removal = direction === 'response' ? { removeWriteOnly: true } : { removeReadOnly: true };
  const convert = (schema: unknown): unknown => {
    if (!isObj(schema)) return schema;
    prepare(schema, swagger2);
    const out = fromSchema(schema as never, { cloneSchema: false, strictMode: false, ...removal } as never);
    return draft07(out);
  };
  const walk = (node: unknown, depth: number): void => {
    if (!isObj(node) && !Array.isArray(node)) return;
    if (depth > 64) return;
    for (const [k, v] of Object.entries(node)) {
      if (SKIP_KEYS.has(k) || k.startsWith('x-')) continue;
      if (k === 'schema' && isObj(v)) (node as Record<string, unknown>)[k] = convert(v);
      else walk(v, depth + 1);
    }
  };
  const holder = (swagger2 ? copy : copy.components) as Record<string, unknown> | undefined;
  const slot = swagger2 ? 'definitions' : 'schemas';
  const named = isObj(holder) ? holder[slot] : undefined;
  if (isObj(holder)) delete holder[slot];
  walk(copy, 0);
  if (isObj(named) && isObj(holder)) {
    for (const k of Object.keys(named)) named[k] = convert(named[k]);
    holder[slot] = named;
  }
  return copy;
}

/**
 * OpenAPI: a required writeOnly property is required in requests only (a readOnly one in responses
 * only). The converter sees the flag written on the property; one written on the property's `$ref`
 * target (shipengine's `pickup_window`) is the property's too, so its name leaves `required` here,
 * for the direction that hides it.
 */
function notRequiredWhenHidden(doc: Record<string, unknown>, flag: 'writeOnly' | 'readOnly'): void {
  const target = (ref: string): unknown => at(doc, ref);
  const hidden = (s: unknown): boolean => {
    for (let hops = 0; hops < 16 && isObj(s) && typeof s.$ref === 'string' && s.$ref.startsWith('#'); hops++)
      s = target(s.$ref);
    return isObj(s) && s[flag] === true;
  };
  // The property schemas a node declares itself or through its allOf (shipengine's required list
  // sits beside an allOf that declares the properties).
  const declared = (node: unknown, name: string, depth = 0): unknown[] => {
    for (let hops = 0; hops < 16 && isObj(node) && typeof node.$ref === 'string'; hops++)
      node = target(node.$ref);
    if (!isObj(node) || depth > 16) return [];
    const own = isObj(node.properties) && name in node.properties ? [node.properties[name]] : [];
    const more = Array.isArray(node.allOf) ? node.allOf.flatMap((s) => declared(s, name, depth + 1)) : [];
    return [...own, ...more];
  };
  const seen = new Set<object>();
  const walk = (node: unknown, depth: number): void => {
    if (!isObj(node) && !Array.isArray(node)) return;
    if (depth > 200 || seen.has(node)) return;
    seen.add(node);
    if (isObj(node) && Array.isArray(node.required)) {
      node.required = node.required.filter((n) => {
        const ps = typeof n === 'string' ? declared(node, n) : [];
        return !ps.some((p) => isObj(p) && typeof p.$ref === 'string' && hidden(p));
      });
    }
    for (const [k, v] of Object.entries(node)) if (!SKIP_KEYS.has(k)) walk(v, depth + 1);
  };
  walk(doc, 0);
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const NUMERIC_KEYWORDS = [
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'multipleOf',
  'minProperties',
  'maxProperties',
];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SCHEMA_SINGLES = ['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else'];
const MORE_SINGLES = ['contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'];

/** Calls `fn` on every schema object under `root` (keywords only: a property named "required" is no keyword). */
function eachSchema(root: unknown, fn: (schema: Record<string, unknown>) => void, depth = 0): void {
  if (!isObj(root) || depth > 200) return;
  fn(root);
  for (const k of SCHEMA_MAPS) {
    const map = root[k];
    if (isObj(map)) for (const v of Object.values(map)) eachSchema(v, fn, depth + 1);
  }
  for (const k of SCHEMA_LISTS) {
    const list = root[k];
    if (Array.isArray(list)) for (const v of list) eachSchema(v, fn, depth + 1);
  }
  for (const k of [...SCHEMA_SINGLES, ...MORE_SINGLES]) eachSchema(root[k], fn, depth + 1);
}

const UNDECLARED = 'x-corpus-undeclared-required';

/** What the converter leaves that Ajv cannot compile: Swagger's x-nullable and type file, non-array required. */
function prepare(root: unknown, swagger2: boolean): void {
  eachSchema(root, (schema) => {
    if (swagger2 && schema['x-nullable'] === true) schema.nullable = true;
    // Swagger's `file`, or a type no dialect knows (`long`): Ajv cannot compile it, so it constrains nothing.
    if (typeof schema.type === 'string' && !JSON_TYPES.has(schema.type)) delete schema.type;
    if (schema.required !== undefined && !Array.isArray(schema.required)) delete schema.required;
    // The converter keeps only required names its node declares in `properties`; JSON Schema and
    // OpenAPI require the others too (otoroshi's JWKSAlgoSettings requires an undeclared
    // `publicKey`). Kept aside here, put back by draft07().
    if (Array.isArray(schema.required) && isObj(schema.properties)) {
      const own = schema.properties;
      const undeclared = schema.required.filter((n) => typeof n === 'string' && !(n in own));
      if (undeclared.length) schema[UNDECLARED] = undeclared;
    }
    if (Array.isArray(schema.enum) && schema.enum.length === 0) delete schema.enum; // not a valid schema either
    if (typeof schema.multipleOf === 'number' && !(schema.multipleOf > 0)) delete schema.multipleOf; // idem
    for (const k of ['uniqueItems', 'exclusiveMinimum', 'exclusiveMaximum', 'nullable'])
      if (schema[k] === 'true' || schema[k] === 'false') schema[k] = schema[k] === 'true';
    for (const k of NUMERIC_KEYWORDS)
      if (typeof schema[k] === 'string' && schema[k] !== '' && Number.isFinite(Number(schema[k])))
        schema[k] = Number(schema[k]);
  });
}

/** The converter emits draft-04 (boolean exclusive bounds, $schema): rewrite for Ajv draft-07. */
function draft07(root: unknown): unknown {
  eachSchema(root, (node) => {
    delete node.$schema;
    const undeclared = node[UNDECLARED];
    if (Array.isArray(undeclared)) {
      const kept = Array.isArray(node.required) ? (node.required as unknown[]) : [];
      node.required = [...kept, ...undeclared.filter((n) => !kept.includes(n))];
      delete node[UNDECLARED];
    }
    // Where the converter did not reach (e.g. under definitions), apply its own nullable rule.
    if (node.nullable !== undefined) {
      if (node.nullable === true && typeof node.type === 'string') node.type = [node.type, 'null'];
      delete node.nullable;
    }
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof node[flag] !== 'boolean') continue;
      if (node[flag] === true && typeof node[bound] === 'number') {
        node[flag] = node[bound];
        delete node[bound];
      } else delete node[flag];
    }
  });
  return root;
}

/** 3.1 has no `nullable` keyword: there it is an annotation. */
function withoutNullable<T>(doc: T): T {
  const components = (doc as Record<string, unknown>).components;
  const roots: unknown[] =
    isObj(components) && isObj(components.schemas) ? Object.values(components.schemas) : [];
  const walk = (node: unknown, depth: number): void => {
    if (!isObj(node) && !Array.isArray(node)) return;
    if (depth > 64) return;
    for (const [k, v] of Object.entries(node)) {
      if (SKIP_KEYS.has(k) || k.startsWith('x-')) continue;
      if (k === 'schema' && isObj(v)) roots.push(v);
      else if (k !== 'components') walk(v, depth + 1);
    }
  };
  walk(doc, 0);
  for (const r of roots) eachSchema(r, (s) => delete s.nullable);
  return doc;
}

function classOf(err: ErrorObject | undefined): string {
  if (!err) return 'unknown';
  if (err.keyword === 'format') return `format:${(err.params as { format: string }).format}`;
  if (err.keyword === 'type') return `type:${(err.params as { type: string }).type}<-${kindOf(err.data)}`;
  return err.keyword;
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function esc(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
