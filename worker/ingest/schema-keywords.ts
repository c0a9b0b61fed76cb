import type { JsonValue, PlanWarning, SchemaObject } from '../mock/plan';
import { REQUIRED_ON_CONDITION } from '../mock/generate/context';
import { isRecord } from './normalize-media';

/**
 * Real documents misspell JSON Schema in predictable ways: `type: int`, `type: date`,
 * `minimum: "0"`, `required: true` on a property, `enum: []`. Validators and generators would
 * either crash on those or find the schema unsatisfiable, so each is repaired to what the author
 * evidently meant, or dropped, with a warning that points at it.
 */
const TYPE_ALIASES: Record<string, { type?: string; format?: string }> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  array: { type: 'array' },
  null: { type: 'null' },
  int: { type: 'integer' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  long: { type: 'integer', format: 'int64' },
  short: { type: 'integer' },
  float: { type: 'number', format: 'float' },
  double: { type: 'number', format: 'double' },
  decimal: { type: 'number' },
  bool: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  'date-time': { type: 'string', format: 'date-time' },
  timestamp: { type: 'string', format: 'date-time' },
  file: { type: 'string', format: 'binary' },
  binary: { type: 'string', format: 'binary' },
  uuid: { type: 'string', format: 'uuid' },
  text: { type: 'string' },
  map: { type: 'object' },
  dictionary: { type: 'object' },
  list: { type: 'array' },
  any: {},
};

const NUMERIC = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
];
const COUNTS = new Set(['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']);
const BOOLEAN = ['uniqueItems', 'readOnly', 'writeOnly', 'deprecated'];

type Warn = (warning: PlanWarning) => void;

/** `type` as written → a JSON Schema type (and format), or nothing when it names no type. */
export function repairType(
  value: unknown,
  at: string,
  warn: Warn,
): { type?: string | string[]; format?: string } {
  const one = (name: unknown): { type?: string; format?: string } | undefined =>
    typeof name === 'string' ? TYPE_ALIASES[name.toLowerCase()] : undefined;
  if (Array.isArray(value)) {
    const mapped = value.map(one);
    if (mapped.some((m) => m === undefined)) warn({ pointer: at, message: 'unknown type names ignored' });
    const types = [...new Set(mapped.flatMap((m) => (m?.type ? [m.type] : [])))];
    return types.length > 0 ? { type: types } : {};
  }
  const mapped = one(value);
  if (mapped === undefined) {
    warn({ pointer: at, message: `"${String(value)}" is not a JSON Schema type; ignored` });
    return {};
  }
  if (typeof value === 'string' && mapped.type !== value && value !== 'any')
    warn({ pointer: at, message: `type "${value}" read as ${JSON.stringify(mapped)}` });
  return mapped;
}

/** Fixes or removes the numeric, boolean, `required` and `enum` keywords of one schema, in place. */
export function repairKeywords(out: SchemaObject, at: string, warn: Warn): void {
  for (const key of NUMERIC) {
    let value = out[key];
    if (value === undefined || (typeof value === 'boolean' && key.startsWith('exclusive'))) continue;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      value = Number(value);
      warn({ pointer: `${at}/${key}`, message: `${key} is a string; read as the number ${value}` });
    }
    const bad =
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (COUNTS.has(key) && (value < 0 || !Number.isInteger(value))) ||
      (key === 'multipleOf' && value <= 0);
    if (bad) {
      delete out[key];
      if (key === 'multipleOf' && typeof value === 'number' && value <= 0)
        out['x-specmock-zero-multiple'] = true;
      warn({
        pointer: `${at}/${key}`,
        message: `${key} must be ${COUNTS.has(key) ? 'a non-negative integer' : key === 'multipleOf' ? 'a positive number' : 'a number'}; ignored`,
      });
    } else out[key] = value;
  }
  for (const key of BOOLEAN) {
    if (out[key] === 'true' || out[key] === 'false') out[key] = out[key] === 'true';
    else if (out[key] !== undefined && typeof out[key] !== 'boolean') delete out[key];
  }
  if (
    out.required !== undefined &&
    !(Array.isArray(out.required) && out.required.every((r) => typeof r === 'string'))
  ) {
    delete out.required;
    warn({ pointer: `${at}/required`, message: 'required must be a list of property names; ignored' });
  }
  if (out.enum !== undefined && (!Array.isArray(out.enum) || out.enum.length === 0)) {
    delete out.enum;
    warn({ pointer: `${at}/enum`, message: 'enum must be a non-empty list; ignored' });
  }
}

