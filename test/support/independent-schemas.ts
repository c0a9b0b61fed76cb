import { parse as parseYaml } from 'yaml';
import { convertDocument } from '../../scripts/corpus/independent-validator';

/**
 * The test yardstick for response bodies, sharing nothing with specmock's normaliser: the ORIGINAL
 * document with every Schema Object converted by @openapi-contrib/openapi-schema-to-json-schema
 * (OpenAPI 3.0; writeOnly removed for responses) and rewritten for Ajv draft-07, exactly as the
 * corpus check (`scripts/corpus/independent-validator.ts`) converts it. Responses are
 * addressed by JSON pointer into that document, so internal refs resolve inside it.
 */

export const DOC_ID = 'https://independent.specmock.test/doc.json';
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
  // The corpus check's own conversion: one yardstick for tests and the real-corpus run.
  const converted = convertDocument(doc, false);
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
