import { B, N, P, type ChangeDirection, type Level, type StructuralRuleId } from './rules';

/**
 * Schema rules: one per kind of schema change, applied wherever a schema travels. The id is
 * `<scope>-<kind>` (`request-property-became-required`), and the level depends on the direction:
 * narrowing what a request may send breaks callers, narrowing what a response may contain does not.
 */

function kind(request: Level, response: Level, summary: string): SchemaKind {
  return { request, response, summary };
}

interface SchemaKind {
  /** Level when the schema describes a request (parameters, request bodies). */
  request: Level;
  /** Level when it describes a response (bodies, headers). */
  response: Level;
  summary: string;
}

export const SCHEMA_KINDS = {
  'type-changed': kind(B, B, 'the type changed to an unrelated one'),
  'type-generalized': kind(N, B, 'the type widened (integer → number, a type added)'),
  'type-specialized': kind(B, N, 'the type narrowed (number → integer, a type removed, any → typed)'),
  'format-added': kind(B, N, 'a format added'),
  'format-changed': kind(B, B, 'the format changed'),
  'format-removed': kind(N, P, 'the format removed'),
  'became-nullable': kind(N, B, 'null became allowed'),
  'became-not-nullable': kind(B, N, 'null no longer allowed'),
  'became-enum': kind(B, N, 'values restricted to an enum'),
  'enum-removed': kind(N, P, 'the enum restriction dropped'),
  'enum-value-removed': kind(B, N, 'an enum value removed'),
  'enum-value-added': kind(N, P, 'an enum value added'),
  'max-decreased': kind(B, N, 'maximum lowered or set'),
  'max-increased': kind(N, B, 'maximum raised or unset'),
  'min-increased': kind(B, N, 'minimum raised or set'),
  'min-decreased': kind(N, B, 'minimum lowered or unset'),
  'max-length-decreased': kind(B, N, 'maxLength lowered or set'),
  'max-length-increased': kind(N, B, 'maxLength raised or unset'),
  'min-length-increased': kind(B, N, 'minLength raised or set'),
  'min-length-decreased': kind(N, B, 'minLength lowered or unset'),
  'max-items-decreased': kind(B, N, 'maxItems lowered or set'),
  'max-items-increased': kind(N, B, 'maxItems raised or unset'),
  'min-items-increased': kind(B, N, 'minItems raised or set'),
  'min-items-decreased': kind(N, B, 'minItems lowered or unset'),
  'multiple-of-changed': kind(P, P, 'multipleOf changed, set or unset'),
  'unique-items-added': kind(B, N, 'uniqueItems required'),
  'pattern-added': kind(B, N, 'a pattern added'),
  'pattern-changed': kind(P, P, 'the pattern changed'),
  'pattern-removed': kind(N, N, 'the pattern removed'),
  'additional-properties-restricted': kind(
    B,
    N,
    'additionalProperties: false (or a schema) where any member was allowed',
  ),
  'additional-properties-relaxed': kind(N, N, 'unknown members allowed where they were not'),
  'added-required': kind(B, N, 'a new required property'),
  'added-optional': kind(N, N, 'a new optional property'),
  'removed-required': kind(P, B, 'a required property removed'),
  'removed-optional': kind(P, P, 'an optional property removed'),
  'became-required': kind(B, N, 'an optional property made required'),
  'became-optional': kind(N, B, 'a required property made optional'),
  'variant-added': kind(N, B, 'a oneOf/anyOf alternative added'),
  'variant-removed': kind(B, N, 'a oneOf/anyOf alternative removed'),
  'default-changed': kind(P, N, 'the default value changed, added or removed'),
} satisfies Record<string, SchemaKind>;

export type SchemaKindId = keyof typeof SCHEMA_KINDS;

/** Where a schema travels: a parameter, a request body, a response body, a response header. */
export type Scope = 'request-parameter' | 'request-property' | 'response-property' | 'response-header';

export type RuleId = StructuralRuleId | `${Scope}-${SchemaKindId}`;

export function schemaRule(scope: Scope, kind: SchemaKindId): { rule: RuleId; level: Level } {
  const direction: ChangeDirection = scope.startsWith('request') ? 'request' : 'response';
  return { rule: `${scope}-${kind}`, level: SCHEMA_KINDS[kind][direction] };
}

export const SCOPES: readonly Scope[] = [
  'request-parameter',
  'request-property',
  'response-property',
  'response-header',
];
