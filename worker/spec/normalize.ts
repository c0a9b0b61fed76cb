import type {
  OperationPlan,
  ParameterPlan,
  Plan,
  PlanWarning,
  RequestBodyPlan,
  ResponsePlan,
  SecurityPlan,
  SecuritySchemePlan,
} from '../mock/plan';
import type { Dialect } from './check-structure';
import { escapeToken } from './json-pointer';
import { HTTP_METHODS, isRecord, mergeParameters, type NormalizeContext } from './normalize-media';
import { oas3 } from './normalize-oas3';
import { SchemaNormalizer } from './normalize-schema';
import { swagger2 } from './normalize-swagger2';
import type { Resolver } from './resolve';

interface DialectRules {
  parameter(ctx: NormalizeContext, raw: unknown, at: string): ParameterPlan | undefined;
  requestBody(
    ctx: NormalizeContext,
    op: Record<string, unknown>,
    at: string,
    rawParams: { raw: unknown; at: string }[],
  ): RequestBodyPlan | undefined;
  responses(ctx: NormalizeContext, op: Record<string, unknown>, at: string): ResponsePlan[];
  securitySchemes(ctx: NormalizeContext, doc: Record<string, unknown>): Record<string, SecuritySchemePlan>;
}

/** One operation before semantic checks: the plan plus where it came from, for error pointers. */
export interface LocatedOperation {
  plan: OperationPlan;
  at: string;
  operationId?: string;
}

export interface Normalized {
  plan: Plan;
  located: LocatedOperation[];
  warnings: PlanWarning[];
}

/** Walks paths × methods once and produces the dialect-free plan. */
export function normalize(doc: Record<string, unknown>, dialect: Dialect, resolver: Resolver): Normalized {
  const warnings: PlanWarning[] = [];
  const warn = (w: PlanWarning) => {
    if (warnings.length < 500) warnings.push(w);
  };
  const schemas = new SchemaNormalizer(resolver, dialect, warn);
  const ctx: NormalizeContext = { resolver, schemas, warn };
  const rules: DialectRules = dialect === 'swagger-2.0' ? swagger2(doc) : oas3;

  const located: LocatedOperation[] = [];
  const paths = isRecord(doc.paths) ? doc.paths : {};
  const rootSecurity = securityOf(doc.security) ?? [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemAt = `/paths/${escapeToken(path)}`;
    const item = resolver.deref(rawItem, itemAt);
    if (!isRecord(item)) continue;
    const itemParams = rawParameters(item.parameters, `${itemAt}/parameters`);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const at = `${itemAt}/${method}`;
      const opParams = rawParameters(op.parameters, `${at}/parameters`);
      const convert = (list: { raw: unknown; at: string }[]) =>
        list.flatMap(({ raw, at: where }) => rules.parameter(ctx, raw, where) ?? []);
      const plan: OperationPlan = {
        id: typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`,
        method,
        path,
        ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
        ...(typeof op.description === 'string' ? { description: op.description.slice(0, 2000) } : {}),
        tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
        deprecated: op.deprecated === true,
        parameters: mergeParameters(convert(itemParams), convert(opParams)),
        responses: rules.responses(ctx, op, at),
        security: securityOf(op.security) ?? rootSecurity,
      };
      const body = rules.requestBody(ctx, op, at, [...itemParams, ...opParams]);
      if (body) plan.requestBody = body;
      located.push({
        plan,
        at,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
      });
    }
  }
  const securitySchemes = rules.securitySchemes(ctx, doc);
  schemas.finish();

  const info = isRecord(doc.info) ? doc.info : {};
  return {
    plan: {
      planVersion: 1,
      dialect,
      title: typeof info.title === 'string' ? info.title : '',
      infoVersion: typeof info.version === 'string' ? info.version : String(info.version ?? ''),
      defs: schemas.defs,
      securitySchemes,
      operations: located.map((l) => l.plan),
    },
    located,
    warnings,
  };
}

function rawParameters(list: unknown, at: string): { raw: unknown; at: string }[] {
  return Array.isArray(list) ? list.map((raw, i) => ({ raw, at: `${at}/${i}` })) : [];
}

/** Security Requirement Objects → alternatives of AND-ed scheme names; `{}` means anonymous is fine. */
function securityOf(raw: unknown): SecurityPlan | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isRecord).map((requirement) => Object.keys(requirement));
}
