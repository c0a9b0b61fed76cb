import type { Env } from './env';
import type { AppRequest } from './http/app-request';
import { isPreflight, preflight } from './http/cors';
import { decorate } from './http/decorate';
import { problemResponse, ProblemError } from './http/problem';
import { logCall } from './request-log/log-call';
import { router } from './router';
import { hostDispatch } from './routes/serve-host';
import { mockRoute } from './routes/serve-mock';
import { sandboxRoute } from './routes/serve-sandbox';

/**
 * Every request enters here, in a straight line: the clock reading, a CORS preflight, a mock's own
 * host, the mock and sandbox path forms (the hot paths, without the route table's scan and its URL
 * and query parsing), else the control API's route table; then any error as problem+json, CORS and
 * RateLimit headers, and the request log. One URL parse at most on a mock call.
 */
export async function handle(request: AppRequest, env: Env, ctx: ExecutionContext): Promise<Response> {
  request.receivedAt = Date.now();
  let response: Response;
  try {
    const routed = isPreflight(request) ? preflight(request) : route(request, env, ctx);
    response = routed instanceof Promise ? await routed : routed;
  } catch (error) {
    response = toProblem(error, request);
  }
  response = decorate(response, request);
  const logged = logCall(response, request, env, ctx);
  return (logged instanceof Promise ? await logged : logged) ?? response;
}

function route(request: AppRequest, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
  const atHost = hostDispatch(request, env, ctx);
  if (atHost) return atHost;
  const path = pathOf(request.url);
  if (isUnder(path, '/mock')) return mockRoute(request, env, ctx);
  if (isUnder(path, '/sandbox')) return sandboxRoute(request, env, ctx);
  return router.fetch(request, env, ctx) as Promise<Response>;
}

/** `/mock` itself or anything below it (what the route table's `/mock/*` matched). */
function isUnder(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/');
}

/** The path of an absolute URL as the runtime hands it over (already normalised by its parser). */
function pathOf(href: string): string {
  const slash = href.indexOf('/', href.indexOf('//') + 2);
  if (slash < 0) return '/';
  let end = href.length;
  const query = href.indexOf('?', slash);
  if (query >= 0) end = query;
  const hash = href.indexOf('#', slash);
  if (hash >= 0 && hash < end) end = hash;
  return href.slice(slash, end);
}

/** The one place that turns any thrown error into problem+json: service errors never leak as 5xx text. */
function toProblem(error: unknown, request: Request): Response {
  if (error instanceof ProblemError) return problemResponse(error.problem, pathOf(request.url));
  console.error('unhandled error', error instanceof Error ? error.stack : error);
  return problemResponse(
    { type: 'internal-error', detail: 'An unexpected error occurred; it has been logged.' },
    pathOf(request.url),
  );
}
