/**
 * The reasons `x-specmock-lenient` carries (documented in the README). Each names one way a spec's
 * schema admits no value under the strict reading, and the one keyword relaxation that serves what
 * its author evidently meant; `test/unit/lenient-reasons.test.ts` shows for each that no valid
 * value exists. `structured-value-as-text` is the serialiser's, not the generator's.
 */
export const LENIENT_REASONS = [
  /** Required recursion with no way out: cut with `null` at the depth cap (`type` relaxed). */
  'recursion-cut',
  /** `multipleOf: 0`: no number is a multiple of 0 (`multipleOf` ignored). */
  'multipleof-zero',
  /** 3.0 `type: "null"` beside a `oneOf`/`anyOf` of other types (`type` read as "nullable"). */
  'type-null-beside-oneof',
  /** `oneOf` branches that overlap so that no value matches exactly one (read as `anyOf`). */
  'oneof-overlap',
  /** `additionalProperties: false` against properties an `allOf` requires (those names admitted). */
  'additional-properties-vs-allof',
  /** An `enum` whose every value the rest of its schema rejects (the first value served). */
  'enum-contradicts-schema',
  /** A `pattern` no string within `minLength`/`maxLength` matches (the lengths relaxed). */
  'pattern-vs-length',
  /**
   * A 2.0/3.0 `type` beside a `$ref` that contradicts its target: the version ignores it, a JSON
   * Schema validator applies it (the `type` not applied, as the version says).
   */
  'type-beside-ref',
  /** A `format` no string of a `pattern` can be (`date-time` against `^se-…`): the pattern relaxed. */
  'pattern-vs-format',
] as const;

export type LenientReason = (typeof LENIENT_REASONS)[number];
