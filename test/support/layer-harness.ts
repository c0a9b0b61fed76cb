import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { mock, prepareTarget, type MockRequest } from '../../worker/mock/mock';
import { modelOf } from '../../worker/sandbox/sandbox-model';
import { sandboxLayer } from '../../worker/sandbox/stateful-layer';
import { ingest } from '../../worker/ingest/ingest';
import { DOC_ID, responseSchemas } from './independent-schemas';
import { independentValidator, parseOriginal } from '../../scripts/corpus/independent-validator';
import { MemoryStore } from './memory-store';

/** A minimal OpenAPI 3.0 document around YAML `paths` and `components.schemas` blocks (indented). */
export function oas3(paths: string, schemas = '    Unused: {type: string}'): string {
  return `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
${paths}
components:
  schemas:
${schemas}
`;
}

/** A published document and a sandbox's pure layer over a Map store, as the Durable Object builds it. */
export async function sandboxOver(
  text: string,
  { seed = 'unit', baseUrl = 'https://x.test/sandbox/sb' } = {},
) {
  const { plan } = await ingest(text);
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const store = new MemoryStore();
  const layer = sandboxLayer({
    target,
    model: modelOf(target),
    store,
    seed,
    baseUrl,
    limits: { maxItemsPerCollection: 100, maxBytes: 100_000 },
  });
  return { target, store, layer };
}

/** One call's answer: its status (a refusal's problem type), body, headers, and a shaped refusal. */
interface SentCall {
  status: number | string;
  body: never;
  headers: Record<string, string>;
  /** A refusal in the API's own error shape. */
  shaped?: { status: number; body: unknown };
}

/**
 * A sandbox's pure layer over a Map store, for unit tests: `send` runs one call through the mock
 * with the layer and checks every spec body with Ajv over the original document (never specmock's
 * own reading of it). A refusal comes back as its problem type in `status`.
 */
export async function layerHarness(
  text: string,
  { seed = 'unit', baseUrl = 'https://x.test/sandbox/sb' } = {},
) {
  const { target, store, layer } = await sandboxOver(text, { seed, baseUrl });
  const { document, pointers } = responseSchemas(text);
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  const independent = await independentValidator(parseOriginal(text));
  const send = (method: string, path: string, body?: unknown, extra: Partial<MockRequest> = {}): SentCall => {
    const request: MockRequest = {
      method,
      path,
      query: [],
      headers: {},
      ...(body !== undefined
        ? { body: { contentType: 'application/json', text: JSON.stringify(body) } }
        : {}),
      ...extra,
    };
    const outcome = mock(target, request, layer);
    if (!outcome.ok) {
      // A refusal in the API's own error shape: its status and body beside the problem type.
      const shaped = outcome.response && {
        status: outcome.response.status,
        body: outcome.response.body ? (JSON.parse(outcome.response.body) as unknown) : undefined,
      };
      return {
        status: outcome.problem.type,
        body: undefined as never,
        headers: {},
        ...(shaped ? { shaped } : {}),
      };
    }
    const { status, body: out, headers } = outcome.response;
    const value = out ? (JSON.parse(out) as unknown) : undefined;
    const pointer = pointers[`${method} ${outcome.operation.path} ${status}`];
    const lenient = headers['x-specmock-lenient'];
    if (pointer && lenient !== undefined) {
      // A lenient body holds with exactly the keywords its media records as relaxed read the
      // relaxed way (the corpus check's own judgement), and every other keyword as written.
      // A sandbox's stored item carries the contradictions of its schema objects into any response
      // that shows it (a list whose own bodies never met them): the plan's relaxed keywords.
      const spec = outcome.operation.responses.find((r) => r.status === String(status));
      const relaxed = spec?.content[headers['content-type'] ?? '']?.relaxed ?? [
        ...new Map(
          target.plan.operations
            .flatMap((o) => o.responses.flatMap((r) => Object.values(r.content)))
            .flatMap((m) => m.relaxed ?? [])
            .map((r) => [r.pointer, r]),
        ).values(),
      ];
      expect(relaxed.length, `${method} ${path}: lenient (${lenient}) with nothing relaxed`).toBeGreaterThan(
        0,
      );
      const verdict = independent.check(
        outcome.operation.path,
        method.toLowerCase(),
        status,
        headers['content-type'] ?? '',
        out ?? '',
        relaxed,
      );
      expect(verdict, `${method} ${path} ${status}: ${verdict?.kind} ${verdict?.detail}`).toMatchObject({
        valid: true,
      });
    } else if (pointer) {
      const validate = ajv.compile({ $ref: DOC_ID + pointer });
      expect(validate(value), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    } else expect(out ?? '').toBe('');
    return { status, body: value as never, headers };
  };
  return { send, store };
}
