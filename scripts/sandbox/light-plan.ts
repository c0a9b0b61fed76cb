import type { Plan } from '../../worker/mock/plan';
import { dropInvalidExamples } from '../../worker/ingest/check-examples';
import { detectDialect } from '../../worker/ingest/check-structure';
import { guardDocument } from '../../worker/ingest/guard';
import { normalize } from '../../worker/ingest/normalize';
import { parseSpecText } from '../../worker/ingest/parse';
import { createResolver } from '../../worker/ingest/resolve';

/**
 * The plan of a description without ingest's checks (official schema, semantics, generation; invalid examples are dropped as ingest does), which
 * inference does not need and which would make a corpus run take hours; undefined when unreadable.
 */
export async function lightPlan(text: string): Promise<Plan | undefined> {
  try {
    const doc = parseSpecText(text);
    guardDocument(doc);
    const { dialect } = detectDialect(doc);
    const resolver = await createResolver(doc as object);
    const { plan } = normalize(doc as Record<string, unknown>, dialect, resolver);
    dropInvalidExamples(plan);
    return plan;
  } catch {
    return undefined;
  }
}
