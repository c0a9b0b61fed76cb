import type { OperationPlan, Plan } from './plan';
import { derefShallow, isObj } from './schema-refs';
import { markOverlaps } from './route-fit';
import { escapeRegex } from '../util/escape-regex';

/** A path template compiled once per plan: each segment is a literal or a capture pattern. */
export interface Segment {
  literal?: string;
  /** For templated segments such as "{id}" or "{name}.json". */
  regex?: RegExp;
  names?: string[];
  /** 2 = literal, 1 = partly templated ("{id}.json"), 0 = fully templated: concrete beats templated. */
  rank: number;
  /**
   * Of two partly templated segments, the one with more literal text is the more concrete: Graph's
   * `image(width={width},height={height},fittingMode='{fittingMode}')` before the same without
   * `fittingMode`, whose `{height}` would take `20,fittingMode='fit'`.
   */
  literalChars: number;
}

export interface Route {
  path: string;
  segments: Segment[];
  operations: Map<string, OperationPlan>;
  /** Set when a path could match another route too: whether the path's values fit this one's. */
  fits?: (params: Record<string, string>) => boolean;
}

/** Routes of one segment count, split by their first segment so a lookup scans only plausible ones. */
interface RouteGroup {
  /** First segment literal → routes, most concrete first. */
  byFirst: Map<string, Route[]>;
  /** Routes whose first segment is templated, most concrete first. */
  templatedFirst: Route[];
  /** Every route of the group, most concrete first (a path read in any case, `findFolded`). */
  all: Route[];
}

export interface CompiledRoutes {
  bySegmentCount: Map<number, RouteGroup>;
}

type Hit = { route: Route; params: Record<string, string>; unfit?: true };

export type FoundRoute = Extract<MatchResult, { kind: 'found' }>;

export type MatchResult =
  | {
      kind: 'found';
      operation: OperationPlan;
      pathParams: Record<string, string>;
      route: string;
      /** Other operations the path and method match alike, best first (see matchRoute). */
      others?: () => FoundRoute[];
    }
  | { kind: 'no-path' }
  | { kind: 'no-method'; allow: string[]; route: string; operations: OperationPlan[] };

export function compileRoutes(plan: Plan): CompiledRoutes {
  const byPath = new Map<string, Route>();
  for (const op of plan.operations) {
    const key = normalizeTemplate(op.path);
    let route = byPath.get(key);
    if (!route) {
      const values = pathEnums(op, plan);
      route = {
        path: op.path,
        segments: splitPath(key).map((segment) => compileSegment(segment, values)),
        operations: new Map(),
      };
      byPath.set(key, route);
    }
    route.operations.set(op.method, op);
  }
  const lists = new Map<number, Route[]>();
  for (const route of byPath.values()) {
    const list = lists.get(route.segments.length) ?? [];
    list.push(route);
    lists.set(route.segments.length, list);
  }
  const bySegmentCount = new Map<number, RouteGroup>();
  for (const [count, list] of lists) {
    // Most concrete first, comparing segment by segment from the left, so the first hit wins.
    list.sort(compareRoutes);
    const group: RouteGroup = { byFirst: new Map(), templatedFirst: [], all: list };
    for (const route of list) {
      const first = route.segments[0]?.literal;
      if (first === undefined) group.templatedFirst.push(route);
      else group.byFirst.set(first, [...(group.byFirst.get(first) ?? []), route]);
    }
    bySegmentCount.set(count, group);
    markOverlaps(list, [], 0, plan);
  }
  return { bySegmentCount };
}

/**
 * Finds the operation for a request path (relative to the mock URL, still percent-encoded).
 * A trailing slash is ignored unless the spec itself writes one, and then it may be left out.
 */
