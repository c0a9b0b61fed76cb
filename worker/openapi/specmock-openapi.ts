import { sandboxPaths, sandboxSchemas } from './sandbox-paths';

/** specmock's own API as an OpenAPI 3.1 document (served at GET /v1/openapi.json, publishable to specmock). */
import { steerApiPatch, steerPaths, steerSchemas } from './steer-openapi';

const problem = { $ref: '#/components/responses/Problem' };
const auth = [{ apiKey: [] }];
const apiParam = { $ref: '#/components/parameters/Api' };
const versionParam = { $ref: '#/components/parameters/Version' };
const json = (schema: object) => ({ 'application/json': { schema } });

export const specmockOpenApi = {
  openapi: '3.1.0',
  info: {
    title: 'specmock',
    version: '1.0.0',
    description:
      'Publish OpenAPI documents as immutable versions and call schema-valid mock responses at /mock/{api}/{version}/….',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: '/' }],
  tags: [{ name: 'keys' }, { name: 'apis' }, { name: 'sandboxes' }, { name: 'mock' }, { name: 'service' }],
  paths: {
    '/healthz': {
      get: {
        operationId: 'health',
        tags: ['service'],
        summary: 'Liveness',
        responses: {
          '200': {
            description: 'Up',
            content: json({ type: 'object', required: ['ok'], properties: { ok: { const: true } } }),
          },
        },
      },
    },
    '/v1/openapi.json': {
      get: {
        operationId: 'openapi',
        tags: ['service'],
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1 document', content: json({ type: 'object' }) } },
      },
    },
    '/problems': {
      get: {
        operationId: 'problemTypes',
        tags: ['service'],
        summary: 'The catalogue of problem types',
        responses: {
          '200': {
            description: 'Every problem type',
            content: json({
              type: 'object',
              required: ['problems'],
              properties: {
                problems: { type: 'array', items: { $ref: '#/components/schemas/ProblemType' } },
              },
            }),
          },
        },
      },
    },
    '/problems/{slug}': {
      get: {
        operationId: 'problemType',
        tags: ['service'],
        summary: 'One problem type',
        parameters: [
          { name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z-]+$' } },
        ],
        responses: {
          '200': {
            description: 'The problem type',
            content: json({ $ref: '#/components/schemas/ProblemType' }),
          },
          '404': problem,
        },
      },
    },
    '/v1/keys': {
      post: {
        operationId: 'createKey',
        tags: ['keys'],
        summary: 'Create an API key (open signup unless SIGNUP=closed; limits only with the admin token)',
        security: [{}, { apiKey: [] }],
        requestBody: {
          required: false,
          content: json({
            type: 'object',
            properties: { limits: { $ref: '#/components/schemas/Limits' } },
            additionalProperties: false,
          }),
        },
        responses: {
          '201': {
            description: 'The key, shown once',
            content: json({ $ref: '#/components/schemas/NewKey' }),
          },
          '403': problem,
          '422': problem,
          '429': problem,
        },
      },
    },
    '/v1/keys/{id}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{20}$' } },
      ],
      patch: {
        operationId: 'updateKeyLimits',
        tags: ['keys'],
        summary: "Change a key's limits (admin token only)",
        security: auth,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['limits'],
            properties: { limits: { $ref: '#/components/schemas/Limits' } },
            additionalProperties: false,
          }),
        },
        responses: {
          '200': {
            description: 'The new limits',
            content: json({
              type: 'object',
              required: ['id', 'limits', 'revoked'],
              properties: {
                id: { type: 'string' },
                limits: { $ref: '#/components/schemas/Limits' },
                revoked: { type: 'boolean' },
              },
            }),
          },
          '403': problem,
          '404': problem,
          '422': problem,
        },
      },
      delete: {
        operationId: 'revokeKey',
        tags: ['keys'],
        summary: 'Revoke a key (the admin, or the key itself)',
        security: auth,
        responses: { '204': { description: 'Revoked' }, '401': problem, '403': problem, '404': problem },
      },
    },
    '/v1/usage': {
      get: {
        operationId: 'usage',
        tags: ['keys'],
        summary: "The caller's limits, usage and reset times",
        description:
          'Two budgets: the mock quota (`minute`, `month`, `daily`), spent by mock calls to the APIs this key owns, and the control plane (`control`, per minute, `CONTROL_PER_MINUTE`), spent by calls with this key. Mock traffic never spends the control budget, so this call works when the mock quota is used up. Control-plane responses carry `RateLimit-Policy: "control";q=…;w=60`; mock responses carry `"minute"` and `"month"`. Mock counts are exact but for leases other Worker isolates hold (at most 96 tokens per isolate).',
        security: auth,
        responses: {
          '200': { description: 'Usage', content: json({ $ref: '#/components/schemas/Usage' }) },
          '401': problem,
          '429': problem,
        },
      },
    },
    '/v1/apis': {
      get: {
        operationId: 'listApis',
        tags: ['apis'],
        summary: "The caller's APIs",
        security: auth,
        responses: {
          '200': {
            description: 'APIs',
            content: json({
              type: 'object',
              required: ['apis'],
              properties: { apis: { type: 'array', items: { $ref: '#/components/schemas/ApiSummary' } } },
            }),
          },
          '401': problem,
        },
      },
    },
    '/v1/apis/{api}': {
      parameters: [apiParam],
      get: {
        operationId: 'getApi',
        tags: ['apis'],
        summary: 'An API and its versions',
        security: auth,
        responses: {
          '200': { description: 'The API', content: json({ $ref: '#/components/schemas/Api' }) },
          '401': problem,
          '404': problem,
        },
      },
      delete: {
        operationId: 'deleteApi',
        tags: ['apis'],
        summary: 'Delete every version and release the name (owner only)',
        security: auth,
        responses: { '204': { description: 'Deleted' }, '401': problem, '403': problem, '404': problem },
      },
      patch: steerApiPatch,
    },
    ...steerPaths,
    '/v1/apis/{api}/versions/{version}': {
      parameters: [apiParam, versionParam],
      put: {
        operationId: 'publishVersion',
        tags: ['apis'],
        summary: 'Publish one immutable version',
        security: auth,
        parameters: [
          {
            name: 'strict',
            in: 'query',
            required: false,
            description: 'Reject (422) instead of warning on official-schema and semantic violations',
            schema: { type: 'boolean' },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object' } },
            'application/yaml': { schema: { type: 'string' } },
            'text/yaml': { schema: { type: 'string' } },
            'text/plain': { schema: { type: 'string' } },
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['spec'],
                properties: { spec: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Identical content was already published',
            content: json({ $ref: '#/components/schemas/Published' }),
          },
          '201': { description: 'Published', content: json({ $ref: '#/components/schemas/Published' }) },
          '400': problem,
          '401': problem,
          '403': problem,
          '409': problem,
          '413': problem,
          '415': problem,
          '422': problem,
        },
      },
      get: {
        operationId: 'getVersion',
        tags: ['apis'],
        summary: 'Metadata and operations; ?format=source returns the uploaded text',
        security: auth,
        parameters: [{ name: 'format', in: 'query', required: false, schema: { enum: ['source'] } }],
        responses: {
          '200': {
            description: 'The version',
            content: {
              ...json({ $ref: '#/components/schemas/Version' }),
              'text/plain': { schema: { type: 'string' } },
            },
          },
          '401': problem,
          '404': problem,
        },
      },
      delete: {
        operationId: 'deleteVersion',
        tags: ['apis'],
        summary: 'Delete one version (owner only)',
        security: auth,
        responses: { '204': { description: 'Deleted' }, '401': problem, '403': problem, '404': problem },
      },
    },
    '/mock/{api}/{version}/{path}': {
      parameters: [
        apiParam,
        {
          name: 'version',
          in: 'path',
          required: true,
          description:
            'A version name, visible everywhere as soon as its publish returns, or `latest` (the highest semantic version when all are semantic versions, else the last published; it may lag a publish made elsewhere by up to a minute)',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
        },
        {
          name: 'path',
          in: 'path',
          required: true,
          description: 'The path of an operation in the published document (may contain slashes)',
          schema: { type: 'string' },
        },
        {
          name: 'Prefer',
          in: 'header',
          required: false,
          description: 'code=, example=, dynamic=true|false, seed=',
          schema: { type: 'string' },
        },
        {
          name: 'X-Specmock-Token',
          in: 'header',
          required: false,
          description: 'The mock token of a private API (or `?__token=`)',
          schema: { type: 'string' },
        },
      ],
      get: {
        operationId: 'mockCall',
        tags: ['mock'],
        summary: 'Answer as the published operation (any method works; GET shown)',
        description:
          'Counted against the mock quota of the key that owns the API (RateLimit-Policy `"minute"` and `"month"`); a 429 names the `limit` that was hit. Local mode (`specmock mock`) does not count.',
        responses: {
          '200': {
            description:
              'The mocked response, as the published document defines it. A response changed by the behaviour settings carries `x-specmock-steered` (e.g. `latency=120ms; error=503`). 422 `unresolved-ref` answers an operation that uses a dangling $ref; 422 `unsatisfiable-schema` one whose schema no value satisfies.',
            headers: {
              'x-specmock-lenient': {
                description:
                  "Present when no value satisfies the response schema under the strict reading and the body follows the author's evident intent instead: oneof-overlap, additional-properties-vs-allof, type-null-beside-oneof, recursion-cut, structured-value-as-text, enum-contradicts-schema, pattern-vs-length, pattern-unsupported or unsatisfiable-schema (see the publish warnings).",
                schema: { type: 'string' },
              },
            },
          },
          '401': problem,
          '404': problem,
          '405': problem,
          '406': problem,
          '422': problem,
          '429': problem,
        },
      },
    },
    ...sandboxPaths,
  },
  components: {
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
                pointer: { type: 'string' },
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
          operations: { type: 'integer', minimum: 0 },
          warnings: { type: 'array', items: { $ref: '#/components/schemas/Warning' } },
          createdAt: { type: 'string', format: 'date-time' },
          unchanged: { type: 'boolean' },
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
          hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          warnings: { type: 'array', items: { $ref: '#/components/schemas/Warning' } },
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
  },
} as const;
