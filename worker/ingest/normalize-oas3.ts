import type { ParameterPlan, RequestBodyPlan, ResponsePlan, SecuritySchemePlan } from '../mock/plan';
import { escapeToken } from './json-pointer';
import {
  contentMap,
  defaultStyle,
  header,
  isRecord,
  namedExamples,
  type NormalizeContext,
} from './normalize-media';

const LOCATIONS = new Set(['path', 'query', 'header', 'cookie']);
const STYLES = new Set([
  'simple',
  'form',
  'matrix',
  'label',
  'spaceDelimited',
  'pipeDelimited',
  'deepObject',
]);

/** OpenAPI 3.0/3.1 dialect: parameters, request bodies, responses and security schemes. */
export const oas3 = {
  parameter(ctx: NormalizeContext, raw: unknown, at: string): ParameterPlan | undefined {
    const node = ctx.resolver.deref(raw, at);
    if (!isRecord(node) || typeof node.name !== 'string' || !LOCATIONS.has(node.in as string))
      return undefined;
    const location = node.in as ParameterPlan['in'];
    const style = STYLES.has(node.style as string)
      ? (node.style as ParameterPlan['style'])
      : defaultStyle(location);
    const plan: ParameterPlan = {
      name: node.name,
      in: location,
      required: location === 'path' ? true : node.required === true,
      schema: node.schema === undefined ? {} : ctx.schemas.schema(node.schema, `${at}/schema`),
      style,
      explode: typeof node.explode === 'boolean' ? node.explode : style === 'form',
      at,
    };
    if (node.schema === undefined && isRecord(node.content)) {
      const [first] = Object.entries(contentMap(ctx, node.content, `${at}/content`));
      if (first) {
        plan.contentType = first[0];
        plan.schema = first[1].schema ?? {};
      }
    }
    if (node.deprecated === true) plan.deprecated = true;
    if (node.allowEmptyValue === true) plan.allowEmptyValue = true;
    if (node.in === 'path' && node['x-ms-skip-url-encoding'] === true) plan.raw = true;
    const examples = namedExamples(ctx, node, at);
    if (
      examples.length > 0 &&
      isRecord(plan.schema) &&
      plan.schema.example === undefined &&
      plan.schema.$ref === undefined
    ) {
      plan.schema = { ...plan.schema, example: examples[0].value };
    }
    return plan;
  },

  requestBody(ctx: NormalizeContext, op: Record<string, unknown>, at: string): RequestBodyPlan | undefined {
    if (op.requestBody === undefined) return undefined;
    const node = ctx.resolver.deref(op.requestBody, `${at}/requestBody`);
    if (!isRecord(node)) return undefined;
    return {
      required: node.required === true,
      content: contentMap(ctx, node.content, `${at}/requestBody/content`, { anyWhenAlone: true }),
    };
  },

  responses(ctx: NormalizeContext, op: Record<string, unknown>, at: string): ResponsePlan[] {
    if (!isRecord(op.responses)) return [];
    return Object.entries(op.responses).flatMap(([status, raw]) => {
      const here = `${at}/responses/${escapeToken(status)}`;
      const node = ctx.resolver.deref(raw, here);
      if (!isRecord(node)) return [];
      const headers: ResponsePlan['headers'] = {};
      if (isRecord(node.headers)) {
        for (const [name, h] of Object.entries(node.headers))
          headers[name] = header(ctx, h, `${here}/headers/${escapeToken(name)}`);
      }
      return [
        {
          status: status.toUpperCase(),
          description: typeof node.description === 'string' ? node.description : '',
          headers,
          content: contentMap(ctx, node.content, `${here}/content`),
        },
      ];
    });
  },

  securitySchemes(ctx: NormalizeContext, doc: Record<string, unknown>): Record<string, SecuritySchemePlan> {
    const components = isRecord(doc.components) ? doc.components : {};
    const raw = isRecord(components.securitySchemes) ? components.securitySchemes : {};
    const out: Record<string, SecuritySchemePlan> = {};
    for (const [name, value] of Object.entries(raw)) {
      const node = ctx.resolver.deref(value, `/components/securitySchemes/${escapeToken(name)}`);
      if (!isRecord(node) || typeof node.type !== 'string') continue;
      out[name] = {
        type: node.type as SecuritySchemePlan['type'],
        ...(typeof node.in === 'string' ? { in: node.in as SecuritySchemePlan['in'] } : {}),
        ...(typeof node.name === 'string' ? { name: node.name } : {}),
        ...(typeof node.scheme === 'string' ? { scheme: node.scheme.toLowerCase() } : {}),
      };
    }
    return out;
  },
};
