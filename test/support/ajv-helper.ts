import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Schema, Direction } from '../../worker/mock/plan';

/**
 * The independent validator: Ajv (2020-12) + ajv-formats "full". Patterns fall back to non-unicode
 * mode like the generator does, and a required property hidden in the direction (writeOnly in a
 * response) is not required, as OpenAPI specifies. Everything else is Ajv's own judgement.
 */

function lenientRegExp(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return new RegExp(pattern);
  }
}
lenientRegExp.code = 'lenientRegExp';

export function makeAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    logger: false,
    allErrors: false,
    validateFormats: true,
    code: { regExp: lenientRegExp as never },
  });
  addFormats(ajv);
  for (const k of [
    'example',
    'x-faker',
    'x-specmock-unsafe-pattern',
    'discriminator',
    'xml',
    'externalDocs',
  ]) {
    if (!ajv.getKeyword(k)) ajv.addKeyword(k);
  }
  return ajv;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copy with required-but-hidden properties made optional (direction-aware OpenAPI semantics). */
export function forDirection(schema: unknown, defs: Record<string, unknown>, direction: Direction): unknown {
  const flag = direction === 'response' ? 'writeOnly' : 'readOnly';
  const hidden = (s: unknown, depth = 0): boolean => {
    if (!isObj(s) || depth > 10) return false;
    if (s[flag] === true) return true;
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#/$defs/'))
      return hidden(defs[s.$ref.slice(8)], depth + 1);
    return Array.isArray(s.allOf) && s.allOf.some((x) => hidden(x, depth + 1));
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObj(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      out[k] =
        k === 'example' || k === 'examples' || k === 'default' || k === 'const' || k === 'enum' ? x : walk(x);
    if (Array.isArray(v.required) && isObj(v.properties)) {
      const props = v.properties;
      out.required = v.required.filter((r) => !hidden(props[r as string]));
    }
    return out;
  };
  return walk(schema);
}

export function rootSchema(
  schema: Schema,
  defs: Record<string, Schema>,
  direction: Direction = 'response',
): object {
  const d = forDirection(defs, defs, direction) as Record<string, unknown>;
  const s = forDirection(schema, defs, direction);
  return isObj(s) ? { ...s, $defs: d } : { allOf: [s], $defs: d };
}

export function ajvValidate(
  ajv: Ajv2020,
  schema: Schema,
  defs: Record<string, Schema>,
  value: unknown,
  direction: Direction = 'response',
): string | null {
  const validate = ajv.compile(rootSchema(schema, defs, direction));
  return validate(value) ? null : ajv.errorsText(validate.errors);
}
