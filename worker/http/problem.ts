import { recordResponse } from './record-response';

/**
 * Every error the service itself produces is one of these RFC 9457 problem types. The slug is the
 * stable contract; titles may be reworded. The router's catch is the only place that serializes them.
 */
export const PROBLEM_BASE = 'https://specmock.dev/problems/';

export const PROBLEMS = {
  'bad-request': { status: 400, title: 'Bad request' },
  'invalid-webhook-target': { status: 400, title: 'Deliveries cannot go to this URL' },
  'invalid-payload': { status: 400, title: "The payload does not match the webhook's schema" },
  'invalid-spec-syntax': { status: 400, title: 'The document is not valid JSON or YAML' },
  'invalid-name': { status: 400, title: 'Invalid API or version name' },
  'invalid-archive': { status: 400, title: 'The archive cannot be read' },
  'invalid-file-path': { status: 400, title: "An uploaded file's path is not a plain relative path" },
  unauthorized: { status: 401, title: 'Missing or invalid API key' },
  'security-required': { status: 401, title: 'The mocked operation requires credentials' },
  'mock-token-required': { status: 401, title: 'This private mock needs its mock token' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-owner': { status: 403, title: 'This API belongs to another key' },
  'not-found': { status: 404, title: 'Not found' },
  'api-not-found': { status: 404, title: 'No such API' },
  'version-not-found': { status: 404, title: 'No such version' },
  'route-not-found': { status: 404, title: 'No operation matches this path' },
  'status-not-defined': { status: 404, title: 'The operation does not define the requested status' },
  'example-not-found': { status: 404, title: 'The response has no example with that name' },
  'sandbox-not-found': { status: 404, title: 'No such sandbox (it expired or was deleted)' },
  'item-not-found': { status: 404, title: 'The sandbox holds no item with this identifier' },
  'webhook-not-found': { status: 404, title: 'The version declares no webhook or callback of that name' },
  'delivery-not-found': { status: 404, title: 'No such delivery (it was never made or is past retention)' },
  'method-not-allowed': { status: 405, title: 'The path exists but not for this method' },
  'not-acceptable': { status: 406, title: 'No response media type matches Accept' },
  'version-conflict': { status: 409, title: 'This version already exists with different content' },
  'limit-reached': { status: 409, title: 'A storage limit of this key or API is reached' },
  'item-conflict': { status: 409, title: 'The sandbox already holds an item with this identifier' },
  'breaking-change': { status: 409, title: 'The new version breaks the previous one (failOn)' },
  'payload-too-large': { status: 413, title: 'The upload is larger than the size cap' },
  'too-many-files': { status: 413, title: 'The upload has more files than the cap' },
  'sandbox-full': { status: 413, title: "The sandbox's storage cap is reached" },
  'unsupported-media-type': { status: 415, title: 'Unsupported Content-Type' },
  'invalid-spec': { status: 422, title: 'The document is not a valid OpenAPI description' },
  'unsupported-spec-version': { status: 422, title: 'Unsupported OpenAPI version' },
  'external-ref': { status: 422, title: 'External $ref is not allowed' },
  'ref-outside-upload': { status: 422, title: "A $ref climbs out of the upload's root" },
  'absolute-ref': { status: 422, title: 'A $ref uses an absolute path' },
  'ref-file-missing': { status: 422, title: 'A $ref names a file that is not in the upload' },
  'entry-required': { status: 422, title: 'Which uploaded file is the entry document?' },
  'entry-not-found': { status: 422, title: 'The entry document is not among the uploaded files' },
  'spec-too-complex': { status: 422, title: 'The document exceeds a structural limit' },
  'invalid-request': { status: 422, title: 'The request does not match the operation' },
  'invalid-limits': { status: 422, title: 'Invalid limits' },
  'invalid-behaviour': { status: 422, title: 'Invalid behaviour settings' },
  'unsatisfiable-schema': { status: 422, title: 'A response schema cannot be satisfied' },
  'unresolved-ref': { status: 422, title: 'The operation uses a $ref that does not resolve' },
  'unserializable-body': {
    status: 500,
    title: 'The response value cannot be written in the negotiated media type',
  },
  'unrepresentable-state': {
    status: 500,
    title: "The sandbox's state cannot be written in the response schema",
  },
  'no-response-defined': { status: 500, title: 'The operation defines no usable response' },
  'rate-limited': { status: 429, title: 'Rate limit exceeded' },
  'quota-exceeded': { status: 429, title: 'Monthly quota exceeded' },
  'internal-error': { status: 500, title: 'Internal error' },
  /** Its status is the one the behaviour settings chose (4xx or 5xx). */
  'injected-error': { status: 500, title: 'An error injected by the behaviour settings' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemType = keyof typeof PROBLEMS;

export interface ProblemDetailEntry {
  message: string;
  /** A JSON pointer; in a multi-file upload `file#pointer` (`schemas/pet.yaml#/properties/id`). */
  pointer?: string;
  /** The uploaded file an entry with a line and column is about. */
  file?: string;
  line?: number;
  column?: number;
  /** Request location for validation errors, e.g. ["query", "limit"]. */
  location?: string[];
}

export interface Problem {
  type: ProblemType;
  detail: string;
  status?: number;
  errors?: ProblemDetailEntry[];
  /** Extra members (RFC 9457 extensions), e.g. `allow` or `limit`. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Thrown by routes and middleware; the router's catch turns it into problem+json. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

export function fail(type: ProblemType, detail: string, more: Omit<Problem, 'type' | 'detail'> = {}): never {
  throw new ProblemError({ type, detail, ...more });
}

function problemBody(problem: Problem, instance?: string): Record<string, unknown> {
  const entry = PROBLEMS[problem.type];
  return {
    type: PROBLEM_BASE + problem.type,
    title: entry.title,
    status: problem.status ?? entry.status,
    detail: problem.detail,
    ...(instance ? { instance } : {}),
    ...(problem.errors && problem.errors.length > 0 ? { errors: problem.errors } : {}),
    ...problem.extensions,
  };
}

export function problemResponse(problem: Problem, instance?: string): Response {
  const body = problemBody(problem, instance);
  return recordResponse(JSON.stringify(body), body.status as number, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...problem.headers,
  });
}