export function matchRoute(routes: CompiledRoutes, method: string, rawPath: string): MatchResult {
  const segments = splitPath(rawPath);
  const trailing = segments.length > 0 && segments[segments.length - 1] === '';
  // "/pets/" is "/pets" before it is "/pets/{id}" with an empty id.
  const verb = method.toLowerCase();
  // Two templates of the same shape (`/v1/{name}` GET, `/v1/{parent}` POST) are one path to a caller:
  // the first matching route that has the method wins; 405 only when none has it.
  const has = (route: Route) =>
    route.operations.has(verb) || (verb === 'head' && route.operations.has('get'));
  let first: Route | undefined;
  const pick = (route: Route) => {
    first ??= route;
    return has(route);
  };
  let hit = trailing ? slashed(routes, segments, pick) : undefined;
  hit ??= findIn(routes.bySegmentCount.get(segments.length), segments, pick);
  // A path the spec writes with a trailing slash (Django's) is also found without it.
  if (!trailing) hit ??= findWritten(routes, [...segments, ''], pick);
  if (!hit && !first) hit = findFolded(routes.bySegmentCount.get(segments.length), segments, pick);
  if (!hit)
    return first
      ? {
          kind: 'no-method',
          allow: allowedMethods(first),
          route: first.path,
          operations: [...first.operations.values()],
        }
      : { kind: 'no-path' };
  const result = found(hit, verb);
  // Routes a path could match several of (`fits`): the others that take it too, asked only when
  // the call does not satisfy this one's request (reverb declares two POSTs of one path).
  const chosen = hit.route;
  if (chosen.fits && chosen.segments.length === segments.length)
    result.others = () => othersTaking(routes, segments, has, chosen).map((other) => found(other, verb));
  return result;
}

function found(hit: Hit, verb: string): FoundRoute {
  const operation = hit.route.operations.get(verb) ?? hit.route.operations.get('get')!;
  return { kind: 'found', operation, pathParams: hit.params, route: hit.route.path };
}

function othersTaking(
  routes: CompiledRoutes,
  segments: string[],
  has: (route: Route) => boolean,
  chosen: Route,
): Hit[] {
  const taken = new Set([chosen]);
  const out: Hit[] = [];
  for (;;) {
    const next = findIn(routes.bySegmentCount.get(segments.length), segments, (r) => !taken.has(r) && has(r));
    if (!next || next.unfit) return out;
    taken.add(next.route);
    out.push(next);
  }
}

/**
 * A path sent with a trailing slash: the route without it, unless the spec writes the path with
 * its slash and that route is as concrete (gwells' `/wells/tags/` is not `/wells/{number}`).
 */
function slashed(
  routes: CompiledRoutes,
  segments: string[],
  pick: (route: Route) => boolean,
): Hit | undefined {
  const trimmed = segments.slice(0, -1);
  const bare = findIn(routes.bySegmentCount.get(trimmed.length), trimmed, pick);
  const written = findWritten(routes, segments, pick);
  if (!written || !bare) return written ?? bare;
  return compareSegments(written.route, bare.route, trimmed.length) <= 0 ? written : bare;
}

/** Among the routes the spec writes with a trailing slash only (never an empty last parameter). */
function findWritten(
  routes: CompiledRoutes,
  segments: string[],
  pick: (route: Route) => boolean,
): Hit | undefined {
  const last = segments.length - 1;
  return findIn(routes.bySegmentCount.get(segments.length), segments, (route) => {
    return route.segments[last].literal === '' && pick(route);
  });
}

function allowedMethods(route: Route): string[] {
  // OPTIONS is listed only when the spec defines it: CORS preflights are answered before routing,
  // and a plain OPTIONS to a path without one gets this very 405.
  const methods = new Set([...route.operations.keys()].map((m) => m.toUpperCase()));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

function findIn(
  group: RouteGroup | undefined,
  segments: string[],
  accept: (route: Route) => boolean,
): Hit | undefined {
  if (!group) return undefined;
  // A literal first segment outranks a templated one, so its candidates come first.
  const literal =
    segments.length > 0
      ? (group.byFirst.get(segments[0]) ?? group.byFirst.get(safeDecode(segments[0])))
      : undefined;
  const first = literal ? findRoute(literal, segments, accept) : undefined;
  if (first && !first.unfit) return first;
  const second = findRoute(group.templatedFirst, segments, accept);
  return second && !second.unfit ? second : (first ?? second);
}

/**
 * A path no route takes as written, whose literal segments a route spells in another case:
 * Postmark's SDK calls `/deliveryStats` and `/triggers/inboundRules`, its description writes
 * `/deliverystats` and `/triggers/inboundrules`, and its servers (ASP.NET) read paths in any case.
 * Tried last, so a route written as sent always wins; parameter values keep their case.
 */
function findFolded(
  group: RouteGroup | undefined,
  segments: string[],
  accept: (route: Route) => boolean,
): Hit | undefined {
  if (!group) return undefined;
  const hit = findRoute(group.all, segments, accept, true);
  return hit && !hit.unfit ? hit : undefined;
}

/**
 * The first route that takes the path and the method. Of routes a path could match several of
 * (`fits` set), the first whose values fit, else the first (marked `unfit`). `fold`: literal
 * segments compare in any case.
 */
function findRoute(
  routes: Route[],
  segments: string[],
  accept: (route: Route) => boolean,
  fold = false,
): Hit | undefined {
  let unfit: Hit | undefined;
  outer: for (const route of routes) {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const seg = route.segments[i];
      if (seg.literal !== undefined) {
        if (
          seg.literal !== segments[i] &&
          seg.literal !== safeDecode(segments[i]) &&
          !sameFolded(seg.literal, segments[i], fold)
        )
          continue outer;
        continue;
      }
      const m = seg.regex!.exec(segments[i]);
      if (!m) continue outer;
      seg.names!.forEach((name, k) => {
        params[name] = safeDecode(m[k + 1]);
      });
    }
    if (!accept(route)) continue;
    if (!route.fits || route.fits(params)) return { route, params };
    unfit ??= { route, params, unfit: true };
  }
  return unfit;
}

