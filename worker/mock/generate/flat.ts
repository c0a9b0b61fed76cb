import type { JsonValue, Schema, SchemaObject } from '../plan';
import type { Path } from './context';
import type { Relaxation } from './relax';

/**
 * The "Flat" description of a schema that the leaf generators read: its $ref chain and allOf tree
 * merged into one set of constraints (see merge.ts), with the JSON types as bits.
 */

export const T_NULL = 1;
export const T_BOOL = 2;
export const T_INT = 4;
/** A number type admits integers too, so "number" sets both bits and intersection just works. */
export const T_NUM = 8;
export const T_STR = 16;
export const T_ARR = 32;
export const T_OBJ = 64;
export const T_ALL = 127;

export const TYPE_BITS: Record<string, number> = {
  null: T_NULL,
  boolean: T_BOOL,
  integer: T_INT,
  number: T_NUM | T_INT,
  string: T_STR,
  array: T_ARR,
  object: T_OBJ,
};

export interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

export interface Group {
  kind: 'oneOf' | 'anyOf';
  branches: Schema[];
  /** The schema object the keyword is written in (a relaxed oneOf is named by it). */
  node: SchemaObject;
  path: Path;
  discriminator?: Discriminator;
}

interface Atom {
  schema: SchemaObject;
  path: Path | null;
}

export interface Flat {
  raw: Schema;
  path: Path | null;
  atoms: Atom[];
  types: number;
  /** Some atom had a `type` keyword; otherwise the type is inferred from the keywords present. */
  typed: boolean;
  enum?: JsonValue[];
  min?: number;
  max?: number;
  exMin?: number;
  exMax?: number;
  multipleOf: number[];
  /** A `multipleOf` of 0 or less: no number satisfies it strictly; the lenient reading ignores it. */
  zeroMultiple?: boolean;
  minLength?: number;
  maxLength?: number;
  patterns: { source: string; unsafe: boolean }[];
  formats: string[];
  items?: Schema;
  prefixItems: Schema[];
  minItems?: number;
  maxItems?: number;
  unique: boolean;
  contains?: Schema;
  props: Map<string, Schema>;
  required: Set<string>;
  patternProps: [string, Schema][];
  additional?: Schema;
  propertyNames?: Schema;
  minProps?: number;
  maxProps?: number;
  dependentRequired: [string, string[]][];
  groups: Group[];
  nots: Atom[];
  conds: { if: Schema; then?: Schema; else?: Schema; path: Path | null }[];
  discriminator?: Discriminator;
  /** The def this schema came from (first $ref crossed), for implicit discriminator values. */
  defName?: string;
  /** Refs crossed while flattening: re-entering one of them is recursion. */
  refs: string[];
  xFaker?: unknown;
  /** Spec examples and defaults, in preference order; used only after checking against `raw`. */
  examples: JsonValue[];
  unsat?: { path: Path | null; reason: string };
  /** Relaxations merging made (relax.ts): logged whenever a value is generated from this flat. */
  relaxed?: Relaxation[];
  /** oneOf/anyOf lists and `if` schemas already decided on the way to this flat. */
  resolved?: Set<unknown>;
  /** Per-branch merges for oneOf/anyOf, filled lazily by compose. */
  branchCache?: Map<string, Flat>;
}
