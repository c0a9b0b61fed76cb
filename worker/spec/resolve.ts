import $RefParser from '@apidevtools/json-schema-ref-parser';
import { fail, type ProblemDetailEntry } from '../http/problem';

export interface Resolver {
  /** Follows a chain of internal refs from `node`; returns the node itself when it is not a ref. */
  deref<T = unknown>(node: T, at: string): T;
  /** The target of one internal ref, or a problem naming where it was written. */
  target(ref: string, at: string): unknown;
}

const MAX_REF_HOPS = 64;

/**
 * Internal `$ref` lookups through json-schema-ref-parser, with every resolver but the in-document
 * one switched off: guardDocument has already refused external refs, and this makes sure nothing
 * here could fetch even if one slipped through.
 */
export async function createResolver(doc: object): Promise<Resolver> {
  const options = { resolve: { external: false, file: false, http: false } };
  const refs = await $RefParser.resolve(doc, options as Parameters<typeof $RefParser.resolve>[1] & object);

  const missing: ProblemDetailEntry[] = [];
  function target(ref: string, at: string): unknown {
    try {
      return refs.get(ref);
    } catch {
      missing.push({ pointer: at, message: `$ref "${ref}" does not resolve to anything in the document` });
      fail('invalid-spec', `Unresolvable $ref "${ref}" at ${at || '/'}.`, { errors: missing.slice(-1) });
    }
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
  return { deref, target };
}

export function refOf(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const ref = (node as { $ref?: unknown }).$ref;
  return typeof ref === 'string' ? ref : undefined;
}