/** Swagger-style `required: true` on a property → the parent's `required` list, as the author meant. */
/**
 * What an object's `properties` say about the object beyond themselves: `required: true` flags,
 * conditional requirements, and a Kubernetes object's kind. `targetOf` reads a member given as a
 * `$ref`.
 */
export function propertyKeywords(
  node: Record<string, unknown>,
  properties: Record<string, unknown>,
  out: SchemaObject,
  at: string,
  warn: Warn,
  targetOf: (ref: string, name: string) => unknown,
): void {
  hoistRequiredFlags(properties, out, at, warn);
  markRequiredOnCondition(properties, out, targetOf);
  kubernetesKindExamples(node, out);
}

function hoistRequiredFlags(
  properties: Record<string, unknown>,
  out: SchemaObject,
  at: string,
  warn: Warn,
): void {
  const flagged = Object.entries(properties)
    .filter(
      ([, schema]) =>
        schema !== null &&
        typeof schema === 'object' &&
        (schema as Record<string, JsonValue>).required === true,
    )
    .map(([name]) => name);
  if (flagged.length === 0) return;
  out.required = [
    ...new Set([...(Array.isArray(out.required) ? (out.required as string[]) : []), ...flagged]),
  ];
  warn({
    pointer: `${at}/properties`,
    message: `"required: true" on ${flagged.join(', ')} read as the object's required list`,
  });
}

const CONDITIONAL = /\brequired (?:if|when|unless)\b/i;

/**
 * Marks the required names whose own description makes them conditional (REQUIRED_ON_CONDITION):
 * Postmark's template email requires `TemplateId` ("Required if 'TemplateAlias' is not specified")
 * and `TemplateAlias` (the reverse); Plaid's `income_amount` is "required if `type` is
 * `monthly-income`". `targetOf` reads a member given as a `$ref`, whose description is its target's.
 */
function markRequiredOnCondition(
  properties: Record<string, unknown>,
  out: SchemaObject,
  targetOf: (ref: string, name: string) => unknown,
): void {
  if (!Array.isArray(out.required)) return;
  const conditional = (out.required as string[]).filter((name) => {
    let member = properties[name];
    const ref = isRecord(member) && typeof member.$ref === 'string' ? member.$ref : undefined;
    if (ref !== undefined && !(isRecord(member) && typeof member.description === 'string'))
      member = targetOf(ref, name);
    return isRecord(member) && typeof member.description === 'string' && CONDITIONAL.test(member.description);
  });
  if (conditional.length > 0) out[REQUIRED_ON_CONDITION] = conditional;
}

/**
 * Kubernetes-style objects name their own kind: a def with one `x-kubernetes-group-version-kind`
 * (`{group: apps, version: v1, kind: Deployment}`) says what its `kind` and `apiVersion` hold
 * (`Deployment`, `apps/v1`), where the schema only says "a string" and Pods came back as kind
 * "ecstatic". Given as examples, which the generator serves where they fit; the schema is unchanged.
 */
function kubernetesKindExamples(node: Record<string, unknown>, out: SchemaObject): void {
  const gvk = node['x-kubernetes-group-version-kind'];
  if (!Array.isArray(gvk) || gvk.length !== 1 || !isRecord(gvk[0]) || !isRecord(out.properties)) return;
  const { group, version, kind } = gvk[0];
  if (typeof kind !== 'string' || typeof version !== 'string') return;
  const examples: Record<string, string> = {
    kind,
    apiVersion: typeof group === 'string' && group !== '' ? `${group}/${version}` : version,
  };
  for (const [name, value] of Object.entries(examples)) {
    const member = out.properties[name];
    if (
      isRecord(member) &&
      member.type === 'string' &&
      member.example === undefined &&
      member.enum === undefined
    )
      member.example = value;
  }
}
