import { Faker, base, en, type Randomizer } from '@faker-js/faker';
import type { JsonValue, Schema, Direction } from '../plan';
import type { RealismState } from '../realism/request';
import type { Role } from '../realism/paging/names';
import type { Relaxation, RelaxPolicy } from './relax';

/**
 * Per-call generation state. Everything random flows from `rng` (structure) and the shared faker
 * (realistic leaves), both seeded from the caller's seed, so the same inputs give the same bytes.
 */

/** Hard caps so hostile bounds (minItems: 1e9) fail fast instead of allocating. */
export const LIMITS = {
  /** Approximate output size in characters for one body. */
  budget: 2_000_000,
  /** Past this many characters, optional content is skipped: bodies stay fast to build and read. */
  softBudget: 32_000,
  maxItems: 20_000,
  maxLength: 200_000,
  /** Nesting beyond this is treated as runaway recursion. */
  maxNesting: 120,
  /** Schema nodes visited per body, retries included. */
  maxSteps: 200_000,
  /** Schema nodes the value checks (oneOf exclusivity, `not`, enums) may visit per body. */
  maxCheckSteps: 200_000,
} as const;

/** A schema location as a linked list: built on every step, stringified only on failure. */
export interface Path {
  parent: Path | null;
  token: string;
}

export function child(path: Path | null, ...tokens: (string | number)[]): Path {
  let p = path;
  for (const t of tokens) p = { parent: p, token: String(t) };
  return p as Path;
}

