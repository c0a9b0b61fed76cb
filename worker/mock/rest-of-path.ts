import { matchRoute, type CompiledRoutes } from './match';
import type { OperationPlan } from './plan';
import { escapeRegex } from '../util/escape-regex';

/**
 * A parameter named for a file path (`path`, `filepath`, `file_path`, `objectPath`), or S3's object
 * `{Key}` (a greedy `{Key+}` in AWS's model; its SDK sends `a/cat.txt` unencoded).
 */
const PATH_PARAM = /path\}$/i;
const S3_KEY = /\{Key\}$/;

/**
 * The path a client meant when a path value came unencoded, spanning segments: a file path in a
 * last parameter named for one (gitea-js calls `/repos/o/r/contents/docs/README.md` for
 * `/repos/{owner}/{repo}/contents/{filepath}`, as such servers accept), or a value the description
 * says is sent as it is (Azure's `x-ms-skip-url-encoding`: `{resourceId}` = `/subscriptions/…`,
 * `{parentResourcePath}` empty or `virtualNetworks/v1`). Returned with each such value in one
 * segment (`docs%2FREADME.md`), so the route takes it as written. Asked only of a path no route takes.
 */
export function spannedPath(routes: CompiledRoutes, method: string, path: string): string | undefined {
  return rawValuesPath(routes, method, path) ?? restAsPathParam(routes, method, path);
}

/** The fewest trailing segments that make a route ending in a `{…path}` parameter. */
function restAsPathParam(routes: CompiledRoutes, method: string, path: string): string | undefined {
  const segments = path.split('/');
  for (let k = segments.length - 2; k >= 2; k--) {
    const candidate = [...segments.slice(0, k), segments.slice(k).join('%2F')].join('/');
    const match = matchRoute(routes, method, candidate);
    if (match.kind === 'found' && (PATH_PARAM.test(match.route) || S3_KEY.test(match.route)))
      return candidate;
  }
  return undefined;
}

interface Spanning {
  regex: RegExp;
  /** Per template segment: its literal text, or the index of its capture. */
  parts: (string | number)[];
  method: string;
}

const spanningRoutes = new WeakMap<CompiledRoutes, Spanning[]>();

/**
 * Bounds on the patterns below, which run on a request's path: with at most two `(.*)` a match
 * backtracks at most on the order of the path's length squared, a million steps at this length.
 */
const MAX_PATH = 1024;
const MAX_RAW = 2;

function rawValuesPath(routes: CompiledRoutes, method: string, path: string): string | undefined {
  if (path.length > MAX_PATH) return undefined;
  const verb = method.toLowerCase();
  for (const route of spanningOf(routes)) {
    if (route.method !== verb && !(verb === 'head' && route.method === 'get')) continue;
    const m = route.regex.exec(path);
    if (!m) continue;
    const segments = route.parts.map((p) => (typeof p === 'string' ? p : m[p + 1].replace(/\//g, '%2F')));
    return `/${segments.join('/')}`;
  }
  return undefined;
}

/** The routes with a raw parameter as a whole segment, as one pattern over the whole path each. */
function spanningOf(routes: CompiledRoutes): Spanning[] {
  let out = spanningRoutes.get(routes);
  if (out) return out;
  out = [];
  for (const group of routes.bySegmentCount.values())
    for (const route of group.all)
      for (const [method, operation] of route.operations) {
        const spanning = compile(route.path, operation);
        if (spanning) out.push({ ...spanning, method });
      }
  spanningRoutes.set(routes, out);
  return out;
}

function compile(template: string, operation: OperationPlan): Omit<Spanning, 'method'> | undefined {
  const raw = new Set(operation.parameters.filter((p) => p.in === 'path' && p.raw).map((p) => p.name));
  if (raw.size === 0 || raw.size > MAX_RAW) return undefined;
  const parts: (string | number)[] = [];
  let source = '';
  let captures = 0;
  for (const segment of template.split('/').slice(1)) {
    const whole = /^\{([^{}]+)\}$/.exec(segment);
    if (whole) {
      // Greedy: of two raw values in a row, the first takes what both could (Azure's parent path).
      source += raw.has(whole[1]) ? '/(.*)' : '/([^/]+)';
      parts.push(captures++);
    } else {
      source += `/${escapeRegex(segment)}`;
      parts.push(segment);
    }
  }
  return { regex: new RegExp(`^${source}$`), parts };
}
