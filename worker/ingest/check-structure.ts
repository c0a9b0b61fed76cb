import { v20, v30, v31, type AjvError, type StandaloneValidator } from './generated/oas-validators.js';
import { fail, type ProblemDetailEntry } from '../http/problem';
import type { Plan } from '../mock/plan';

export type Dialect = Plan['dialect'];

/**
 * Picks the dialect from the version field; anything else is not a document we can mock. Loose
 * spellings (`openapi: 3.0`, which YAML reads as the number 3; `swagger: 2`) and OpenAPI 3.2, whose
 * additions a mock can ignore, are accepted with a note.
 */
export function detectDialect(doc: unknown): { dialect: Dialect; note?: string } {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    fail('invalid-spec', 'The document is not an object, so it cannot be an OpenAPI description.', {
      errors: [{ pointer: '', message: 'expected an object with an `openapi` or `swagger` field' }],
    });
  }
  const { openapi, swagger } = doc as Record<string, unknown>;
  if (typeof swagger === 'string' || typeof swagger === 'number') {
    const version = String(swagger);
    if (version === '2.0') return { dialect: 'swagger-2.0' };
    if (version === '2') return { dialect: 'swagger-2.0', note: 'swagger: 2 read as "2.0"' };
    fail(
      'unsupported-spec-version',
      `Swagger ${swagger} is not supported; use Swagger 2.0 or OpenAPI 3.0/3.1.`,
      {
        errors: [{ pointer: '/swagger', message: 'supported: "2.0"' }],
      },
    );
  }
  if (typeof openapi === 'string' || typeof openapi === 'number') {
    const version =
      typeof openapi === 'number' ? (Number.isInteger(openapi) ? `${openapi}.0` : String(openapi)) : openapi;
    if (/^3\.0\.\d+(-.+)?$/.test(version)) return { dialect: 'openapi-3.0' };
    if (/^3\.1\.\d+(-.+)?$/.test(version)) return { dialect: 'openapi-3.1' };
    if (/^3\.0$/.test(version))
      return { dialect: 'openapi-3.0', note: `openapi: ${JSON.stringify(openapi)} read as 3.0.x` };
    if (/^3\.1$/.test(version))
      return { dialect: 'openapi-3.1', note: `openapi: ${JSON.stringify(openapi)} read as 3.1.x` };
    if (/^3\.2(\.\d+)?(-.+)?$/.test(version))
      return {
        dialect: 'openapi-3.1',
        note: 'OpenAPI 3.2 read with 3.1 rules; 3.2 additions (such as the QUERY method) are ignored',
      };
    fail(
      'unsupported-spec-version',
      `OpenAPI ${openapi} is not supported; use 3.0.x, 3.1.x or 3.2.x (or Swagger 2.0).`,
      {
        errors: [{ pointer: '/openapi', message: 'supported: 3.0.x, 3.1.x, 3.2.x' }],
      },
    );
  }
  return fail(
    'invalid-spec',
    'The document has neither an `openapi` nor a `swagger` field, so it is not an OpenAPI description.',
    {
      errors: [{ pointer: '/openapi', message: 'missing `openapi` (3.x) or `swagger` (2.0) version field' }],
    },
  );
}

/** The containers a description is made of, by dialect: each must be a JSON object when present. */
const CONTAINERS: Record<Dialect, string[]> = {
  'swagger-2.0': ['info', 'paths', 'definitions', 'parameters', 'responses', 'securityDefinitions'],
  'openapi-3.0': ['info', 'paths', 'components'],
  'openapi-3.1': ['info', 'paths', 'components', 'webhooks'],
};

/**
 * A document whose top-level containers have the wrong JSON type (`"paths": "nope"`, an `info` that
 * a YAML `!!js/function` tag turned into a string) is not a description at all, whatever else it
 * gets right: refused, unlike the many schema slips a mock can live with. A container left empty
 * (`paths:` with nothing under it reads as null in YAML) counts as absent.
 */
export function refuseWrongContainerTypes(doc: Record<string, unknown>, dialect: Dialect): void {
  const wrong = CONTAINERS[dialect].filter((key) => {
    const value = doc[key];
    return !(value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value)));
  });
  if (wrong.length === 0) return;
  fail(
    'invalid-spec',
    `The document's ${wrong.map((k) => `\`${k}\``).join(', ')} ${wrong.length === 1 ? 'has' : 'have'} the wrong JSON type, so it is not an OpenAPI description.`,
    {
      errors: wrong.map((key) => ({
        pointer: `/${key}`,
        message: `\`${key}\` must be an object, not ${jsonType(doc[key])}`,
      })),
    },
  );
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string'
    ? 'a string'
    : typeof value === 'number'
      ? 'a number'
      : `a ${typeof value}`;
}

const VALIDATORS: Record<Dialect, StandaloneValidator> = {
  'swagger-2.0': v20,
  'openapi-3.0': v30,
  'openapi-3.1': v31,
};

/**
 * Validates against the official OpenAPI JSON Schema for the dialect (compiled ahead of time) and
 * returns the violations. Real-world documents often break the schema in ways a mock can live with
 * (a missing `info`, a response without `description`), so the caller decides whether they are
 * warnings or, with `?strict=true`, errors.
 */
export function checkStructure(doc: unknown, dialect: Dialect): ProblemDetailEntry[] {
  const validate = VALIDATORS[dialect];
  if (validate(doc)) return [];
  return summarize(validate.errors ?? []).map((e) => ({ ...e, message: `${dialect} schema: ${e.message}` }));
}

/**
 * Ajv reports every failed branch of every oneOf; a person needs the deepest, most specific
 * complaints. Keep the errors at the deepest instance paths and drop the branch noise above them.
 */
function summarize(raw: AjvError[]): ProblemDetailEntry[] {
  const noise = new Set(['oneOf', 'anyOf', 'if', 'not', '$ref']);
  const specific = raw.filter((e) => !noise.has(e.keyword));
  const pool = specific.length > 0 ? specific : raw;
  const depth = (e: AjvError) => (e.instancePath.match(/\//g) ?? []).length;
  const sorted = [...pool].sort((a, b) => depth(b) - depth(a));
  const seen = new Set<string>();
  const out: ProblemDetailEntry[] = [];
  for (const e of sorted) {
    const message = describe(e);
    const key = `${e.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: e.instancePath, message });
    if (out.length >= 20) break;
  }
  return out;
}

function describe(e: AjvError): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `unexpected property "${String(p.additionalProperty)}"`;
  if (e.keyword === 'required') return `missing required property "${String(p.missingProperty)}"`;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues))
    return `must be one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? e.keyword;
}
