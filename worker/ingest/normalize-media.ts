import type {
  HeaderPlan,
  JsonValue,
  MediaPlan,
  NamedExample,
  ParameterPlan,
  PlanWarning,
} from '../mock/plan';
import { escapeToken } from './json-pointer';
import type { Resolver } from './resolve';
import type { SchemaNormalizer } from './normalize-schema';

/** Shared by the OpenAPI 3 and Swagger 2 normalizers: the pieces both dialects spell alike. */
export interface NormalizeContext {
  resolver: Resolver;
  schemas: SchemaNormalizer;
  warn: (warning: PlanWarning) => void;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** OpenAPI 3 `example` / `examples` (with `$ref`s to components/examples) → named examples. */
export function namedExamples(
  ctx: NormalizeContext,
  holder: Record<string, unknown>,
  at: string,
): NamedExample[] {
  const out: NamedExample[] = [];
  if (isRecord(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const here = `${at}/examples/${escapeToken(name)}`;
      const example = ctx.resolver.deref(raw, here);
      if (!isRecord(example)) continue;
      if ('value' in example) out.push({ name, value: example.value as JsonValue });
      else if (typeof example.externalValue === 'string') {
        ctx.warn({
          pointer: here,
          message: 'externalValue examples are never fetched; generated data is served instead',
        });
      }
    }
  }
  if ('example' in holder && holder.example !== undefined)
    out.unshift({ name: 'example', value: holder.example as JsonValue });
  return out;
}

const STYLES = new Set<string>(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

/** An OpenAPI 3 Media Type Object. */
function media(ctx: NormalizeContext, raw: unknown, at: string): MediaPlan {
  const node = ctx.resolver.deref(raw, at);
  if (!isRecord(node)) return { examples: [] };
  const encoding: NonNullable<MediaPlan['encoding']> = {};
  if (isRecord(node.encoding)) {
    for (const [prop, value] of Object.entries(node.encoding)) {
      if (!isRecord(value)) continue;
      const entry: NonNullable<MediaPlan['encoding']>[string] = {};
      if (typeof value.allowReserved === 'boolean') entry.allowReserved = value.allowReserved;
      if (typeof value.style === 'string' && STYLES.has(value.style))
        entry.style = value.style as ParameterPlan['style'];
      if (typeof value.explode === 'boolean') entry.explode = value.explode;
      if (Object.keys(entry).length > 0) encoding[prop] = entry;
    }
  }
  return {
    ...(node.schema !== undefined ? { schema: ctx.schemas.schema(node.schema, `${at}/schema`) } : {}),
    examples: namedExamples(ctx, node, at),
    ...(Object.keys(encoding).length > 0 ? { encoding } : {}),
  };
}

/**
 * A Content map by media type. A key that is no media type is ignored, except, with `anyWhenAlone`
 * (a request body), where it is the only key: spoonacular's DELETEs declare a required body under
 * `""`, which no request could send; read as the range of every media type, its schema still
 * judges what a client sends.
 */
export function contentMap(
  ctx: NormalizeContext,
  raw: unknown,
  at: string,
  { anyWhenAlone = false } = {},
): Record<string, MediaPlan> {
  const out: Record<string, MediaPlan> = {};
  if (!isRecord(raw)) return out;
  const entries = Object.entries(raw);
  const alone = anyWhenAlone && !entries.some(([type]) => type.includes('/'));
  for (const [type, value] of entries) {
    const here = `${at}/${escapeToken(type)}`;
    if (type.includes('/')) out[type] = media(ctx, value, here);
    else if (alone && out['*/*'] === undefined) {
      ctx.warn({ pointer: here, message: `"${type}" is not a media type; read as */*` });
      out['*/*'] = media(ctx, value, here);
    } else ctx.warn({ pointer: here, message: `"${type}" is not a media type; ignored` });
  }
  return out;
}

/** An OpenAPI 3 Header Object (schema or content form). */
export function header(ctx: NormalizeContext, raw: unknown, at: string): HeaderPlan {
  const node = ctx.resolver.deref(raw, at);
  if (!isRecord(node)) return { schema: {}, required: false, examples: [] };
  if (node.schema === undefined && isRecord(node.content)) {
    const [first] = Object.entries(contentMap(ctx, node.content, `${at}/content`));
    return {
      schema: first?.[1].schema ?? {},
      required: node.required === true,
      examples: first?.[1].examples ?? [],
    };
  }
  return {
    schema: node.schema === undefined ? { type: 'string' } : ctx.schemas.schema(node.schema, `${at}/schema`),
    required: node.required === true,
    examples: namedExamples(ctx, node, at),
  };
}

/** Defaults from OpenAPI 3.x §4.8.12.4: form for query/cookie, simple for path/header. */
export function defaultStyle(location: ParameterPlan['in']): ParameterPlan['style'] {
  return location === 'query' || location === 'cookie' ? 'form' : 'simple';
}

/** Operation parameters override path-item ones with the same name and location. */
export function mergeParameters(pathLevel: ParameterPlan[], opLevel: ParameterPlan[]): ParameterPlan[] {
  const key = (p: ParameterPlan) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
  const merged = new Map(pathLevel.map((p) => [key(p), p]));
  for (const p of opLevel) merged.set(key(p), p);
  return [...merged.values()];
}
