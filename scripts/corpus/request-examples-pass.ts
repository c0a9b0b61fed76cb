import type { MockTarget } from '../../worker/mock/call';
import { mock } from '../../worker/mock/mock';
import { isJsonMediaType } from '../../worker/mock/negotiate';
import { wellFormedRequest } from './call-operations';
import type { IndependentValidator } from './independent-validator';
import { at, follow } from './relaxed-document';

/**
 * The request bodies a description's author wrote (a JSON request body's `example`, its named
 * `examples`, its schema's own `example`), each sent with the operation's well-formed parameters.
 * An SDK's user sends bodies like these. The mock may refuse one only where the independent
 * validator refuses it too (the example contradicts its own schema): a refusal it accepts is the
 * mock reading a request more strictly than the document (Amadeus's doubly escaped pattern, Azure's
 * closed bases). OpenAPI 3 only: a Swagger 2 body parameter has no example of its own.
 */
export interface RequestExampleTally {
  sent: number;
  accepted: number;
  /** Refused, and the independent validator refuses it too: the example breaks its schema. */
  refusedInvalid: number;
  /** Refused, and the independent validator accepts it: the mock is stricter than the document. */
  refusedValid: number;
  /** Refused where the independent validator could not judge (no schema, uncompilable). */
  refusedUnjudged: number;
  failures: string[];
}

export function emptyRequestExampleTally(): RequestExampleTally {
  return { sent: 0, accepted: 0, refusedInvalid: 0, refusedValid: 0, refusedUnjudged: 0, failures: [] };
}

/** At most this many examples per media: a few show the reading, thousands only cost time. */
const PER_MEDIA = 3;

export function requestExamplesPass(
  doc: Record<string, unknown>,
  target: MockTarget,
  validator: IndependentValidator,
): RequestExampleTally {
  const tally = emptyRequestExampleTally();
  if (typeof doc.openapi !== 'string') return tally;
  const deref = (value: unknown) => resolved(doc, value);
  for (const op of target.plan.operations) {
    const content = deref(follow(doc, ['paths', op.path, op.method, 'requestBody', 'content']));
    if (!isRecord(content)) continue;
    for (const [type, m] of Object.entries(content)) {
      const contentType = type.includes('*') ? 'application/json' : type.split(';')[0].trim().toLowerCase();
      if (!isJsonMediaType(contentType)) continue;
      for (const example of examplesOf(deref(m), deref).slice(0, PER_MEDIA)) {
        const request = wellFormedRequest(target.plan, op);
        const text = JSON.stringify(example);
        request.body = { contentType, text };
        request.headers = { ...request.headers, 'content-type': contentType };
        tally.sent++;
        const outcome = mock(target, request);
        if (outcome.ok || outcome.problem.type !== 'invalid-request') {
          tally.accepted++;
          continue;
        }
        const verdict = validator.checkRequestBody(['paths', op.path, op.method], contentType, text);
        // A valid verdict with a kind was not judged (no schema, not JSON, uncompilable).
        if (!verdict || (verdict.valid && verdict.kind)) tally.refusedUnjudged++;
        else if (!verdict.valid) tally.refusedInvalid++;
        else {
          tally.refusedValid++;
          if (tally.failures.length < 5)
            tally.failures.push(
              `${op.method.toUpperCase()} ${op.path}: ${outcome.problem.detail}`.slice(0, 300),
            );
        }
      }
    }
  }
  return tally;
}

function examplesOf(media: unknown, deref: (v: unknown) => unknown): unknown[] {
  if (!isRecord(media)) return [];
  const out: unknown[] = [];
  if (media.example !== undefined) out.push(media.example);
  if (isRecord(media.examples))
    for (const named of Object.values(media.examples)) {
      const e = deref(named);
      if (isRecord(e) && 'value' in e) out.push(e.value);
    }
  const schema = deref(media.schema);
  if (isRecord(schema) && schema.example !== undefined) out.push(schema.example);
  return out;
}

/** `value` with its own local `$ref`s followed (a loop of refs ends as undefined). */
function resolved(doc: Record<string, unknown>, value: unknown): unknown {
  let v = value;
  for (let hops = 0; hops < 16 && isRecord(v) && typeof v.$ref === 'string'; hops++)
    v = v.$ref.startsWith('#') ? at(doc, v.$ref) : undefined;
  return isRecord(v) && typeof v.$ref === 'string' ? undefined : v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
