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
import { serverFacts } from './server-base-path';
import type { Resolver } from './resolve';
import { markBrokenRefs } from './broken-refs';
import { normalizeHooks } from './normalize-hooks';

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
  /** The operation object as written (its `callbacks` are read after every path's). */
  raw: Record<string, unknown>;
}

export interface Normalized {
  plan: Plan;
  located: LocatedOperation[];
  warnings: PlanWarning[];
  /** Where each schema object of the plan is written in the upload. */
  origins: WeakMap<object, string>;
  /** 2.0/3.0 `$ref`s whose sibling `type` contradicts the target: the `type`'s pointer. */
  ignoredRefTypes: ReadonlyMap<object, string>;
}

/** Walks paths × methods once and produces the dialect-free plan. */
export function normalize(doc: Record<string, unknown>, dialect: Dialect, resolver: Resolver): Normalized {
  const warnings: PlanWarning[] = [];
  // Every warning is kept here; ingest summarises past its cap, so none is silently cut.
  const warn = (w: PlanWarning) => {
    if (warnings.length < 100_000) warnings.push(w);
  };
  const schemas = new SchemaNormalizer(resolver, dialect, warn);
  const ctx: NormalizeContext = { resolver, schemas, warn };
  const rules: DialectRules = dialect === 'swagger-2.0' ? swagger2(doc) : oas3;

  const located: LocatedOperation[] = [];
  const paths = isRecord(doc.paths) ? doc.paths : {};
  const items: PathItems = { ctx, rules, rootSecurity: securityOf(doc.security) ?? [] };
  for (const [path, rawItem] of Object.entries(paths))
    located.push(...pathItemOperations(items, path, rawItem, `/paths/${escapeToken(path)}`));
  const hooks = normalizeHooks(doc, located, items, warn);
  const securitySchemes = rules.securitySchemes(ctx, doc);
  schemas.finish();
  markBrokenRefs(
    located.map((l) => l.plan),
    schemas.defs,
    resolver.missing,
  );
  for (const m of resolver.missing)
    warn({
      pointer: m.pointer,
      message: `$ref "${m.ref}" does not resolve to anything in the document; operations that use it answer an unresolved-ref problem`,
    });

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
      ...serverFacts(doc, dialect),
      ...(hooks.length > 0 ? { hooks } : {}),
    },
    located,
    warnings,
    origins: schemas.origins,
    ignoredRefTypes: schemas.ignoredRefTypes,
  };
}

/**
 * 1xx responses are interim: a mock cannot send one as the answer (the Fetch API refuses the
 * status), so they are skipped with a warning. An operation left with none answers 200, no body.
 */
/** What reading a path item needs: the dialect's rules and the document's default security. */
export interface PathItems {
  ctx: NormalizeContext;
  rules: DialectRules;
  rootSecurity: SecurityPlan;
}

/**
 * The operations of one path item (a path's, a webhook's or a callback expression's), at `itemAt`.
 * `path` is the key they are served or sent under.
 */
export function pathItemOperations(
  { ctx, rules, rootSecurity }: PathItems,
  path: string,
  rawItem: unknown,
  itemAt: string,
): LocatedOperation[] {
  const { resolver } = ctx;
  const located: LocatedOperation[] = [];
  const before = resolver.missing.length;
  const item = resolver.deref(rawItem, itemAt);
  if (!isRecord(item)) return located;
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
      responses: servableResponses(rules.responses(ctx, op, at), at, ctx.warn),
      security: securityOf(op.security) ?? rootSecurity,
    };
    const body = rules.requestBody(ctx, op, at, [...itemParams, ...opParams]);
    if (body) plan.requestBody = body;
    // A parameter, body or response that is itself a dangling ref was skipped: say so on calls.
    const dangling = resolver.missing
      .slice(before)
      .find((m) => m.pointer.startsWith(`${at}/`) || m.pointer.startsWith(`${itemAt}/parameters`));
    if (dangling) plan.brokenRef = dangling;
    located.push({
      plan,
      at,
      raw: op,
      ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
    });
  }
  return located;
}

function servableResponses(list: ResponsePlan[], at: string, warn: (w: PlanWarning) => void): ResponsePlan[] {
  const kept = list.filter((r) => {
    if (!/^1(\d\d|XX)$/.test(r.status)) return true;
    warn({
      pointer: `${at}/responses/${r.status.toLowerCase()}`,
      message: `${r.status} is an interim (1xx) response; it is never served`,
    });
    return false;
  });
  if (kept.length > 0) return kept;
  warn({
    pointer: `${at}/responses`,
    message: 'the operation defines no final response; the mock answers 200 with no body',
  });
  return [{ status: '200', description: '', headers: {}, content: {} }];
}

function rawParameters(list: unknown, at: string): { raw: unknown; at: string }[] {
  return Array.isArray(list) ? list.map((raw, i) => ({ raw, at: `${at}/${i}` })) : [];
}

/** Security Requirement Objects → alternatives of AND-ed scheme names; `{}` means anonymous is fine. */
function securityOf(raw: unknown): SecurityPlan | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isRecord).map((requirement) => Object.keys(requirement));
}
