/** The mock itself in specmock's OpenAPI description. */
import { problem, apiParam } from './shared';

export const mockPaths = {
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
                "Present when no value satisfies the response schema under the strict reading and the body follows the author's evident intent instead, relaxing only the keywords the publish warnings name: oneof-overlap, additional-properties-vs-allof, type-null-beside-oneof, recursion-cut, structured-value-as-text, multipleof-zero, enum-contradicts-schema or pattern-vs-length.",
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
} as const;
