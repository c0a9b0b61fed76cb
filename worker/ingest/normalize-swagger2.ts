import type {
  JsonValue,
  MediaPlan,
  ParameterPlan,
  RequestBodyPlan,
  ResponsePlan,
  Schema,
  SchemaObject,
  SecuritySchemePlan,
} from '../mock/plan';
import { escapeToken } from './json-pointer';
import { isRecord, type NormalizeContext } from './normalize-media';

/** Keys of a Swagger 2.0 non-body parameter or header that are JSON Schema keywords. */
const SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'x-nullable',
  'x-example',
  'example',
];

/** collectionFormat → OpenAPI 3 style/explode, so the validator handles one vocabulary. */
function collectionStyle(
  format: unknown,
  location: ParameterPlan['in'],
): Pick<ParameterPlan, 'style' | 'explode'> {
  switch (format) {
    case 'multi':
      return { style: 'form', explode: true };
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    case 'tsv':
      return { style: 'tsv', explode: false };
    default:
      return { style: location === 'query' || location === 'cookie' ? 'form' : 'simple', explode: false };
  }
}

function schemaOfSimple(ctx: NormalizeContext, node: Record<string, unknown>, at: string) {
  const raw: Record<string, unknown> = {};
  for (const key of SCHEMA_KEYS) if (node[key] !== undefined) raw[key] = node[key];
  // Swagger 2.0 `allowEmptyValue: false` forbids "" for a string: the same as minLength 1.
  if (node.allowEmptyValue === false && raw.type === 'string' && raw.minLength === undefined)
    raw.minLength = 1;
  if (raw['x-example'] !== undefined) {
    raw.example = raw['x-example'];
    delete raw['x-example'];
  }
  return ctx.schemas.schema(raw, at);
}

function mediaTypes(list: unknown, fallback: string[]): string[] {
  return Array.isArray(list) && list.length > 0 && list.every((t) => typeof t === 'string')
    ? (list as string[])
    : fallback;
}

function parameter(ctx: NormalizeContext, raw: unknown, at: string): ParameterPlan | undefined {
  const node = ctx.resolver.deref(raw, at);
  if (!isRecord(node) || typeof node.name !== 'string') return undefined;
  const location = node.in;
  if (location !== 'path' && location !== 'query' && location !== 'header') return undefined;
  return {
    name: node.name,
    in: location,
    required: location === 'path' ? true : node.required === true,
    schema: schemaOfSimple(ctx, node, at),
    ...collectionStyle(node.collectionFormat, location),
    ...(node.allowEmptyValue === true ? { allowEmptyValue: true } : {}),
    ...(location === 'path' && node['x-ms-skip-url-encoding'] === true ? { raw: true as const } : {}),
    at,
  };
}

type ParamNode = { node: Record<string, unknown>; at: string };

