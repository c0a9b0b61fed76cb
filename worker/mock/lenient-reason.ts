/**
 * The short reason `x-specmock-lenient` carries (documented in the README), from the strict
 * generator's failure message. Shared by ingest (which marks media) and the mock (which falls back
 * to the lenient reading when a call meets a failure ingest did not).
 */
export function lenientReason(reason: string): string {
  if (/recurs|nesting/.test(reason)) return 'recursion-cut';
  if (/multiple of 0/.test(reason)) return 'multipleof-zero';
  if (/`type` constraints/.test(reason)) return 'type-null-beside-oneof';
  if (/oneOf/.test(reason)) return 'oneof-overlap';
  if (/additional|propert|`false`/.test(reason)) return 'additional-properties-vs-allof';
  if (/enum\/const/.test(reason)) return 'enum-contradicts-schema';
  if (/pattern .* within the length bounds/.test(reason)) return 'pattern-vs-length';
  if (/verifiably matching pattern/.test(reason)) return 'pattern-unsupported';
  return 'unsatisfiable-schema';
}
