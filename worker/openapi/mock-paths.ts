/** The mock itself in specmock's OpenAPI description. */
import { PROBLEM_DETAIL_HEADER, PROBLEM_HEADER } from '../mock/refusal';
import { problem, apiParam } from './shared';

/**
 * The mock's own refusals: in the mocked API's error shape when its document defines a response
 * for the status (exact, `4XX`, then an error `default`), else problem+json; always with these.
 */
const refusal = {
  description:
    "A refusal of the mock itself (401 credentials missing, 404 unknown path, 405 method, 406 Accept, 415 body type, 422/400 validation; a sandbox's 404 item-not-found, 409, 413). When the mocked operation defines a response for the status (exact, then `4XX`, then a `default` that has content and is not also its success response, the order `Prefer: code=` uses), the body is that response generated from its schema (its example as a base), with the reason written into its message-like member (`message`, `error.message`, `errors[0].message`, `detail`, `error_description`, …) and still valid against the schema; an unknown path or a wrong method uses the error response most of the API's (or the path's) operations share. Otherwise application/problem+json.",
  headers: {
    [PROBLEM_HEADER]: {
      description:
        'The problem type slug of the refusal (`invalid-request`, `route-not-found`, `not-acceptable`, …).',
      schema: { type: 'string' },
    },
    [PROBLEM_DETAIL_HEADER]: {
      description:
        'The human-readable reason (ASCII, at most 512 characters); the request log keeps every validation error.',
      schema: { type: 'string' },
    },
  },
  content: {
    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    'application/json': { schema: { description: "The mocked API's own error shape" } },
  },
};

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
                "Present when no value satisfies the response schema under the strict reading and the body follows the author's evident intent instead, relaxing only the keywords the publish warnings name: oneof-overlap, additional-properties-vs-allof, type-null-beside-oneof, recursion-cut, structured-value-as-text, multipleof-zero, enum-contradicts-schema, pattern-vs-length, pattern-vs-format or type-beside-ref (a 2.0/3.0 `type` beside a `$ref` that contradicts its target: the version ignores it, a JSON Schema validator does not).",
              schema: { type: 'string' },
            },
          },
        },
        '401': refusal,
        '404': refusal,
        '405': refusal,
        '406': refusal,
        '415': refusal,
        '422': refusal,
        '429': problem,
      },
    },
  },
} as const;
