import { sample } from '@stoplight/json-schema-sampler';
import type { GenerateResult } from './generate/index';
import type { JsonValue, Schema, Direction } from './plan';
import { validateValue } from './validate-schema';

/**
 * `Prefer: dynamic=false`: Prism's static mode, through the same sampler Prism uses ("string", 0,
 * the first enum value, defaults and examples), so callers who pin Prism's static output get it.
 * The sample is only served when it satisfies the schema; otherwise the caller falls back to the
 * generator, keeping the promise that every body is valid.
 */
const SAMPLE_TICKS = 20_000;

export function sampleStatic(
  schema: Schema,
  defs: Record<string, Schema>,
  direction: Direction,
): GenerateResult {
  let value: unknown;
  try {
    value = sample(
      inlineOnce(schema, defs, 0) as Parameters<typeof sample>[0],
      {
        skipReadOnly: direction === 'request',
        skipWriteOnly: direction === 'response',
        quiet: true,
        ticks: SAMPLE_TICKS,
        maxSampleDepth: 8,
      },
      { $defs: defs },
    );
  } catch (error) {
    return {
      ok: false,
      pointer: '',
      reason: `static sample failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (value === undefined) return { ok: false, pointer: '', reason: 'no static sample' };
  const violations = validateValue(schema, defs, value, { direction, firstOnly: true });
  if (violations.length > 0)
    return {
      ok: false,
      pointer: violations[0].pointer,
      reason: `static sample invalid: ${violations[0].message}`,
    };
  return { ok: true, value: value as JsonValue };
}

/**
 * Prism samples a document whose refs were dereferenced once before sampling, so a recursive
 * schema is expanded one level deeper than the sampler alone would. Inlining the refs of the
 * response schema itself (not of the defs) gives the same static output.
 */
function inlineOnce(schema: Schema, defs: Record<string, Schema>, depth: number): Schema {
  if (typeof schema !== 'object' || schema === null || depth > 64) return schema;
  if (typeof schema.$ref === 'string' && Object.keys(schema).length === 1) {
    const name = schema.$ref.startsWith('#/$defs/') ? schema.$ref.slice('#/$defs/'.length) : undefined;
    const target = name === undefined ? undefined : defs[name];
    // A deep copy: the sampler recognises recursion by object identity, and a shared sub-object
    // (such as the schema of a `children` array) would cut the recursion one level early.
    if (target !== undefined) return typeof target === 'object' ? structuredClone(target) : target;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, inlineOnce(v, defs, depth + 1)]),
      );
    } else if (key === 'items' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = inlineOnce(value as Schema, defs, depth + 1);
    } else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      out[key] = value.map((v) => inlineOnce(v as Schema, defs, depth + 1));
    } else out[key] = value;
  }
  return out as Schema;
}