/** formData parameters become one object schema under the form media types the operation consumes. */
function formBody(ctx: NormalizeContext, form: ParamNode[], consumes: string[]): RequestBodyPlan {
  const properties: Record<string, SchemaObject | boolean> = {};
  const required: string[] = [];
  const fieldAt: Record<string, string> = {};
  for (const { node, at: where } of form) {
    properties[node.name as string] = schemaOfSimple(ctx, node, where);
    fieldAt[node.name as string] = where;
    if (node.required === true) required.push(node.name as string);
  }
  const schema: SchemaObject = { type: 'object', properties, ...(required.length ? { required } : {}) };
  const hasFile = form.some((p) => p.node.type === 'file');
  const formTypes = consumes.filter((t) => /multipart\/form-data|application\/x-www-form-urlencoded/.test(t));
  const types =
    formTypes.length > 0
      ? formTypes
      : [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
  // A delimited collectionFormat (`pipes`, `ssv`, `tsv`) is the Encoding Object's `style`.
  const encoding: NonNullable<MediaPlan['encoding']> = {};
  for (const { node } of form) {
    const { style } = collectionStyle(node.collectionFormat, 'query');
    if (style !== 'form') encoding[node.name as string] = { style };
  }
  const content: Record<string, MediaPlan> = {};
  for (const type of types)
    content[type] = { schema, examples: [], ...(Object.keys(encoding).length > 0 ? { encoding } : {}) };
  return { required: required.length > 0, content, fieldAt };
}

function requestBody(
  ctx: NormalizeContext,
  op: Record<string, unknown>,
  rawParams: { raw: unknown; at: string }[],
  docConsumes: string[],
): RequestBodyPlan | undefined {
  const consumes = mediaTypes(op.consumes, docConsumes);
  const params = rawParams
    .map(({ raw, at: where }) => ({ node: ctx.resolver.deref(raw, where), at: where }))
    .filter((p) => isRecord(p.node)) as ParamNode[];
  const body = params.find((p) => p.node.in === 'body');
  if (body) {
    const schema =
      body.node.schema === undefined ? {} : ctx.schemas.schema(body.node.schema, `${body.at}/schema`);
    const content: Record<string, MediaPlan> = {};
    for (const type of consumes) content[type] = { schema, examples: [] };
    return { required: body.node.required === true, content, at: body.at };
  }
  const form = params.filter((p) => p.node.in === 'formData' && typeof p.node.name === 'string');
  return form.length === 0 ? undefined : formBody(ctx, form, consumes);
}

/** The response's media types: the produced ones plus any its examples name, each with its example. */
function responseContent(
  node: Record<string, unknown>,
  schema: Schema | undefined,
  produces: string[],
): Record<string, MediaPlan> {
  const examples = isRecord(node.examples) ? node.examples : {};
  const content: Record<string, MediaPlan> = {};
  // An example keyed by a wildcard ("*/*", "text/*") belongs to every produced type it covers.
  const exampleFor = (type: string) =>
    examples[type] ??
    Object.entries(examples).find(
      ([key]) =>
        key.includes('*') &&
        new RegExp(`^${key.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(type),
    )?.[1];
  const types = new Set([...produces, ...Object.keys(examples).filter((k) => !k.includes('*'))]);
  for (const type of types) {
    const example = exampleFor(type);
    if (schema === undefined && example === undefined) continue;
    content[type] = {
      ...(schema !== undefined ? { schema } : {}),
      examples: example === undefined ? [] : [{ name: 'example', value: example as JsonValue }],
    };
  }
  return content;
}

function responseHeaders(
  ctx: NormalizeContext,
  node: Record<string, unknown>,
  here: string,
): ResponsePlan['headers'] {
  const headers: ResponsePlan['headers'] = {};
  if (isRecord(node.headers)) {
    for (const [name, h] of Object.entries(node.headers)) {
      if (isRecord(h))
        headers[name] = {
          schema: schemaOfSimple(ctx, h, `${here}/headers/${escapeToken(name)}`),
          required: false,
          examples: [],
        };
    }
  }
  return headers;
}

function responses(
  ctx: NormalizeContext,
  op: Record<string, unknown>,
  at: string,
  docProduces: string[],
): ResponsePlan[] {
  if (!isRecord(op.responses)) return [];
  const produces = mediaTypes(op.produces, docProduces);
  return Object.entries(op.responses).flatMap(([status, raw]) => {
    const here = `${at}/responses/${escapeToken(status)}`;
    const node = ctx.resolver.deref(raw, here);
    if (!isRecord(node)) return [];
    const schema = node.schema === undefined ? undefined : ctx.schemas.schema(node.schema, `${here}/schema`);
    const content = responseContent(node, schema, produces);
    return [
      {
        status: status.toUpperCase(),
        description: typeof node.description === 'string' ? node.description : '',
        headers: responseHeaders(ctx, node, here),
        content,
      },
    ];
  });
}

function securitySchemes(
  _ctx: NormalizeContext,
  document: Record<string, unknown>,
): Record<string, SecuritySchemePlan> {
  const raw = isRecord(document.securityDefinitions) ? document.securityDefinitions : {};
  const out: Record<string, SecuritySchemePlan> = {};
  for (const [name, node] of Object.entries(raw)) {
    if (!isRecord(node)) continue;
    if (node.type === 'basic') out[name] = { type: 'http', scheme: 'basic' };
    else if (node.type === 'apiKey')
      out[name] = { type: 'apiKey', in: node.in as SecuritySchemePlan['in'], name: String(node.name) };
    else if (node.type === 'oauth2') out[name] = { type: 'oauth2' };
  }
  return out;
}

export function swagger2(doc: Record<string, unknown>) {
  const docConsumes = mediaTypes(doc.consumes, ['application/json']);
  const docProduces = mediaTypes(doc.produces, ['application/json']);
  return {
    parameter,
    requestBody: (
      ctx: NormalizeContext,
      op: Record<string, unknown>,
      _at: string,
      rawParams: { raw: unknown; at: string }[],
    ): RequestBodyPlan | undefined => requestBody(ctx, op, rawParams, docConsumes),
    responses: (ctx: NormalizeContext, op: Record<string, unknown>, at: string): ResponsePlan[] =>
      responses(ctx, op, at, docProduces),
    securitySchemes,
  };
}
