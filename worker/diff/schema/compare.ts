import type { Direction, Schema } from '../../mock/plan';
import { isObj } from '../../mock/schema-refs';
import { under, type Delta } from './delta';
import { objectDeltas } from './object-rules';
import { scalarDeltas } from './scalar-rules';
import { becameVariants, variantDeltas } from './variant-rules';
import { viewOf, type Sub } from './view';

/** Nesting deeper than this (inline, not through `$ref`s) is not compared. */
const MAX_DEPTH = 48;

/**
 * Compares two schemas structurally, in one direction, across two plans' `defs`. Named schemas are
 * compared through their `$ref`s, never by name, so a renamed schema is the same schema. A pair of
 * named schemas is compared once and remembered (GitHub's description uses `simple-user` in hundreds
 * of places); a pair met again while it is being compared is recursion, and counts as equal there,
 * so a change inside a recursive schema is reported where the recursion starts.
 */
export class SchemaDiffer {
  private readonly memo = new Map<string, Delta[]>();
  private readonly active = new Set<string>();

  constructor(
    private readonly from: Record<string, Schema>,
    private readonly to: Record<string, Schema>,
    private readonly direction: Direction,
  ) {}

  compare(a: Schema, b: Schema): Delta[] {
    return this.pair(a, b, 0);
  }

  private pair(a: Schema, b: Schema, depth: number): Delta[] {
    const key = this.refPair(a, b);
    if (key === undefined) return depth > MAX_DEPTH ? [] : this.node(a, b, depth);
    const known = this.memo.get(key);
    if (known) return known;
    // Recursion is the same pair of targets met again, whatever keywords sit beside the `$ref`s.
    const targets = bothRefs(a, b);
    if (this.active.has(key) || (targets !== undefined && this.active.has(targets))) return [];
    this.active.add(key);
    if (targets !== undefined) this.active.add(targets);
    const deltas = this.node(a, b, 0);
    this.active.delete(key);
    if (targets !== undefined) this.active.delete(targets);
    this.memo.set(key, deltas);
    return deltas;
  }

  private node(a: Schema, b: Schema, depth: number): Delta[] {
    const va = viewOf(a, this.from, this.direction);
    const vb = viewOf(b, this.to, this.direction);
    const out: Delta[] = [];
    const emit = (d: Delta) => out.push(d);
    const recurse = (x: Sub, y: Sub, value: string | null) =>
      out.push(
        ...under(this.pair(x.schema, y.schema, depth + 1), x.path, y.path, value === null ? [] : [value]),
      );
    const plans = { from: this.from, to: this.to, direction: this.direction };
    // A schema that became a oneOf is compared with its most alike alternative, not member by member.
    if (!becameVariants(va, vb)) {
      scalarDeltas(va, vb, (d) => out.push({ ...d, at: d.at ?? [], value: [] }));
      objectDeltas(va, vb, emit, recurse);
      if (va.items && vb.items) recurse(va.items, vb.items, '*');
    }
    variantDeltas(va, vb, { a, b }, plans, emit, recurse);
    return out;
  }

  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  /**
   * The memo key of a pair where either side has a `$ref` (only refs can recur): a bare `$ref` is
   * keyed by its target, any other schema by identity. Both plans hold finitely many schemas, so
   * finitely many pairs: the walk ends whatever the recursion.
   */
  private refPair(a: Schema, b: Schema): string | undefined {
    if (!hasRef(a) && !hasRef(b)) return undefined;
    return `${this.keyOf(a)} ${this.keyOf(b)}`;
  }

  private keyOf(s: Schema): string {
    if (!isObj(s)) return String(s);
    if (typeof s.$ref === 'string' && Object.keys(s).length === 1) return s.$ref;
    let id = this.ids.get(s);
    if (id === undefined) this.ids.set(s, (id = this.nextId++));
    return `#${id}`;
  }
}

function bothRefs(a: Schema, b: Schema): string | undefined {
  return isObj(a) && isObj(b) && typeof a.$ref === 'string' && typeof b.$ref === 'string'
    ? `${a.$ref} ${b.$ref}`
    : undefined;
}

function hasRef(s: Schema): boolean {
  return isObj(s) && typeof s.$ref === 'string';
}
