import { decodeParam, type Decoded } from './bracket-notation';
import { derefShallow, isObj } from './schema-refs';
import type { OperationPlan, ParameterPlan, Schema, SchemaObject } from './plan';

/**
 * OpenAPI parameter serialization (style/explode, and Swagger 2.0 collectionFormat mapped onto it at
 * ingest) turned back into JSON values, for `coerce` to type. Query parameters also read the bracket
 * notation form SDKs send whatever the style says (`expand[]=a`, `filter[status]=open`, nested
 * `deepObject` members), as the servers behind those APIs do.
 */
type Raw = Decoded | undefined;

const DELIMITERS: Partial<Record<ParameterPlan['style'], string>> = {
  spaceDelimited: ' ',
  pipeDelimited: '|',
  tsv: '\t',
};

/**
 * `isDeclared` says which keys are the names of the operation's own query parameters, so that a
 * parameter literally named `page[size]` (JSON:API) is never read as a member of `page`.
 */
export function readQueryParam(
  param: ParameterPlan,
  query: [string, string][],
  defs: Record<string, Schema>,
  isDeclared: (key: string) => boolean = () => false,
): Raw {
  const raw = readExactly(param, query, defs, isDeclared);
  if (raw !== undefined || query.length === 0) return raw;
  // Absent by its exact name: the name a client spelt in another case (Postmark's description names
  // `Count` and `Offset`, its SDK sends `count` and `offset`; servers on ASP.NET and others read
  // query names in any case). A name the operation declares itself is never read as another.
  const lower = param.name.toLowerCase();
  const spelt = query.find(([key]) => key !== param.name && key.toLowerCase() === lower && !isDeclared(key));
  if (!spelt) return undefined;
  const renamed = query.map(([key, value]): [string, string] => [key === spelt[0] ? param.name : key, value]);
  return readExactly(param, renamed, defs, isDeclared);
}

/** The names of an operation's query parameters, built once per operation (`isDeclared`). */
const queryNames = new WeakMap<OperationPlan, (key: string) => boolean>();

export function declaredQueryNames(operation: OperationPlan): (key: string) => boolean {
  let test = queryNames.get(operation);
  if (!test) {
    const names = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    test = (key: string) => names.has(key);
    queryNames.set(operation, test);
  }
  return test;
}

function readExactly(
  param: ParameterPlan,
  query: [string, string][],
  defs: Record<string, Schema>,
  isDeclared: (key: string) => boolean,
): Raw {
  const values = query.filter(([k]) => k === param.name).map(([, v]) => v);
  // A parameter described by `content` is one serialized value: no style splits it.
  if (param.contentType) return values[values.length - 1];
  const bracketed = decodeParam(param.name, query, param.schema, defs, isDeclared);
  if (bracketed !== undefined) return bracketed;
  const kind = shapeOf(param.schema, defs);
  if (param.style === 'deepObject') return values.length === 0 ? undefined : values[values.length - 1];
  if (kind === 'object' && param.explode && param.style === 'form') {
    const props = objectProperties(param.schema, defs);
    const entries = query.filter(([k]) => props.includes(k));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  if (values.length === 0) return undefined;
  if (kind === 'array') {
    const delimiter = DELIMITERS[param.style];
    if (delimiter) return values.flatMap((v) => v.split(delimiter));
    return param.explode ? values : values.flatMap((v) => v.split(','));
  }
  if (kind === 'object') return pairs(values[0].split(','));
  return values[values.length - 1];
}

export function readSimple(param: ParameterPlan, raw: string | undefined, defs: Record<string, Schema>): Raw {
  if (raw === undefined || param.contentType) return raw;
  const kind = shapeOf(param.schema, defs);
  let text = raw;
  let separator = ',';
  if (param.style === 'label' && text.startsWith('.')) {
    text = text.slice(1);
    if (param.explode) separator = '.';
  } else if (param.style === 'matrix') {
    const prefix = `;${param.name}=`;
    if (param.explode && kind === 'array')
      return text
        .split(';')
        .filter(Boolean)
        .map((p) => p.replace(`${param.name}=`, ''));
    if (text.startsWith(prefix)) text = text.slice(prefix.length);
    else if (text.startsWith(';')) text = text.slice(1);
    if (param.explode) separator = ';';
  }
  if (kind === 'array') return text === '' ? [] : text.split(separator);
  if (kind === 'object') {
    const parts = text.split(separator);
    return param.explode
      ? Object.fromEntries(parts.map((p) => [p.split('=')[0], p.split('=').slice(1).join('=')]))
      : pairs(parts);
  }
  return text;
}

function pairs(parts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i]] = parts[i + 1];
  return out;
}

function shapeOf(schema: Schema, defs: Record<string, Schema>, depth = 0): 'array' | 'object' | 'scalar' {
  const s = derefShallow(schema, defs);
  if (!isObj(s)) return 'scalar';
  const types = Array.isArray(s.type) ? s.type : [s.type];
  // A declared type decides: beezup's `{type: string, items: …}` Accept-Encoding is one string.
  const typed = s.type !== undefined;
  if (types.includes('array') || (!typed && s.items !== undefined)) return 'array';
  if (types.includes('object') || (!typed && s.properties !== undefined)) return 'object';
  // An object made of an allOf (AWS's query parameters): the shape of its members.
  if (Array.isArray(s.allOf) && depth < 8)
    for (const member of s.allOf) {
      const shape = shapeOf(member, defs, depth + 1);
      if (shape !== 'scalar') return shape;
    }
  return 'scalar';
}

function objectProperties(schema: Schema, defs: Record<string, Schema>): string[] {
  const s = derefShallow(schema, defs);
  return isObj(s) ? Object.keys(propertiesOf(s, defs)) : [];
}

/** Declared properties, including those an `allOf` brings (one level, through refs). */
function propertiesOf(s: SchemaObject, defs: Record<string, Schema>): Record<string, Schema> {
  const own = (isObj(s.properties as Schema) ? s.properties : {}) as Record<string, Schema>;
  if (!Array.isArray(s.allOf)) return own;
  const merged: Record<string, Schema> = {};
  for (const member of s.allOf) {
    const m = derefShallow(member, defs);
    if (isObj(m) && isObj(m.properties as Schema)) Object.assign(merged, m.properties);
  }
  return { ...merged, ...own };
}
