/** The version diff in specmock's OpenAPI description: the endpoint and its report's schemas. */
import { apiParam, auth, json, problem } from './shared';

const level = { type: 'string', enum: ['breaking', 'possibly-breaking', 'non-breaking'] };
const versionQuery = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
});

export const diffPaths = {
  '/v1/apis/{api}/diff': {
    parameters: [apiParam],
    get: {
      operationId: 'diffVersions',
      tags: ['apis'],
      summary:
        'Changes between two versions, classified, with the logged calls each would affect (owner only)',
      security: auth,
      parameters: [
        versionQuery('from', 'Default: the version that was latest when `to` was published'),
        versionQuery('to', 'Default: latest'),
      ],
      responses: {
        '200': {
          description: 'The diff; `Accept: text/markdown` gives a report for a pull-request comment',
          content: {
            ...json({ $ref: '#/components/schemas/Diff' }),
            'text/markdown': { schema: { type: 'string' } },
          },
        },
        '401': problem,
        '404': problem,
      },
    },
  },
} as const;

const summary = {
  type: 'object',
  required: ['breaking', 'possiblyBreaking', 'nonBreaking'],
  properties: {
    breaking: { type: 'integer', minimum: 0 },
    possiblyBreaking: { type: 'integer', minimum: 0 },
    nonBreaking: { type: 'integer', minimum: 0 },
  },
};

export const diffSchemas = {
  DiffSummary: summary,
  DiffChange: {
    type: 'object',
    required: ['rule', 'level', 'operation', 'direction', 'pointer', 'message', 'affectedCalls'],
    properties: {
      rule: { type: 'string', examples: ['request-property-became-required'] },
      level,
      operation: { type: ['string', 'null'], examples: ['POST /pets'] },
      direction: { type: ['string', 'null'], enum: ['request', 'response', null] },
      pointer: { type: 'string', description: 'In `to` (in `from` for removals), `$ref`s read as inlined' },
      message: { type: 'string' },
      affectedCalls: { type: 'integer', minimum: 0 },
      exampleCall: {
        type: 'object',
        required: ['at', 'method', 'path', 'query', 'status'],
        properties: {
          id: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          method: { type: 'string' },
          path: { type: 'string' },
          query: { type: 'string' },
          status: { type: 'integer' },
        },
      },
    },
  },
  Diff: {
    type: 'object',
    required: ['api', 'from', 'to', 'summary', 'changes', 'traffic'],
    properties: {
      api: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      summary: { $ref: '#/components/schemas/DiffSummary' },
      changes: { type: 'array', items: { $ref: '#/components/schemas/DiffChange' } },
      traffic: {
        type: 'object',
        required: ['replayed', 'wouldFail', 'receivedRemovedFields', 'since'],
        properties: {
          replayed: { type: 'integer', minimum: 0 },
          wouldFail: { type: 'integer', minimum: 0 },
          receivedRemovedFields: { type: 'integer', minimum: 0 },
          unattributed: { type: 'integer', minimum: 0 },
          affectedCalls: { type: 'integer', minimum: 0 },
          since: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
  },
  PublishDiff: {
    type: 'object',
    required: ['against', 'summary', 'affectedCalls', 'url'],
    properties: {
      against: { type: 'string' },
      summary: { $ref: '#/components/schemas/DiffSummary' },
      affectedCalls: { type: 'integer', minimum: 0 },
      url: { type: 'string', format: 'uri' },
      warning: { type: 'string', description: 'A breaking change under a minor or patch semver bump' },
    },
  },
} as const;

/** `?failOn=` on publish. */
export const failOnParam = {
  name: 'failOn',
  in: 'query',
  required: false,
  description:
    'Refuse (409 breaking-change, nothing stored) when the diff against the previous latest has such changes',
  schema: { type: 'string', enum: ['breaking', 'possibly-breaking'] },
} as const;
