/** The components of specmock's OpenAPI description: security, parameters, the problem response, schemas. */
import { sandboxSchemas } from './sandbox-paths';
import { steerSchemas } from './steer-openapi';
import { diffSchemas } from './diff-openapi';

const HOST_URL =
  'The same mock at the root of its own host under the mock domain, for clients with a fixed base path (present when the deployment sets one)';
const LATEST_HOST_URL =
  "The host of the API's `latest` under the mock domain (present when the deployment sets one)";

export const components = {
  securitySchemes: {
    apiKey: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key from POST /v1/keys (or the admin token)',
    },
  },
  parameters: {
    Api: {
      name: 'api',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' },
    },
    Version: {
      name: 'version',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
    },
  },
  responses: {
    Problem: {
      description: 'RFC 9457 problem details',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    },
  },
  schemas: {
    ...steerSchemas,
    ...sandboxSchemas,
    ...diffSchemas,
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status', 'detail'],
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        instance: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['message'],
            properties: {
              message: { type: 'string' },
              pointer: { type: 'string', description: 'A JSON pointer; `file#pointer` for several files' },
              file: { type: 'string' },
              line: { type: 'integer' },
              column: { type: 'integer' },
              location: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    ProblemType: {
      type: 'object',
      required: ['type', 'slug', 'status', 'title'],
      properties: {
        type: { type: 'string', format: 'uri' },
        slug: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        title: { type: 'string' },
      },
    },
    Limits: {
      type: 'object',
      properties: { perMinute: { type: 'integer', minimum: 1 }, perMonth: { type: 'integer', minimum: 1 } },
    },
    NewKey: {
      type: 'object',
      required: ['key', 'id', 'limits'],
      properties: {
        key: { type: 'string', pattern: '^sk_[0-9a-f]{20}_[0-9A-Za-z]{32}$' },
        id: { type: 'string' },
        limits: { $ref: '#/components/schemas/Limits' },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    Window: {
      type: 'object',
      required: ['used', 'remaining', 'resetAt'],
      properties: {
        used: { type: 'integer', minimum: 0 },
        remaining: { type: 'integer', minimum: 0 },
        resetAt: { type: 'string', format: 'date-time' },
      },
    },
    Usage: {
      type: 'object',
      required: ['id', 'limits', 'minute', 'month', 'control', 'daily'],
      properties: {
        id: { type: 'string' },
        limits: { $ref: '#/components/schemas/Limits' },
        minute: { $ref: '#/components/schemas/Window' },
        month: { $ref: '#/components/schemas/Window' },
        control: {
          description: 'The control-plane budget: calls with this key per minute, apart from mock traffic',
          allOf: [
            { $ref: '#/components/schemas/Window' },
            { type: 'object', required: ['limit'], properties: { limit: { type: 'integer', minimum: 1 } } },
          ],
        },
        daily: {
          type: 'array',
          maxItems: 30,
          items: {
            type: 'object',
            required: ['date', 'count'],
            properties: {
              date: { type: 'string', format: 'date' },
              count: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
    },
    Warning: {
      type: 'object',
      required: ['pointer', 'message'],
      properties: { pointer: { type: 'string' }, message: { type: 'string' } },
    },
    Published: {
      type: 'object',
      required: ['api', 'version', 'mockUrl', 'operations', 'warnings'],
      properties: {
        api: { type: 'string' },
        version: { type: 'string' },
        mockUrl: { type: 'string', format: 'uri' },
        latestUrl: { type: 'string', format: 'uri' },
        hostUrl: { type: 'string', format: 'uri', description: HOST_URL },
        latestHostUrl: { type: 'string', format: 'uri', description: LATEST_HOST_URL },
        operations: { type: 'integer', minimum: 0 },
        warnings: { type: 'array', items: { $ref: '#/components/schemas/Warning' } },
        createdAt: { type: 'string', format: 'date-time' },
        unchanged: { type: 'boolean' },
        diff: { $ref: '#/components/schemas/PublishDiff' },
        files: { $ref: '#/components/schemas/UploadedFiles' },
      },
    },
    UploadedFiles: {
      type: 'object',
      description: 'A multi-file upload: its entry document, the files it uses, and those nothing referenced',
      required: ['entry', 'used', 'ignored'],
      properties: {
        entry: { type: 'string' },
        used: { type: 'array', items: { type: 'string' } },
        ignored: { type: 'array', items: { type: 'string' } },
      },
    },
    ApiSummary: {
      type: 'object',
      required: ['api', 'versions'],
      properties: {
        api: { type: 'string' },
        latest: { type: ['string', 'null'] },
        versions: { type: 'integer', minimum: 0 },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
    VersionSummary: {
      type: 'object',
      required: ['version', 'createdAt', 'operations', 'mockUrl'],
      properties: {
        version: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        operations: { type: 'integer', minimum: 0 },
        title: { type: 'string' },
        infoVersion: { type: 'string' },
        dialect: { enum: ['swagger-2.0', 'openapi-3.0', 'openapi-3.1'] },
        mockUrl: { type: 'string', format: 'uri' },
        hostUrl: { type: 'string', format: 'uri', description: HOST_URL },
      },
    },
    Api: {
      type: 'object',
      required: ['api', 'versions'],
      properties: {
        api: { type: 'string' },
        latest: {
          type: ['string', 'null'],
          description: 'The version `latest` serves, chosen by `latestRule`',
        },
        latestRule: {
          enum: ['semver', 'last-published'],
          description:
            '`semver` when every version name is a semantic version (the highest by SemVer precedence; a pre-release only when there is no release), else `last-published`',
        },
        latestUrl: { type: 'string', format: 'uri' },
        latestHostUrl: { type: 'string', format: 'uri', description: LATEST_HOST_URL },
        createdAt: { type: 'string', format: 'date-time' },
        visibility: { enum: ['public', 'private'] },
        mockToken: { type: ['string', 'null'], description: 'Shown to the owner only' },
        mockTokenCreatedAt: { type: ['string', 'null'], format: 'date-time' },
        versions: {
          description: 'Most recently published first',
          type: 'array',
          items: { $ref: '#/components/schemas/VersionSummary' },
        },
      },
    },
    Version: {
      type: 'object',
      required: ['api', 'version', 'createdAt', 'mockUrl', 'operations', 'warnings'],
      properties: {
        api: { type: 'string' },
        version: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        title: { type: 'string' },
        infoVersion: { type: 'string' },
        dialect: { enum: ['swagger-2.0', 'openapi-3.0', 'openapi-3.1'] },
        mockUrl: { type: 'string', format: 'uri' },
        latestUrl: { type: 'string', format: 'uri' },
        hostUrl: { type: 'string', format: 'uri', description: HOST_URL },
        latestHostUrl: { type: 'string', format: 'uri', description: LATEST_HOST_URL },
        hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        warnings: { type: 'array', items: { $ref: '#/components/schemas/Warning' } },
        source: {
          type: 'object',
          description: 'Present when the version was published as several files (multipart or an archive)',
          required: ['entry', 'files'],
          properties: {
            entry: { type: 'string' },
            files: { type: 'array', items: { type: 'string' } },
            archive: { enum: ['zip', 'tar.gz', 'tar'] },
          },
        },
        securitySchemes: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['type'],
            properties: {
              type: { type: 'string' },
              in: { type: 'string' },
              name: { type: 'string' },
              scheme: { type: 'string' },
            },
          },
        },
        operations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'method', 'path'],
            properties: {
              id: { type: 'string' },
              method: { type: 'string' },
              path: { type: 'string' },
              summary: { type: 'string' },
              tags: { type: 'array', items: { type: 'string' } },
              deprecated: { type: 'boolean' },
            },
          },
        },
      },
    },
  },
} as const;
