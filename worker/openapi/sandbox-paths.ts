/** The stateful-sandbox part of specmock's own OpenAPI description (spread into specmock-openapi.ts). */
import { problem, auth, json } from './shared';

const sandbox = json({ $ref: '#/components/schemas/Sandbox' });
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^sb_[0-9a-f]{32}$' },
};

export const sandboxPaths = {
  '/v1/sandboxes': {
    post: {
      operationId: 'createSandbox',
      tags: ['sandboxes'],
      summary: 'Create a stateful sandbox of one of your versions (owner only)',
      security: auth,
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['api'],
          properties: {
            api: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' },
            version: {
              type: 'string',
              default: 'latest',
              pattern: '^[A-Za-z0-9._-]{1,64}$',
              description: 'A version name or `latest` (resolved once, at creation)',
            },
            seed: { type: 'string', maxLength: 200, description: 'The seeded start; same seed, same start' },
            ttlSeconds: {
              type: 'integer',
              minimum: 60,
              maximum: 604800,
              default: 86400,
              description: 'Idle time after which the sandbox and its data are deleted',
            },
            id: {
              type: 'string',
              pattern: '^sb_[0-9a-f]{32}$',
              description:
                'Leave it out: ids are random. Only the sandbox the deployment’s `ROOT_MOCK` names (local mode) may be created under its id.',
            },
          },
        }),
      },
      responses: {
        '201': { description: 'Created', content: sandbox },
        '400': problem,
        '401': problem,
        '403': problem,
        '404': problem,
        '409': problem,
        '429': problem,
      },
    },
    get: {
      operationId: 'listSandboxes',
      tags: ['sandboxes'],
      summary: 'Your live sandboxes, newest first',
      security: auth,
      parameters: [{ name: 'api', in: 'query', required: false, schema: { type: 'string' } }],
      responses: {
        '200': {
          description: 'Sandboxes',
          content: json({
            type: 'object',
            required: ['sandboxes'],
            properties: { sandboxes: { type: 'array', items: { $ref: '#/components/schemas/Sandbox' } } },
          }),
        },
        '401': problem,
      },
    },
  },
  '/v1/sandboxes/{id}': {
    parameters: [idParam],
    get: {
      operationId: 'getSandbox',
      tags: ['sandboxes'],
      summary: 'One sandbox',
      security: auth,
      responses: {
        '200': { description: 'The sandbox', content: sandbox },
        '401': problem,
        '403': problem,
        '404': problem,
      },
    },
    delete: {
      operationId: 'deleteSandbox',
      tags: ['sandboxes'],
      summary: 'Delete a sandbox and all its data',
      security: auth,
      responses: { '204': { description: 'Deleted' }, '401': problem, '403': problem, '404': problem },
    },
  },
  '/v1/sandboxes/{id}/reset': {
    parameters: [idParam],
    post: {
      operationId: 'resetSandbox',
      tags: ['sandboxes'],
      summary: 'Back to the seeded start',
      security: auth,
      responses: {
        '200': { description: 'Reset', content: sandbox },
        '401': problem,
        '403': problem,
        '404': problem,
      },
    },
  },
  '/sandbox/{id}/{path}': {
    parameters: [
      idParam,
      {
        name: 'path',
        in: 'path',
        required: true,
        description: 'The path of an operation in the published document (may contain slashes)',
        schema: { type: 'string' },
      },
    ],
    get: {
      operationId: 'sandboxCall',
      tags: ['mock'],
      summary: 'Answer as the operation, from the sandbox state (any method works; GET shown)',
      responses: {
        '200': { description: 'The response the published document defines, holding the stored items' },
        '404': problem,
        '405': problem,
        '409': problem,
        '413': problem,
        '422': problem,
        '429': problem,
      },
    },
  },
};

export const sandboxSchemas = {
  Sandbox: {
    type: 'object',
    required: ['id', 'sandboxUrl', 'api', 'version', 'expiresAt'],
    properties: {
      id: { type: 'string', pattern: '^sb_[0-9a-f]{32}$' },
      sandboxUrl: { type: 'string', format: 'uri', description: 'Serves the spec’s paths statefully' },
      hostUrl: {
        type: 'string',
        format: 'uri',
        description: 'The same sandbox at the root of its own host under the mock domain (when one is set)',
      },
      api: { type: 'string' },
      version: { type: 'string' },
      seed: { type: 'string' },
      ttlSeconds: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      expiresAt: { type: 'string', format: 'date-time', description: 'Moves forward with every call' },
    },
  },
};