function sameFolded(literal: string, segment: string, fold: boolean): boolean {
  return fold && literal.toLowerCase() === safeDecode(segment).toLowerCase();
}

function compareRoutes(a: Route, b: Route): number {
  return compareSegments(a, b, a.segments.length);
}

/** Negative when `a`'s first `count` segments are the more concrete. */
function compareSegments(a: Route, b: Route, count: number): number {
  for (let i = 0; i < count; i++) {
    const diff = b.segments[i].rank - a.segments[i].rank;
    if (diff !== 0) return diff;
    const literal = b.segments[i].literalChars - a.segments[i].literalChars;
    if (literal !== 0) return literal;
  }
  return 0;
}

/**
 * The string values a path parameter's schema lists (`enum`), by name. Inside a segment they are
 * the only captures tried: healthcare.gov's `{pageName}{mediaTypeExtension}` with the extension one
 * of [".json"] split `about.json` as "a" and "bout.json".
 */
function pathEnums(op: OperationPlan, plan: Plan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of op.parameters) {
    if (p.in !== 'path') continue;
    const schema = derefShallow(p.schema, plan.defs);
    const values = isObj(schema) ? schema.enum : undefined;
    if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string'))
      out.set(p.name, values as string[]);
  }
  return out;
}

function compileSegment(segment: string, enums: Map<string, string[]>): Segment {
  if (!segment.includes('{')) return { literal: segment, rank: 2, literalChars: segment.length };
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of segment.matchAll(/\{([^}]*)\}/g)) {
    const values = enums.get(m[1]);
    // Longest first, so one value that starts another does not cut it short.
    const capture = values
      ? `(${[...values]
          .sort((a, b) => b.length - a.length)
          .map((v) => escapeRegex(encodeURIComponent(v)) + '|' + escapeRegex(v))
          .join('|')})`
      : '([^/]+?)';
    source += escapeRegex(segment.slice(last, m.index)) + capture;
    names.push(m[1]);
    last = m.index! + m[0].length;
  }
  source += escapeRegex(segment.slice(last));
  const whole = names.length === 1 && /^\{[^}]*\}$/.test(segment);
  // An empty full-segment value still matches ("/path//foo"): validation then reports the missing
  // required parameter (422), which says more than a 404 would.
  return {
    regex: new RegExp(`^${whole ? '([^/]*)' : source}$`),
    names,
    rank: whole ? 0 : 1,
    literalChars: segment.replace(/\{[^}]*\}/g, '').length,
  };
}

/** Paths are compared as segments; a leading slash is implied and "{x}" names are kept. */
function splitPath(path: string): string[] {
  const clean = path.startsWith('/') ? path.slice(1) : path;
  return clean === '' ? [] : clean.split('/');
}

function normalizeTemplate(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The request path without the description's server base path (`/v3/mail/send` → `/mail/send`), or
 * undefined when it does not start with it. Tried only after the path as sent matched nothing, so a
 * spec path that itself starts with the same segment always wins.
 */
export function withoutBasePath(basePath: string | undefined, rawPath: string): string | undefined {
  if (!basePath) return undefined;
  if (rawPath === basePath) return '/';
  return rawPath.startsWith(`${basePath}/`) ? rawPath.slice(basePath.length) : undefined;
}
