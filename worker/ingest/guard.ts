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
  return quickScan(doc, refuseRefs) ?? explainedScan(doc, refuseRefs);
}

/**
 * The pass every upload takes: node and depth counts on two plain stacks, no record of where a node
 * is (GitHub's description has 700k objects and arrays; a frame for each was a tenth of the garbage
 * of its ingest). Answers the number of nodes, or undefined at the first over-deep node or external
 * ref, which explainedScan then finds again with its pointer.
 */
function quickScan(doc: unknown, refuseRefs: boolean): number | undefined {
  let nodes = 0;
  const values: unknown[] = [doc];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (++nodes > GUARD_LIMITS.maxNodes) {
      fail('spec-too-complex', `The document has more than ${GUARD_LIMITS.maxNodes} JSON nodes.`);
    }
    if (depth > GUARD_LIMITS.maxDepth) return undefined;
    if (Array.isArray(value)) {
      for (const child of value)
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      continue;
    }
    const ref = (value as Record<string, unknown>).$ref;
    if (refuseRefs && typeof ref === 'string' && !ref.startsWith('#')) return undefined;
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return nodes;
}

/** The same pass with each node's place kept, for the pointers of what it refuses. */
function explainedScan(doc: unknown, refuseRefs: boolean): number {
  const external: ProblemDetailEntry[] = [];
  let nodes = 0;
  const stack: Frame[] = [{ value: doc, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (value === null || typeof value !== 'object') continue;
    if (++nodes > GUARD_LIMITS.maxNodes) {
      fail('spec-too-complex', `The document has more than ${GUARD_LIMITS.maxNodes} JSON nodes.`);
    }
    if (depth > GUARD_LIMITS.maxDepth) {
      fail('spec-too-complex', `The document nests deeper than ${GUARD_LIMITS.maxDepth} levels.`, {
        errors: [{ pointer: pathOf(frame), message: `nesting deeper than ${GUARD_LIMITS.maxDepth}` }],
      });
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        stack.push({ value: value[i], parent: frame, key: i, depth: depth + 1 });
      continue;
    }
    const ref = (value as Record<string, unknown>).$ref;
    if (refuseRefs && typeof ref === 'string' && !ref.startsWith('#') && external.length < 50) {
      external.push({
        pointer: `${pathOf(frame)}/$ref`,
        message: `external $ref "${ref.slice(0, 200)}" is not allowed in a single document; upload the files together, or bundle them`,
      });
    }
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, parent: frame, key, depth: depth + 1 });
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

/** A node met by the walk; its pointer is spelled out only for an error (most uploads have none). */
interface Frame {
  value: unknown;
  parent?: Frame;
  key?: string | number;
  depth: number;
}

function pathOf(frame: Frame): string {
  const tokens: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent)
    tokens.push(typeof f.key === 'number' ? String(f.key) : escapeToken(f.key!));
  return tokens
    .reverse()
    .map((t) => `/${t}`)
    .join('');
}
