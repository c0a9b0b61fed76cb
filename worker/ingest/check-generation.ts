import type { ProblemDetailEntry } from '../http/problem';
import { generate, type GenerateOptions } from '../mock/generate/index';
import { ORIGIN, type Relaxation } from '../mock/generate/relax';
import type { Plan, PlanWarning, Relaxed, Schema } from '../mock/plan';
import { isObj } from '../mock/schema-refs';
import { escapeToken } from './json-pointer';
import { responseSchemaMedia } from './response-media';

const MAX_REFUSED = 20;
/** Only these are hostile (a body of gigabytes asked for): everything else is a spec defect. */
const HOSTILE = /generator limit|output size limit/;
/** Bodies generated to find where a lenient media must be relaxed: other seeds meet other shapes. */
const DISCOVERY: Partial<GenerateOptions>[] = [
  { seed: 'publish-check' },
  { seed: 'publish-check', dynamic: true },
  { seed: 'publish-check-2', dynamic: true },
  { seed: 'publish-check-3', dynamic: true },
];

export interface GenerationCheck {
  /** Size-cap schemas (`minItems: 1e9`): the upload is refused with these. */
  hostile: ProblemDetailEntry[];
  warnings: PlanWarning[];
}

/**
 * Generates every response body once, at publish time, under the strict reading. A schema no value
 * satisfies is a spec defect, not a reason to refuse the upload: it is generated again with every
 * relaxation available where the strict reading fails (relax.ts), and the keywords relaxed are
 * recorded on the media (`relaxed`, pointers into the original document through `origins`) so the
 * mock relaxes those and nothing else, and says so in `x-specmock-lenient`. Only bodies past the
 * size caps refuse the document. Identical schemas (most are a bare `$ref`) are tried once.
 */
export function checkGeneration(plan: Plan, origins: WeakMap<object, string>): GenerationCheck {
  const hostile: ProblemDetailEntry[] = [];
  const warnings: PlanWarning[] = [];
  const tried = new Map<string, Outcome>();
  const outcomeOf = (schema: Schema): Outcome => {
    // A list of one schema holds when its item does: the item is tried alone, once for every list
    // of it and for the schema itself (GitHub answers 119 lists of a bare $ref, 62 of those $refs
    // also bare). Only success is shared: a failure is found again on the list, for its pointers.
    const items = bareItems(schema);
    if (items !== undefined) {
      const item = outcomeOf(items);
      if (item.kind === 'ok') return item;
    }
    const key = JSON.stringify(schema);
    let outcome = key.length < 500 ? tried.get(key) : undefined;
    if (outcome === undefined) {
      outcome = tryStrictThenLenient(plan, schema);
      // A lenient outcome names this media's own schema objects: never reused for another.
      if (key.length < 500 && outcome.kind !== 'lenient') tried.set(key, outcome);
    }
    return outcome;
  };
  for (const { media, pointer: pointerOf } of responseSchemaMedia(plan)) {
    const outcome = outcomeOf(media.schema);
    if (outcome.kind === 'ok') continue;
    const pointer = pointerOf();
    const at = outcome.at ? ` (at ${outcome.at})` : '';
    if (outcome.kind === 'hostile') {
      if (hostile.length < MAX_REFUSED) hostile.push({ pointer, message: `${outcome.reason}${at}` });
      continue;
    }
    if (outcome.kind === 'unsatisfiable') {
      warnings.push({
        pointer,
        message: `no value satisfies this schema${at}: ${outcome.reason}; this response answers an unsatisfiable-schema problem`,
      });
      continue;
    }
    const relaxed = record(outcome.relaxations, origins);
    media.lenient = outcome.relaxations[0].reason;
    media.relaxed = relaxed;
    warnings.push({
      pointer,
      message: `no value satisfies this schema under the strict reading${at}: ${outcome.reason}; served as the author evidently meant, relaxing ${relaxed.map((r) => `${r.pointer} (${r.reason})`).join(', ')}, with x-specmock-lenient: ${media.lenient}`,
    });
  }
  return { hostile, warnings };
}

type Outcome =
  | { kind: 'ok' }
  | { kind: 'hostile'; reason: string; at: string }
  | { kind: 'unsatisfiable'; reason: string; at: string }
  | { kind: 'lenient'; reason: string; at: string; relaxations: Relaxation[] };

/** The item schema of `{type: array, items}` with nothing else said, whose body is 1–5 items of it. */
function bareItems(schema: Schema): Schema | undefined {
  if (!isObj(schema)) return undefined;
  const { type, items, ...rest } = schema;
  return type === 'array' && isObj(items) && Object.keys(rest).length === 0 ? items : undefined;
}

function tryStrictThenLenient(plan: Plan, schema: Schema): Outcome {
  const options = { seed: 'publish-check', defs: plan.defs, refDate: 0, direction: 'response' as const };
  // The smallest shapes first (7× faster on GitHub's description); the full depth only to confirm
  // a failure, since a shallow cut can fail where the full generator finds a way.
  let strict = generate(schema, { ...options, maxDepth: 1 });
  if (!strict.ok) strict = generate(schema, options);
  if (strict.ok) return { kind: 'ok' };
  const base = { reason: strict.reason, at: strict.pointer };
  if (HOSTILE.test(strict.reason)) return { kind: 'hostile', ...base };
  const relaxations: Relaxation[] = [];
  for (const more of DISCOVERY) {
    const found = generate(schema, { ...options, ...more, relax: 'discover' });
    if (found.ok) relaxations.push(...(found.relaxed ?? []));
    else if (more === DISCOVERY[0]) return { kind: 'unsatisfiable', ...base };
  }
  // Relaxations only some seeds needed: all kept, so no body of the mock meets one unrecorded.
  return relaxations.length ? { kind: 'lenient', ...base, relaxations } : { kind: 'ok' };
}

/**
 * Each relaxed keyword once, as a pointer into the original document; its schema object is marked
 * with that origin so the mock can tell it apart (plans are stored as JSON, identity is lost).
 */
function record(relaxations: Relaxation[], origins: WeakMap<object, string>): Relaxed[] {
  const out: Relaxed[] = [];
  for (const { reason, node, keyword } of relaxations) {
    const origin = origins.get(node);
    if (origin === undefined) continue;
    node[ORIGIN] = origin;
    const pointer = `${origin}/${escapeToken(keyword)}`;
    if (!out.some((r) => r.pointer === pointer)) out.push({ reason, pointer });
  }
  return out;
}
