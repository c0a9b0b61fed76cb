import { matchRoute, type CompiledRoutes } from './match';

/** A parameter named for a file path (`path`, `filepath`, `file_path`, `objectPath`). */
const PATH_PARAM = /path\}$/i;

/**
 * The path a client meant when it sent a file path unencoded into a last parameter named for one:
 * gitea-js calls `/repos/o/r/contents/docs/README.md` for `/repos/{owner}/{repo}/contents/{filepath}`,
 * as the servers of such APIs accept. The fewest trailing segments that make a route ending in such
 * a parameter are taken as its value (`docs%2FREADME.md`). Asked only of a path no route takes.
 */
export function restAsPathParam(routes: CompiledRoutes, method: string, path: string): string | undefined {
  const segments = path.split('/');
  for (let k = segments.length - 2; k >= 2; k--) {
    const candidate = [...segments.slice(0, k), segments.slice(k).join('%2F')].join('/');
    const match = matchRoute(routes, method, candidate);
    if (match.kind === 'found' && PATH_PARAM.test(match.route)) return candidate;
  }
  return undefined;
}
