import { fail, type ProblemDetailEntry } from '../http/problem';
import { escapeToken } from './json-pointer';

const GUARD_LIMITS = {
  /** Deepest nesting of objects/arrays accepted; GitHub's description peaks near 30. */
  maxDepth: 128,
  /** Total JSON nodes; GitHub's 12 MB description has about 700k. */
  maxNodes: 5_000_000,
} as const;

/**
 * One iterative pass over the parsed upload, before anything recursive touches it: it enforces the
 * depth and size caps and refuses every `$ref` that would need a fetch (file or remote), because
 * the service never dereferences anything outside the uploaded document (no SSRF). `refs: 'vetted'`
 * skips that refusal for documents whose every ref was already checked (one file of a multi-file
 * upload, or their bundle: `worker/ingest/files/`). Answers the number of objects and arrays.
 */
export function guardDocument(doc: unknown, options: { refs?: 'refuse' | 'vetted' } = {}): number {
  const refuseRefs = options.refs !== 'vetted';
  // Most uploads pass: their walk keeps no place. One that does not is walked again to name it.
  return scan(doc, refuseRefs, false) ?? scan(doc, refuseRefs, true)!;
}

/** Where a node sits: built only when a refusal must be explained (GitHub's has 700k nodes). */
interface Place {
  parent: Place | undefined;
  key: string | number;
}

/**
 * The walk, on parallel stacks of nodes, depths and (when `explain`) places. Without `explain` it
 * answers undefined at the first over-deep node or external ref; with it, it refuses the upload
 * naming them. Otherwise it answers the number of objects and arrays.
 */
function scan(doc: unknown, refuseRefs: boolean, explain: boolean): number | undefined {
  const external: ProblemDetailEntry[] = [];
  let nodes = 0;
  const values: unknown[] = [doc];
  const depths: number[] = [0];
  const places: (Place | undefined)[] = [undefined];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    const place = places.pop();
    if (value === null || typeof value !== 'object') continue;
    if (++nodes > GUARD_LIMITS.maxNodes) {
      fail('spec-too-complex', `The document has more than ${GUARD_LIMITS.maxNodes} JSON nodes.`);
    }
    if (depth > GUARD_LIMITS.maxDepth) {
      if (!explain) return undefined;
      fail('spec-too-complex', `The document nests deeper than ${GUARD_LIMITS.maxDepth} levels.`, {
        errors: [{ pointer: pathOf(place), message: `nesting deeper than ${GUARD_LIMITS.maxDepth}` }],
      });
    }
    const ref = Array.isArray(value) ? undefined : (value as Record<string, unknown>).$ref;
    if (refuseRefs && typeof ref === 'string' && !ref.startsWith('#')) {
      if (!explain) return undefined;
      if (external.length < 50)
        external.push({
          pointer: `${pathOf(place)}/$ref`,
          message: `external $ref "${ref.slice(0, 200)}" is not allowed in a single document; upload the files together, or bundle them`,
        });
    }
    // Children are pushed inline, not through a helper: a closure per node tripled the walk's time.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child === null || typeof child !== 'object') continue;
        values.push(child);
        depths.push(depth + 1);
        places.push(explain ? { parent: place, key: i } : undefined);
      }
      continue;
    }
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object') continue;
      values.push(child);
      depths.push(depth + 1);
      places.push(explain ? { parent: place, key } : undefined);
    }
  }
  if (external.length > 0) {
    fail(
      'external-ref',
      `The document references ${external.length === 50 ? '50 or more' : external.length} external location(s). specmock never fetches files or URLs: publish the referenced files together with it (multipart, a .zip or .tar.gz, or \`specmock publish\`, which collects them), or bundle them first.`,
      { errors: external },
    );
  }
  return nodes;
}

function pathOf(place: Place | undefined): string {
  const tokens: string[] = [];
  for (let p = place; p; p = p.parent)
    tokens.push(typeof p.key === 'number' ? String(p.key) : escapeToken(p.key));
  return tokens
    .reverse()
    .map((t) => `/${t}`)
    .join('');
}
