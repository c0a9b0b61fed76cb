import { Router } from 'itty-router';
import type { Env } from './env';
import { fail } from './http/problem';
import { deleteApi, deleteVersion, getApi, getVersion, listApis } from './routes/apis';
import { withKey } from './auth/with-key';
import type { AppRequest } from './http/app-request';
import { health } from './routes/health';
import { createKey, revokeKey, updateKey } from './routes/keys';
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
import { usage } from './routes/usage';
import { listRequests } from './routes/requests';
import { diffVersions } from './routes/diff';
import { getBehaviour, putBehaviour } from './routes/behaviour';
import { patchApi, rotateMockToken } from './routes/visibility';

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

/**
 * The control API's route table. The edge (edge.ts) reads every request first: preflights, mock
 * hosts and the mock and sandbox path forms never reach this table; errors thrown here are its to
 * turn into problem+json.
 */
export const router = Router<AppRequest, [Env, ExecutionContext]>();

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
  .all('/v1/*', notAControlRoute)
  .all('*', (request: AppRequest, env: Env) =>
    env.ASSETS ? env.ASSETS.fetch(request) : fail('not-found', 'Not found.'),
  );
