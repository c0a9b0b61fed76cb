/** Published APIs and their versions in specmock's OpenAPI description. */
import { problem, auth, apiParam, versionParam, json } from './shared';
import { steerApiPatch, steerPaths } from './steer-openapi';
import { diffPaths, failOnParam } from './diff-openapi';
import { webhookPaths } from './webhook-paths';

export const apiPaths = {
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
  ...diffPaths,
  ...webhookPaths,
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
        failOnParam,
        {
          name: 'entry',
          in: 'query',
          required: false,
          description: "Several files: the entry document's path (else detected)",
          schema: { type: 'string' },
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
              description:
                'One document in `spec`; or several files, one part each with its path from the root as filename, and `entry`; or one archive part',
              properties: {
                spec: { type: 'string', format: 'binary' },
                file: { type: 'array', items: { type: 'string', format: 'binary' } },
                entry: { type: 'string' },
              },
            },
          },
          'application/zip': { schema: { type: 'string', format: 'binary' } },
          'application/gzip': { schema: { type: 'string', format: 'binary' } },
          'application/x-tar': { schema: { type: 'string', format: 'binary' } },
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
      summary: 'Metadata and operations; ?format=source returns what was uploaded',
      security: auth,
      parameters: [
        { name: 'format', in: 'query', required: false, schema: { enum: ['source'] } },
        {
          name: 'file',
          in: 'query',
          required: false,
          description: 'With format=source, one file of a multi-file version',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The version',
          content: {
            ...json({ $ref: '#/components/schemas/Version' }),
            'text/plain': { schema: { type: 'string' } },
            'application/zip': { schema: { type: 'string', format: 'binary' } },
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
} as const;
