/**
 * The structural rules of the diff (paths, operations, parameters, bodies, responses, security),
 * each with its id, direction and level. The schema rules are in schema-kinds.ts. README.md lists
 * them all; a unit test keeps the two in step.
 */

export type Level = 'breaking' | 'possibly-breaking' | 'non-breaking';
export type ChangeDirection = 'request' | 'response';

interface StructuralRule {
  level: Level;
  direction: ChangeDirection | null;
  family: 'operations' | 'parameters' | 'request-body' | 'responses' | 'security';
  /** What the rule reports, in a few words. */
  summary: string;
}

export const B = 'breaking';
export const P = 'possibly-breaking';
export const N = 'non-breaking';

function rule(
  level: Level,
  direction: ChangeDirection | null,
  family: StructuralRule['family'],
  summary: string,
): StructuralRule {
  return { level, direction, family, summary };
}

export const STRUCTURAL_RULES = {
  'api-path-removed': rule(B, null, 'operations', 'every operation of a path removed'),
  'api-operation-removed': rule(B, null, 'operations', 'an operation (method) of a remaining path removed'),
  'api-path-added': rule(N, null, 'operations', 'a new path'),
  'api-operation-added': rule(N, null, 'operations', 'a new operation on an existing path'),
  'api-operation-deprecated': rule(N, null, 'operations', 'an operation marked deprecated'),
  'request-parameter-added-required': rule(B, 'request', 'parameters', 'a new required parameter'),
  'request-parameter-added-optional': rule(N, 'request', 'parameters', 'a new optional parameter'),
  'request-parameter-removed': rule(
    P,
    'request',
    'parameters',
    'a parameter removed (callers still send it; the server ignores or refuses it)',
  ),
  'request-parameter-became-required': rule(
    B,
    'request',
    'parameters',
    'an optional parameter made required',
  ),
  'request-parameter-became-optional': rule(N, 'request', 'parameters', 'a required parameter made optional'),
  'request-parameter-moved': rule(
    B,
    'request',
    'parameters',
    'a parameter moved to another location (query → header, …)',
  ),
  'request-parameter-serialization-changed': rule(
    P,
    'request',
    'parameters',
    'style, explode or content type of a parameter changed',
  ),
  'request-body-added-required': rule(
    B,
    'request',
    'request-body',
    'a required request body where there was none',
  ),
  'request-body-added-optional': rule(
    N,
    'request',
    'request-body',
    'an optional request body where there was none',
  ),
  'request-body-removed': rule(
    B,
    'request',
    'request-body',
    'the request body removed (a body is refused with 415)',
  ),
  'request-body-became-required': rule(
    B,
    'request',
    'request-body',
    'an optional request body made required',
  ),
  'request-body-became-optional': rule(N, 'request', 'request-body', 'a required request body made optional'),
  'request-body-media-type-removed': rule(
    B,
    'request',
    'request-body',
    'a request media type no longer accepted',
  ),
  'request-body-media-type-added': rule(N, 'request', 'request-body', 'a new accepted request media type'),
  'response-success-status-removed': rule(B, 'response', 'responses', 'a 2xx response removed'),
  'response-non-success-status-removed': rule(N, 'response', 'responses', 'a non-2xx response removed'),
  'response-status-added': rule(N, 'response', 'responses', 'a new response status'),
  'response-media-type-removed': rule(B, 'response', 'responses', 'a response media type removed'),
  'response-media-type-added': rule(N, 'response', 'responses', 'a new response media type'),
  'response-required-header-removed': rule(B, 'response', 'responses', 'a required response header removed'),
  'response-optional-header-removed': rule(P, 'response', 'responses', 'an optional response header removed'),
  'response-header-became-optional': rule(
    B,
    'response',
    'responses',
    'a required response header made optional',
  ),
  'response-header-added': rule(N, 'response', 'responses', 'a new response header'),
  'api-security-added': rule(
    B,
    'request',
    'security',
    'a security requirement callers did not need before (401 without it)',
  ),
  'api-security-removed': rule(N, 'request', 'security', 'a security requirement relaxed or removed'),
} satisfies Record<string, StructuralRule>;

export type StructuralRuleId = keyof typeof STRUCTURAL_RULES;

/** Severity order, most severe first: sorting and `failOn` thresholds. */
export const LEVELS: readonly Level[] = [B, P, N];
