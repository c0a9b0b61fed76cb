/**
 * The webhooks and callbacks part of specmock's own OpenAPI document (README "Webhooks and
 * callbacks"), spread into api-paths.ts.
 */
import { problem, auth, apiParam, json } from './shared';

const nameParam = {
  name: 'name',
  in: 'path',
  required: true,
  description:
    'A key of `webhooks`, or `{operationId}.{callback}` (`METHOD /path.{callback}` without an operationId).',
  schema: { type: 'string' },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const query = (name: string, schema: object, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const message = {
  type: 'object',
  properties: {
    method: { type: 'string' },
    url: { type: 'string' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    body: { type: ['string', 'null'] },
  },
};

const delivery = {
  type: 'object',
  required: ['id', 'kind', 'name', 'url', 'status', 'createdAt', 'request', 'attempts'],
  properties: {
    id: { type: 'string' },
    seq: { type: 'integer', description: 'Increasing per API: `?after=` polls from it.' },
    kind: { enum: ['webhook', 'callback'] },
    name: { type: 'string' },
    url: { type: 'string' },
    status: { enum: ['pending', 'retrying', 'delivered', 'failed', 'refused'] },
    createdAt: { type: 'string', format: 'date-time' },
    version: { type: 'string' },
    on: {
      type: 'string',
      description: '`POST /pets` (a callback or subscription), `api` (on demand) or `redeliver`.',
    },
    sandboxId: { type: 'string' },
    redeliveryOf: { type: 'string' },
    request: message,
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'durationMs'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          status: { type: 'integer' },
          durationMs: { type: 'integer' },
          error: { type: 'string' },
        },
      },
    },
    response: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        body: { type: 'string', maxLength: 16384 },
        truncated: { type: 'boolean' },
      },
    },
    nextAttemptAt: { type: 'string', format: 'date-time' },
  },
};

const subscriptions = {
  type: 'object',
  required: ['subscriptions'],
  properties: {
    subscriptions: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['webhook', 'url'],
        properties: {
          webhook: { type: 'string' },
          url: { type: 'string', format: 'uri' },
          on: { type: 'string', description: 'The operation whose every 2xx sends it, as `METHOD /path`.' },
        },
      },
    },
  },
};

const accepted = {
  description: 'The delivery, sent at once and retried by the API’s alarm',
  content: json(delivery),
};

export const webhookPaths = {
  '/v1/apis/{api}/webhooks/{name}/deliveries': {
    post: {
      operationId: 'sendWebhook',
      tags: ['apis'],
      summary: 'Send one webhook or callback now, signed (owner only)',
      security: auth,
      parameters: [apiParam, nameParam],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['url'],
          properties: {
            url: { type: 'string', format: 'uri' },
            version: { type: 'string' },
            payload: { description: 'Sent as is; must satisfy the body schema (400 invalid-payload).' },
            seed: { type: 'string' },
          },
        }),
      },
      responses: { '202': accepted, '400': problem, '401': problem, '404': problem, '429': problem },
    },
  },
  '/v1/apis/{api}/deliveries': {
    get: {
      operationId: 'listDeliveries',
      tags: ['apis'],
      summary: 'The API’s deliveries, newest first (owner only)',
      security: auth,
      parameters: [
        apiParam,
        query('limit', { type: 'integer', minimum: 1, maximum: 200 }, 'At most this many (default 50).'),
        query('after', { type: 'integer', minimum: 0 }, 'Only deliveries with a greater `seq` (polling).'),
        query('webhook', { type: 'string' }, 'Only this webhook or callback.'),
        query('status', { type: 'string' }, 'Only deliveries in this status.'),
      ],
      responses: {
        '200': {
          description: 'Deliveries',
          content: json({ type: 'object', properties: { deliveries: { type: 'array', items: delivery } } }),
        },
        '400': problem,
        '401': problem,
        '404': problem,
      },
    },
  },
  '/v1/apis/{api}/deliveries/{id}': {
    get: {
      operationId: 'getDelivery',
      tags: ['apis'],
      summary: 'One delivery: the request sent, every attempt, the receiver’s answer (owner only)',
      security: auth,
      parameters: [apiParam, idParam],
      responses: {
        '200': { description: 'The delivery', content: json(delivery) },
        '401': problem,
        '404': problem,
      },
    },
  },
  '/v1/apis/{api}/deliveries/{id}/redeliver': {
    post: {
      operationId: 'redeliver',
      tags: ['apis'],
      summary: 'Send a delivery’s request again, as a new delivery (owner only)',
      security: auth,
      parameters: [apiParam, idParam],
      responses: { '202': accepted, '400': problem, '401': problem, '404': problem, '429': problem },
    },
  },
  '/v1/apis/{api}/webhook-subscriptions': {
    get: {
      operationId: 'getWebhookSubscriptions',
      tags: ['apis'],
      summary: 'The API’s webhook subscriptions (owner only)',
      security: auth,
      parameters: [apiParam],
      responses: {
        '200': { description: 'Subscriptions', content: json(subscriptions) },
        '401': problem,
        '404': problem,
      },
    },
    put: {
      operationId: 'putWebhookSubscriptions',
      tags: ['apis'],
      summary: 'Replace the API’s webhook subscriptions (owner only)',
      security: auth,
      parameters: [apiParam],
      requestBody: { required: true, content: json(subscriptions) },
      responses: {
        '200': { description: 'Subscriptions', content: json(subscriptions) },
        '400': problem,
        '401': problem,
        '404': problem,
      },
    },
  },
  '/v1/apis/{api}/webhook-secret': {
    post: {
      operationId: 'rotateWebhookSecret',
      tags: ['apis'],
      summary: 'A new signing secret; the old one signs nothing more (owner only)',
      security: auth,
      parameters: [apiParam],
      responses: {
        '200': {
          description: 'The new secret',
          content: json({
            type: 'object',
            required: ['webhookSecret'],
            properties: { webhookSecret: { type: 'string' } },
          }),
        },
        '401': problem,
        '404': problem,
      },
    },
  },
};
