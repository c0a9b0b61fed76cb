import { sha256Hex } from '../util/hash';
import { fail } from '../http/problem';
import type { Plan, PlanWarning } from '../mock/plan';
import { dropInvalidExamples } from './check-examples';
import { checkGeneration } from './check-generation';
import { markIgnoredRefTypes } from './ignored-ref-types';
import { checkSemantics } from './check-semantics';
import { checkStructure, detectDialect, refuseWrongContainerTypes } from './check-structure';
import { guardDocument } from './guard';
import { normalize } from './normalize';
import { parseSpecText } from './parse';
import { createResolver } from './resolve';
import { capWarnings } from './cap-warnings';
import { markOverlappingRequestOneOfs } from './check-request-oneof';

export interface Ingested {
  plan: Plan;
  warnings: PlanWarning[];
  /** Hex SHA-256 of the uploaded text: identical uploads are recognised by it. */
  hash: string;
}

export interface IngestOptions {
  strict?: boolean;
  /** `vetted`: the document is a bundle whose refs were checked file by file (`spec/files/`). */
  refs?: 'refuse' | 'vetted';
}

/**
 * parse → guard → check against the official schema → resolve internal refs → normalize → semantic
 * checks. Runs once per upload; every failure is a ProblemError with pointers into the upload.
 */
export async function ingest(text: string, options: IngestOptions = {}): Promise<Ingested> {
  return ingestDocument(parseSpecText(text), sha256Hex(text), options);
}

/** Ingest of a parsed document; `hash` identifies the upload it came from. */
export async function ingestDocument(
  doc: unknown,
  hash: string,
  options: IngestOptions = {},
): Promise<Ingested> {
  guardDocument(doc, { refs: options.refs });
  const { dialect, note } = detectDialect(doc);
  refuseWrongContainerTypes(doc as Record<string, unknown>, dialect);
  const structural = note ? [{ pointer: '', message: note }] : checkStructure(doc, dialect);
  if (options.strict && structural.length > 0) {
    fail(
      'invalid-spec',
      `The document does not conform to the official ${dialect} schema: ${structural[0].pointer || '/'} ${structural[0].message}`,
      { errors: structural },
    );
  }
  const resolver = await createResolver(doc as object);
  const { plan, located, warnings, origins, ignoredRefTypes } = normalize(
    doc as Record<string, unknown>,
    dialect,
    resolver,
  );
  const semantic = checkSemantics(located, plan);
  if (options.strict && semantic.length > 0) {
    fail(
      'invalid-spec',
      `The document has ${semantic.length} semantic error(s); the first: ${semantic[0].pointer} ${semantic[0].message}`,
      { errors: semantic },
    );
  }
  const examples = dropInvalidExamples(plan);
  const generation = checkGeneration(plan, origins);
  const refTypeWarnings = markIgnoredRefTypes(plan, ignoredRefTypes);
  const overlaps = markOverlappingRequestOneOfs(plan);
  const impossible = generation.hostile;
  if (impossible.length > 0) {
    fail(
      'unsatisfiable-schema',
      `${impossible.length === 20 ? '20 or more' : impossible.length} response schema(s) ask for a body past the size caps; the first: ${impossible[0].pointer}: ${impossible[0].message}`,
      { errors: impossible },
    );
  }
  const findings = [...structural, ...semantic].map((e) => ({
    pointer: e.pointer ?? '',
    message: e.message,
  }));
  return {
    plan,
    warnings: capWarnings([
      ...findings,
      ...examples,
      ...generation.warnings,
      ...refTypeWarnings,
      ...overlaps,
      ...warnings,
    ]),
    hash,
  };
}
