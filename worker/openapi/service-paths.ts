/** The service's own paths of specmock's OpenAPI description: health, this document, the problem catalogue. */
import { problem, json } from './shared';

export const servicePaths = {
  '/healthz': {
    get: {
      operationId: 'health',
      tags: ['service'],
      summary: 'Liveness, and the answering isolate’s answer cache',
      responses: {
        '200': {
          description: 'Up',
          content: json({
            type: 'object',
            required: ['ok'],
            properties: {
              ok: { const: true },
              answerCache: {
                type: 'object',
                description: 'Stateless answers served from this isolate’s cache since it started',
                properties: {
                  hits: { type: 'integer' },
                  misses: { type: 'integer' },
                  bytes: { type: 'integer' },
                },
              },
            },
          }),
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
} as const;
