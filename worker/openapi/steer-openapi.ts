/**
 * The request log, behaviour settings and private-mock parts of specmock's own OpenAPI document,
 * spread into specmock-openapi.ts.
 */
import { problem, auth, apiParam, json } from './shared';

const integer = (name: string, description: string, extra: object = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', minimum: 0, ...extra },
});

export const steerApiPatch = {
  operationId: 'patchApi',
  tags: ['apis'],
  summary: 'Make the mock private or public (owner only)',
  description:
    'A private API’s mock and sandbox calls need its mock token in `X-Specmock-Token` or `?__token=`; without it they get 401 and are not counted. The first switch to private mints the token.',
  security: auth,
  requestBody: {
    required: true,
    content: json({
      type: 'object',
      required: ['visibility'],
      additionalProperties: false,
      properties: { visibility: { enum: ['private', 'public'] } },
    }),
  },
  responses: {
    '200': { description: 'The new access', content: json({ $ref: '#/components/schemas/Access' }) },
    '400': problem,
    '401': problem,
    '404': problem,
  },
};

export const steerPaths = {
  '/v1/apis/{api}/mock-token': {
    parameters: [apiParam],
    post: {
      operationId: 'rotateMockToken',
      tags: ['apis'],
      summary: 'Rotate the mock token; the old one stops working at once (owner only)',
      security: auth,
      responses: {
        '200': { description: 'The new token', content: json({ $ref: '#/components/schemas/Access' }) },
        '401': problem,
        '404': problem,
      },
    },
  },
  '/v1/apis/{api}/requests': {
    parameters: [apiParam],
    get: {
      operationId: 'listRequests',
      tags: ['apis'],
      summary: 'Recent mock and sandbox calls, newest first, credentials redacted (owner only)',
      security: auth,
      parameters: [
        integer('limit', 'At most this many calls (default 50)', { minimum: 1, maximum: 200 }),
        {
          name: 'version',
          in: 'query',
          required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
        },
        {
          name: 'status',
          in: 'query',
          required: false,
          description: 'An exact status (404) or a class (4xx)',
          schema: { type: 'string', pattern: '^([1-5]\\d\\d|[1-5]xx)$' },
        },
        { name: 'sandbox', in: 'query', required: false, schema: { type: 'string' } },
        integer('before', 'Only calls listed after this id (paging back)'),
        integer('after', 'Only calls written since this id (a live view polling)'),
      ],
      responses: {
        '200': {
          description: 'The calls',
          content: json({
            type: 'object',
            required: ['requests'],
            properties: { requests: { type: 'array', items: { $ref: '#/components/schemas/LoggedCall' } } },
          }),
        },
        '400': problem,
        '401': problem,
        '404': problem,
      },
    },
  },
  '/v1/apis/{api}/behaviour': {
    parameters: [apiParam],
    get: {
      operationId: 'getBehaviour',
      tags: ['apis'],
      summary: 'The API’s behaviour settings (owner only)',
      security: auth,
      responses: {
        '200': { description: 'The settings', content: json({ $ref: '#/components/schemas/Behaviour' }) },
        '401': problem,
        '404': problem,
      },
    },
    put: {
      operationId: 'putBehaviour',
      tags: ['apis'],
      summary: 'Replace the behaviour settings; the next mock call sees them (owner only)',
      security: auth,
      requestBody: { required: true, content: json({ $ref: '#/components/schemas/Behaviour' }) },
      responses: {
        '200': {
          description: 'The stored settings',
          content: json({ $ref: '#/components/schemas/Behaviour' }),
        },
        '400': problem,
        '401': problem,
        '404': problem,
        '422': problem,
      },
    },
  },
};

const latency = {
  type: 'object',
  properties: {
    minMs: { type: 'integer', minimum: 0, maximum: 30000 },
    maxMs: { type: 'integer', minimum: 0, maximum: 30000 },
  },
};
const errors = {
  type: 'object',
  required: ['rate'],
  properties: {
    rate: { type: 'number', minimum: 0, maximum: 1 },
    status: { type: 'integer', minimum: 400, maximum: 599 },
  },
};
const message = {
  type: 'object',
  required: ['headers', 'body'],
  properties: {
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    body: { type: ['string', 'null'], maxLength: 16384 },
    truncated: { const: true },
  },
};

export const steerSchemas = {
  Access: {
    type: 'object',
    required: ['visibility', 'mockToken'],
    properties: {
      api: { type: 'string' },
      visibility: { enum: ['public', 'private'] },
      mockToken: { type: ['string', 'null'], pattern: '^smt_[A-Za-z0-9_-]{40}$' },
      mockTokenCreatedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  Behaviour: {
    type: 'object',
    additionalProperties: false,
    properties: {
      latency,
      errors,
      seed: { type: 'string', maxLength: 200 },
      operations: {
        type: 'object',
        description: 'Keyed "METHOD /path", e.g. "GET /pets/{petId}"',
        maxProperties: 200,
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          properties: {
            latency,
            errors,
            status: { type: 'integer', minimum: 100, maximum: 599 },
            example: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
      },
    },
  },
  LoggedCall: {
    type: 'object',
    required: [
      'id',
      'at',
      'version',
      'method',
      'path',
      'query',
      'status',
      'durationMs',
      'operation',
      'problems',
      'request',
      'response',
    ],
    properties: {
      id: { type: 'string', pattern: '^\\d+$' },
      at: { type: 'string', format: 'date-time' },
      version: { type: 'string' },
      sandbox: { type: 'string' },
      method: { type: 'string' },
      path: { type: 'string' },
      query: { type: 'string' },
      status: { type: 'integer', minimum: 100, maximum: 599 },
      durationMs: { type: 'integer', minimum: 0 },
      operation: { type: ['string', 'null'] },
      problems: {
        type: 'array',
        items: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
      },
      steered: { type: 'string' },
      request: message,
      response: message,
    },
  },
};
