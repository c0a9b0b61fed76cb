import type { JsonValue, Schema, Direction } from '../plan';
import {
  DEFAULT_REF_DATE,
  GenFailure,
  LIMITS,
  Rng,
  getFaker,
  hash,
  pointerOf,
  type Ctx,
  type Hint,
} from './context';
import { gen } from './core';
import { relaxedDefs, type Relaxation } from './relax';
import { foldedParams } from '../realism/identity';
import { realismState, type RealismInput } from '../realism/request';

/**
 * Schema-driven response generation: pure, synchronous and deterministic. The same schema and
 * options give byte-identical JSON in Node and workerd, because every random choice flows from
 * `seed` (no Math.random, no Date.now).
 */

export interface GenerateOptions {
  /** Deterministic seed material (the caller builds it from method, path, query, Prefer seed). */
  seed: string;
  /** Named schemas; refs look like {"$ref":"#/$defs/<name>"}. */
  defs: Record<string, Schema>;
  /** response (default): never emit writeOnly properties; request: never readOnly. */
  direction?: Direction;
  /**
   * Raw path parameter values. A property named like a parameter echoes its value, and the root
   * object's `id` echoes the path's last parameter when that is `id`, `petId`, `pet_id`, …
   * (coerced to integer/number/string as the schema needs). Also mixed into the seed.
   */
  pathParams?: Record<string, string>;
  /** Epoch ms used as "now" for recent dates (the version's publish time). */
  refDate?: number;
  /** $ref nesting after which only the smallest valid shape is produced (default 6). */
  maxDepth?: number;
  /** true: ignore spec examples/defaults and always synthesize (Prefer: dynamic=true). */
  dynamic?: boolean;
  /** The request and response this body answers, for identity, list sizes and error codes. */
  realism?: RealismInput;
  /** The response's media-level example (invalid as a whole): its values guide the properties. */
  example?: JsonValue;
  /**
   * Where the strict reading may give way to the author's evident intent (relax.ts): `discover`
   * anywhere it fails, each relaxation logged in the result (ingest, on media no value satisfies);
   * or only at the keyword pointers a lenient media recorded (`MediaPlan.relaxed`).
   */
  relax?: 'discover' | readonly string[];
  /**
   * Values as a client writes them: a `oneOf` value is kept to one branch only by what it holds
   * or leaves out, never by a member set to a value a sibling branch rejects (one-branch.ts,
   * `separate`). Ingest asks this of request oneOfs (check-request-oneof.ts).
   */
  natural?: boolean;
  /**
   * The value is a JSON body: where its schema constrains nothing at all (FastAPI's `schema: {}`),
   * it is an object, as JSON APIs answer, not a value of a type picked at random.
   */
  jsonRoot?: boolean;
}

export type GenerateResult =
  { ok: true; value: JsonValue; relaxed?: Relaxation[] } | { ok: false; pointer: string; reason: string };

/** The generator's context for one call: seeded, with the realism state of the request it answers. */
export function generatorContext(options: GenerateOptions): Ctx {
  const pathParams = options.pathParams ?? {};
  const paramKeys = Object.keys(pathParams);
  // Sorted so the seed does not depend on the router's insertion order.
  const material =
    options.seed +
    '\u0000' +
    paramKeys
      .slice()
      .sort()
      .map((k) => `${k}=${pathParams[k]}`)
      .join('&');
  const [h1, h2] = hash(material);
  const refDate =
    typeof options.refDate === 'number' && Number.isFinite(options.refDate)
      ? options.refDate
      : DEFAULT_REF_DATE;
  const faker = getFaker();
  faker.seed(h2);
  faker.setDefaultRefDate(refDate);
  const relax =
    options.relax === undefined || options.relax === 'discover' ? options.relax : new Set(options.relax);
  return {
    defs: relax ? relaxedDefs(options.defs ?? {}, relax) : (options.defs ?? {}),
    direction: options.direction ?? 'response',
    dynamic: options.dynamic === true,
    refDate,
    maxDepth: options.maxDepth ?? 6,
    pathParams,
    foldedParams: foldedParams(pathParams),
    realism: realismState(options.realism, paramKeys[paramKeys.length - 1]),
    rng: new Rng(h1, h2),
    faker,
    budget: LIMITS.budget,
    refCounts: new Map(),
    refDepth: 0,
    nesting: 0,
    steps: 0,
    objDepth: 0,
    arrDepth: 0,
    prune: false,
    variation: 0,
    sibling: false,
    ...(relax ? { relax } : {}),
    ...(options.natural ? { natural: true } : {}),
    ...(options.jsonRoot ? { jsonRoot: true } : {}),
    relaxed: [],
    cutting: false,
    checkBudget: { left: LIMITS.maxCheckSteps },
  };
}

export function generate(schema: Schema, options: GenerateOptions): GenerateResult {
  const ctx = generatorContext(options);
  const relax = ctx.relax;
  try {
    const hint: Hint = { root: true };
    if (ctx.realism.sent) hint.sent = ctx.realism.sent;
    if (options.example !== undefined) hint.example = options.example;
    const value = gen(schema, null, ctx, hint);
    return relax === 'discover' ? { ok: true, value, relaxed: ctx.relaxed } : { ok: true, value };
  } catch (e) {
    if (e instanceof GenFailure) return { ok: false, pointer: pointerOf(e.path), reason: e.reason };
    if (e instanceof RangeError)
      return { ok: false, pointer: '', reason: 'schema is nested too deeply to generate' };
    return {
      ok: false,
      pointer: '',
      reason: `generator error: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