export function pointerOf(path: Path | null): string {
  const tokens: string[] = [];
  for (let p = path; p; p = p.parent) {
    tokens.push(p.token.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return tokens.length ? '/' + tokens.reverse().join('/') : '';
}

/** Thrown internally (never out of generate()); not an Error so no stack trace is captured. */
export class GenFailure {
  constructor(
    readonly path: Path | null,
    readonly reason: string,
  ) {}
}

export function fail(path: Path | null, reason: string): never {
  throw new GenFailure(path, reason);
}

/** What the caller knows about where a value goes; drives name heuristics and echo. */
export interface Hint {
  name?: string;
  /** The object under construction that will hold this value (for sibling-aware heuristics). */
  siblings?: Record<string, JsonValue>;
  /** The definition name of the object that holds this value (`site`, `Pet`): what its `name` names. */
  owner?: string;
  /** True for the body itself: only its `id` echoes the path's last parameter. */
  root?: boolean;
  /** Raw path-parameter value this leaf should echo when the schema admits it. */
  echo?: string;
  /** Value this leaf must take when it is a discriminator property. */
  disc?: string;
  /** For objects: the discriminator property and the value to put in it. */
  setDisc?: { propertyName: string; value: string };
  /** The spec's example for this value, inherited from the enclosing object's or array's example. */
  example?: JsonValue;
  /** Canonical JSON of values already used (uniqueItems): small domains pick a free one. */
  taken?: ReadonlySet<string>;
  /** Optional properties to leave out (they would make a sibling oneOf branch match too). */
  avoid?: ReadonlySet<string>;
  /**
   * Values the request or the list's paging says this value is (realism): the first the schema
   * accepts is taken as it is; none fits, the value is generated as usual.
   */
  want?: readonly JsonValue[];
  /** An optional property better left out than generated (no next page: `null` does not fit). */
  drop?: boolean;
  /** For an object: the page its `href`/`uri`/`offset` members name (`next: {href}`). */
  paging?: Role;
  /** For an object: the request's values for its members (reflection). */
  sent?: Record<string, JsonValue>;
  /**
   * For an array: the objects a create sent in the list of that name (Xero's `{Contacts: [{Name: …}]}`),
   * one per answered item, each guiding its item as `sent` guides an object.
   */
  sentItems?: readonly Record<string, JsonValue>[];
}

export interface Ctx {
  defs: Record<string, Schema>;
  direction: Direction;
  dynamic: boolean;
  refDate: number;
  maxDepth: number;
  pathParams: Record<string, string>;
  /** Path parameters by case- and separator-folded name (`account_sid` ↔ `AccountSid`). */
  foldedParams: Map<string, string>;
  /** The request the body answers (item read, page size, status): see realism/request.ts. */
  realism: RealismState;
  rng: Rng;
  faker: Faker;
  budget: number;
  /** How many times each $ref is currently on the stack. */
  refCounts: Map<string, number>;
  refDepth: number;
  nesting: number;
  steps: number;
  /** Objects and arrays currently open above the value being generated. */
  objDepth: number;
  /** Inside an array: its items' optional members given or not, by schema (def or object) and name. */
  shapes?: Map<unknown, Map<string, boolean>>;
  /** Lazily chosen API host shared by every URL in the body. */
  host?: string;
  arrDepth: number;
  /** Smallest-valid-shape mode: at the depth cap or inside recursion. */
  prune: boolean;
  /** >0 while retrying: examples and fixed heuristics would just repeat the rejected value. */
  variation: number;
  /**
   * Inside an array item after the first (at any depth below it): a spec example is a template
   * here, not the value, so a list's items do not all carry the example's id.
   */
  sibling: boolean;
  /** Where the strict reading may be relaxed (relax.ts); undefined: nowhere. */
  relax?: RelaxPolicy;
  /** No value set to break a sibling oneOf branch (GenerateOptions.natural). */
  natural?: true;
  /** The body is JSON: an unconstrained root is an object (GenerateOptions.jsonRoot). */
  jsonRoot?: true;
  /** The relaxations taken, logged under the `discover` policy. */
  relaxed: Relaxation[];
  /** Inside a strict attempt below a recursion cut: no further cuts there. */
  cutting: boolean;
  /** Shared by every value check of this body (LIMITS.maxCheckSteps). */
  checkBudget: { left: number };
}

/** Marks the null alternative ingest adds for a `nullable` without `type`: requests may send null,
 * strict generation never picks it (OpenAPI 3.0.3: nullable needs a `type` beside it). */
export const LENIENT_NULL = 'x-specmock-lenient-null';

/** sfc32: tiny, fast and identical across engines (all 32-bit integer math). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number, seed2: number) {
    this.a = seed | 0;
    this.b = seed2 | 0;
    this.c = (seed ^ 0x9e3779b9) | 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi], both inclusive; lo when hi < lo. */
  int(lo: number, hi: number): number {
    if (!(hi > lo)) return lo;
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.next() * arr.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** cyrb53-style string hash; two independent 32-bit halves. */
export function hash(str: string, salt = 0): [number, number] {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

let sharedFaker: Faker | undefined;

/** One Faker per isolate: constructing it costs far more than reseeding it. */
/**
 * Faker's default randomizer is a Mersenne Twister whose seeding alone costs ~26 µs, paid on every
 * generated body. sfc32 (the generator's own Rng) seeds in a few operations and is just as
 * deterministic across engines.
 */
function seededRandomizer(): Randomizer {
  // Faker calls these detached from the object, so they close over the state instead of `this`.
  let rng = new Rng(0, 0);
  return {
    next: () => rng.next(),
    seed: (seed: number | number[]) => {
      const [a = 0, b = 0x9e3779b9] = Array.isArray(seed) ? seed : [seed];
      rng = new Rng(a, b);
    },
  };
}

export function getFaker(): Faker {
  if (!sharedFaker) sharedFaker = new Faker({ locale: [en, base], randomizer: seededRandomizer() });
  return sharedFaker;
}

/** 2024-01-01T00:00:00Z: the "now" when the caller gives no refDate, so output never drifts. */
export const DEFAULT_REF_DATE = 1704067200000;

/** True once the body is large enough that only required content should be added. */
export function overSoftBudget(ctx: Ctx): boolean {
  return LIMITS.budget - ctx.budget > LIMITS.softBudget;
}

/** Charge output size; fails the whole generation rather than building gigabytes. */
export function spend(ctx: Ctx, units: number, path: Path | null): void {
  ctx.budget -= units;
  if (ctx.budget < 0) fail(path, 'generated body would exceed the output size limit');
}

/** Set at ingest on a `oneOf` whose branches overlap so that no value matches exactly one:
 * request validation reads it as `anyOf` (a caller cannot fix the spec's defect). */
export const ONEOF_OVERLAP = 'x-specmock-oneof-overlap';

/**
 * Set at ingest on an object: the required names whose own description makes them conditional
 * ("Required if 'TemplateAlias' is not specified"). Descriptions do not reach the plan; request
 * validation reads these names as optional (lenient-request.ts).
 */
export const REQUIRED_ON_CONDITION = 'x-specmock-required-on-condition';

/**
 * Set at ingest beside a 2.0/3.0 `$ref` whose sibling `enum` picks values of the target's own enum
 * (`{$ref: Dataset, enum: [paf]}`): those versions ignore the sibling, JSON Schema validators apply
 * it, and generation keeps to it so its values satisfy both readings. Requests are validated as the
 * version reads them: without it.
 */
export const NARROWED_ENUM = 'x-specmock-narrowed-enum';

/**
 * The same for a sibling `type` that keeps some of the target's types (`{$ref: Nullable, type:
 * object}`, just-eat.co.uk): the types both readings allow, which generation keeps to.
 */
export const NARROWED_TYPE = 'x-specmock-narrowed-type';
