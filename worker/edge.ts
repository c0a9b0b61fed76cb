import type { Env } from './env';
import type { AppRequest } from './http/app-request';
import { isPreflight, preflight } from './http/cors';
import { decorate } from './http/decorate';
import { problemResponse, ProblemError } from './http/problem';
import { requestTarget, type RequestTarget } from './http/request-target';
import { logCall } from './request-log/log-call';
import { serviceRoute } from './router';
import { hostDispatch } from './routes/serve-host';
import { mockRoute } from './routes/serve-mock';
import { sandboxRoute } from './routes/serve-sandbox';

/**
 * Every request enters here, in a straight line: the clock reading, a CORS preflight, a mock's own
 * host, the mock and sandbox path forms (the hot paths, without the route table's scan and its URL
 * and query parsing), else the control API's route table; then any error as problem+json, CORS and
 * RateLimit headers, and the request log. The URL is cut once (request-target.ts), never parsed on
 * a mock call. A call that waits for nothing is answered without a promise: workerd takes a plain
 * `Response` back for less than a settled one (bench/ab-cpu.mjs, 11 rounds: `/healthz` 3.0 µs and
 * a kept local answer 2.8 µs less CPU per request; hosted mode 0.0).
 */
export function handle(request: AppRequest, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
  request.receivedAt = Date.now();
  request.verb = request.method;
  const target = requestTarget(request.url);
  let routed: Response | Promise<Response>;
  try {
    routed = isPreflight(request.verb, request) ? preflight(request) : route(request, env, ctx, target);
  } catch (error) {
    routed = toProblem(error, target.pathname);
  }
  if (routed instanceof Promise)
    return routed.then(
      (response) => finish(response, request, env, ctx),
      (error: unknown) => finish(toProblem(error, target.pathname), request, env, ctx),
    );
  return finish(routed, request, env, ctx);
}

/** CORS and RateLimit headers, then the request log; synchronous when nothing waits. */
function finish(
  answer: Response,
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
): Response | Promise<Response> {
  const response = decorate(answer, request);
  const logged = logCall(response, request, env, ctx);
  return logged instanceof Promise ? logged.then((kept) => kept ?? response) : (logged ?? response);
}

function route(
  request: AppRequest,
  env: Env,
  ctx: ExecutionContext,
  target: RequestTarget,
): Response | Promise<Response> {
  const atHost = hostDispatch(request, env, ctx, target);
  if (atHost) return atHost;
  const path = target.pathname;
  if (isUnder(path, '/mock')) return mockRoute(request, env, ctx, target);
  if (isUnder(path, '/sandbox')) return sandboxRoute(request, env, ctx, target);
  request.service = true;
  return serviceRoute(request, env, ctx, target);
}

/** `/mock` itself or anything below it (what the route table's `/mock/*` matched). */
function isUnder(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/');
}

/** The one place that turns any thrown error into problem+json: service errors never leak as 5xx text. */
function toProblem(error: unknown, path: string): Response {
  if (error instanceof ProblemError) return problemResponse(error.problem, path);
  console.error('unhandled error', error instanceof Error ? error.stack : error);
  return problemResponse(
    { type: 'internal-error', detail: 'An unexpected error occurred; it has been logged.' },
    path,
  );
}
