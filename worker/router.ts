import { Router, type IRequest } from 'itty-router';
import type { Env } from './env';
import { isPreflight, preflight, withCors } from './http/cors';
import { fail, problemResponse, ProblemError } from './http/problem';
import { rateLimitHeaders } from './http/rate-limit-headers';
import { deleteApi, deleteVersion, getApi, getVersion, listApis } from './routes/apis';
import { withKey } from './auth/with-key';
import type { AppRequest } from './http/app-request';
import { health } from './routes/health';
import { createKey, revokeKey, updateKey } from './routes/keys';
import { mockRoute } from './routes/serve-mock';
import {
  getDelivery,
  getSubscriptions,
  listDeliveries,
  putSubscriptions,
  redeliver,
  rotateWebhookSecret,
  sendWebhook,
} from './routes/webhooks';
import { openapiDocument } from './routes/openapi';
import { problemCatalogue, problemEntry } from './routes/problems';
import { publish } from './routes/publish';
import { createSandbox, deleteSandbox, getSandbox, listSandboxes, resetSandbox } from './routes/sandboxes';
import { sandboxRoute } from './routes/serve-sandbox';
import { hostDispatch } from './routes/serve-host';
import { usage } from './routes/usage';
import { logCall } from './request-log/log-call';
import { listRequests } from './routes/requests';
import { diffVersions } from './routes/diff';
import { getBehaviour, putBehaviour } from './routes/behaviour';
import { patchApi, rotateMockToken } from './routes/visibility';

/** The one place that turns any thrown error into problem+json: services errors never leak as 5xx text. */
function toProblem(error: unknown, request: IRequest): Response {
  if (error instanceof ProblemError) return problemResponse(error.problem, new URL(request.url).pathname);
  console.error('unhandled error', error instanceof Error ? error.stack : error);
  return problemResponse(
    { type: 'internal-error', detail: 'An unexpected error occurred; it has been logged.' },
    new URL(request.url).pathname,
  );
}

function decorate(response: Response, request: AppRequest): Response {
  const out = withCors(response, request);
  if (request.rateLimit) {
    for (const [name, value] of Object.entries(rateLimitHeaders(request.rateLimit, request.receivedAt)))
      out.headers.set(name, value);
  }
  return out;
}

/** An unknown /v1 path is 404; a known one with another method is 405 with `Allow`, from the route table itself. */
function notAControlRoute(request: AppRequest): never {
  const path = new URL(request.url).pathname;
  const allow = [
    ...new Set(
      router.routes
        .filter(([method, regex]) => method !== 'ALL' && regex.test(path))
        .map(([method]) => method),
    ),
  ].sort();
  if (allow.length === 0) fail('not-found', 'No such endpoint; see GET /v1/openapi.json.');
  return fail(
    'method-not-allowed',
    `${request.method} is not supported here; allowed: ${allow.join(', ')}.`,
    { headers: { allow: allow.join(', ') }, extensions: { allow } },
  );
}

export const router = Router<AppRequest, [Env, ExecutionContext]>({
  before: [
    (request: AppRequest) => {
      request.receivedAt = Date.now();
      if (isPreflight(request)) return preflight(request);
    },
    hostDispatch,
  ],
  catch: toProblem,
  finally: [decorate, logCall],
});

router
  .get('/healthz', health)
  .post('/v1/keys', createKey)
  .patch('/v1/keys/:id', updateKey)
  .delete('/v1/keys/:id', revokeKey)
  .get('/v1/openapi.json', openapiDocument)
  .get('/problems', problemCatalogue)
  .get('/problems/:slug', problemEntry)
  .get('/v1/usage', withKey, usage)
  .get('/v1/apis', withKey, listApis)
  .get('/v1/apis/:api', withKey, getApi)
  .delete('/v1/apis/:api', withKey, deleteApi)
  .patch('/v1/apis/:api', withKey, patchApi)
  .post('/v1/apis/:api/mock-token', withKey, rotateMockToken)
  .get('/v1/apis/:api/requests', withKey, listRequests)
  .get('/v1/apis/:api/diff', withKey, diffVersions)
  .get('/v1/apis/:api/behaviour', withKey, getBehaviour)
  .put('/v1/apis/:api/behaviour', withKey, putBehaviour)
  .post('/v1/apis/:api/webhooks/:name/deliveries', withKey, sendWebhook)
  .get('/v1/apis/:api/deliveries', withKey, listDeliveries)
  .get('/v1/apis/:api/deliveries/:id', withKey, getDelivery)
  .post('/v1/apis/:api/deliveries/:id/redeliver', withKey, redeliver)
  .get('/v1/apis/:api/webhook-subscriptions', withKey, getSubscriptions)
  .put('/v1/apis/:api/webhook-subscriptions', withKey, putSubscriptions)
  .post('/v1/apis/:api/webhook-secret', withKey, rotateWebhookSecret)
  .put('/v1/apis/:api/versions/:version', withKey, publish)
  .get('/v1/apis/:api/versions/:version', withKey, getVersion)
  .delete('/v1/apis/:api/versions/:version', withKey, deleteVersion)
  .post('/v1/sandboxes', withKey, createSandbox)
  .get('/v1/sandboxes', withKey, listSandboxes)
  .get('/v1/sandboxes/:id', withKey, getSandbox)
  .delete('/v1/sandboxes/:id', withKey, deleteSandbox)
  .post('/v1/sandboxes/:id/reset', withKey, resetSandbox)
  .all('/mock/*', mockRoute)
  .all('/sandbox/*', sandboxRoute)
  .all('/v1/*', notAControlRoute)
  .all('*', (request: AppRequest, env: Env) =>
    env.ASSETS ? env.ASSETS.fetch(request) : fail('not-found', 'Not found.'),
  );
