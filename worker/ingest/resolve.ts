import $RefParser from '@apidevtools/json-schema-ref-parser';
import { fail } from '../http/problem';

/** A `$ref` that points at nothing in the document, and where it was written. */
export interface MissingRef {
  ref: string;
  pointer: string;
}

export interface Resolver {
  /** Follows a chain of internal refs from `node`; undefined when the chain dangles. */
  deref<T = unknown>(node: T, at: string): T;
  /** The target of one internal ref, or undefined (recorded in `missing`) when there is none. */
  target(ref: string, at: string): unknown;
  /** Whether a ref resolves, without recording anything. */
  has(ref: string): boolean;
  /** Every dangling ref met so far, in order: the operations that use one answer a problem. */
  readonly missing: MissingRef[];
}

const MAX_REF_HOPS = 64;

/**
 * Internal `$ref` lookups through json-schema-ref-parser, with every resolver but the in-document
 * one switched off: guardDocument has already refused external refs, and this makes sure nothing
 * here could fetch even if one slipped through. A dangling ref does not refuse the document: it is
 * recorded, and only what uses it is affected.
 */
export async function createResolver(doc: object): Promise<Resolver> {
  const options = { resolve: { external: false, file: false, http: false } };
  const refs = await $RefParser.resolve(doc, options as Parameters<typeof $RefParser.resolve>[1] & object);

  const missing: MissingRef[] = [];
  // Only a bundle of uploaded files carries a non-local ref (one that dangles, written from the
  // upload's root): it resolves to nothing, and ref-parser never gets to interpret it as a path.
  // Each ref string looked up once: ref-parser parses it as a URL on every get (GitHub: 6,926 gets
  // of 1,764 distinct refs).
  const found = new Map<string, { value: unknown } | null>();
  const lookup = (ref: string): { value: unknown } | null => {
    let hit = found.get(ref);
    if (hit === undefined) {
      try {
        hit = ref.startsWith('#') ? (plainTarget(doc, ref) ?? { value: refs.get(ref) }) : null;
      } catch {
        hit = null;
      }
      found.set(ref, hit);
    }
    return hit;
  };
  const has = (ref: string): boolean => lookup(ref) !== null;
  function target(ref: string, at: string): unknown {
    const hit = lookup(ref);
    if (hit) return hit.value;
    missing.push({ ref, pointer: at });
    return undefined;
  }
  function deref<T>(node: T, at: string): T {
    let current: unknown = node;
    for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
      const ref = refOf(current);
      if (ref === undefined) return current as T;
      current = target(ref, at);
    }
    return fail('invalid-spec', `$ref chain at ${at || '/'} loops or is longer than ${MAX_REF_HOPS} hops.`, {
      errors: [{ pointer: at, message: 'circular $ref chain with no content' }],
    });
  }
  return { deref, target, has, missing };
}

/** `#/a/b`, spelled with nothing ref-parser would decode first (no `~` escapes, no `%`). */
const PLAIN_LOCAL_REF = /^#(?:\/[A-Za-z0-9._$-]+)+$/;

/**
 * The target of a plain local ref, walked directly where ref-parser's answer is the same object:
 * each node on the way and the target are objects that are not refs themselves (ref-parser would
 * follow those). Anything else is left to ref-parser (undefined). ref-parser resolves each ref as a
 * URL first, which was most of the cost of GitHub's 1,764 lookups; nearly every real ref is plain.
 */
function plainTarget(doc: object, ref: string): { value: unknown } | undefined {
  if (!PLAIN_LOCAL_REF.test(ref)) return undefined;
  let node: unknown = doc;
  for (const token of ref.slice(2).split('/')) {
    if (node === null || typeof node !== 'object' || refOf(node) !== undefined || !Object.hasOwn(node, token))
      return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node !== null && typeof node === 'object' && refOf(node) === undefined ? { value: node } : undefined;
}

export function refOf(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const ref = (node as { $ref?: unknown }).$ref;
  return typeof ref === 'string' ? ref : undefined;
}
