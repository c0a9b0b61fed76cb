/** API keys and usage in specmock's OpenAPI description. */
import { problem, auth, json } from './shared';

export const keyPaths = {
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
} as const;
