import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { parse as parseYaml } from 'yaml';

/**
 * The test yardstick for response bodies, sharing nothing with specmock's normaliser: the ORIGINAL
 * document with every Schema Object converted by @openapi-contrib/openapi-schema-to-json-schema
 * (OpenAPI 3.0; writeOnly removed for responses) and rewritten for Ajv draft-07. Responses are
 * addressed by JSON pointer into that document, so internal refs resolve inside it.
 */

export const DOC_ID = 'https://independent.specmock.test/doc.json';
const SKIP = new Set(['example', 'examples', 'default', 'enum', 'const']);
type Obj = Record<string, unknown>;

export interface ResponseSchemas {
  /** The converted document, to register with Ajv under DOC_ID. */
  document: Obj;
  /** `METHOD /template STATUS` → JSON pointer (URI fragment) of its JSON body schema. */
  pointers: Record<string, string>;
}

export function responseSchemas(text: string): ResponseSchemas {
  const doc = parseYaml(text) as Obj;
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.0'))
    throw new Error('the test yardstick handles OpenAPI 3.0 documents');
  const converted = convert(structuredClone(doc)) as Obj;
  converted.$id = DOC_ID;
  const pointers: Record<string, string> = {};
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Obj)) {
    for (const [method, op] of Object.entries(item as Obj)) {
      if (!isObj(op) || !isObj(op.responses)) continue;
      for (const [status, raw] of Object.entries(op.responses)) {
        let at = `#/paths/${esc(path)}/${method}/responses/${esc(status)}`;
        let response = raw;
        if (isObj(raw) && typeof raw.$ref === 'string') {
          at = raw.$ref;
          response = resolve(doc, raw.$ref);
        }
        const content = isObj(response) && isObj(response.content) ? response.content : {};
        const json = Object.keys(content).find((t) => /json/.test(t));
        if (json && isObj(content[json]) && (content[json] as Obj).schema !== undefined)
          pointers[`${method.toUpperCase()} ${path} ${status}`] = `${at}/content/${esc(json)}/schema`;
      }
    }
  }
  return { document: converted, pointers };
}

function convert(node: unknown, depth = 0): unknown {
  if (depth > 64 || (!isObj(node) && !Array.isArray(node))) return node;
  for (const [k, v] of Object.entries(node as Obj)) {
    if (SKIP.has(k) || k.startsWith('x-')) continue;
    if (k === 'schema' && isObj(v)) (node as Obj)[k] = convertSchema(v);
    else if (k === 'schemas' && isObj(v)) for (const n of Object.keys(v)) v[n] = convertSchema(v[n]);
    else convert(v, depth + 1);
  }
  return node;
}

function convertSchema(schema: unknown): unknown {
  const out = fromSchema(
    schema as never,
    { cloneSchema: true, strictMode: false, removeWriteOnly: true } as never,
  );
  return draft07(out);
}

/** The converter emits draft-04 (boolean exclusive bounds, $schema): rewrite for Ajv draft-07. */
function draft07(node: unknown, depth = 0): unknown {
  if (depth > 200 || (!isObj(node) && !Array.isArray(node))) return node;
  if (Array.isArray(node)) return node.map((n) => draft07(n, depth + 1));
  delete node.$schema;
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
  for (const [k, v] of Object.entries(node)) if (!SKIP.has(k)) node[k] = draft07(v, depth + 1);
  return node;
}

function resolve(doc: Obj, ref: string): unknown {
  let cur: unknown = doc;
  for (const t of ref.slice(2).split('/'))
    cur = isObj(cur) ? cur[t.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return cur;
}

function esc(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
