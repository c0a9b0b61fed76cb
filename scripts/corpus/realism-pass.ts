/**
 * The realism half of the corpus check, for one operation: the request `realism-requests.ts`
 * builds, sent with `Prefer: dynamic=true` (the generator speaks for itself, examples only guide
 * it) for the success response and again for the first error response with a JSON schema. Each
 * body is judged by the caller's independent validator (validity of generated bodies) and by
 * `realism-metrics.ts`.
 */
import { mock, type MockTarget } from '../../worker/mock/mock';
import type { JsonValue, OperationPlan, Plan, Schema } from '../../worker/mock/plan';
import { validateValue } from '../../worker/mock/validate-schema';
import { forDirection, makeAjv } from '../../test/support/ajv-helper';
import { addCounts, emptyCounts, measureRealism, type RealismCounts } from './realism-metrics';
import { requestFor } from './realism-requests';

export interface RealismTally {
  counts: RealismCounts;
  bodies: number;
  valid: number;
  invalid: string[];
}

export function emptyTally(): RealismTally {
  return { counts: emptyCounts(), bodies: 0, valid: 0, invalid: [] };
}

export function addTally(into: RealismTally, t: RealismTally): void {
  addCounts(into.counts, t.counts);
  into.bodies += t.bodies;
  into.valid += t.valid;
  for (const w of t.invalid) if (into.invalid.length < 20) into.invalid.push(w);
}

/** Whole-body verdict: true, false, or undefined when the validator cannot judge this body. */
export type BodyCheck = (
  op: OperationPlan,
  status: number,
  contentType: string,
  body: string,
) => boolean | undefined;

let docs = 0;

/**
 * A copy without the patterns ingest flagged as catastrophic (x-specmock-unsafe-pattern): Ajv would
 * run them on the spec's examples, and beezup's hung the run. Those examples are then judged by the
 * rest of their schema.
 */
function runnable(schema: unknown, reviver = (_k: string, x: unknown) => x): unknown {
  return JSON.parse(JSON.stringify(schema), (k, x: unknown) => {
    if (
      x !== null &&
      typeof x === 'object' &&
      (x as Record<string, unknown>)['x-specmock-unsafe-pattern'] === true
    )
      delete (x as Record<string, unknown>).pattern;
    return reviver(k, x);
  });
}

/**
 * Ajv over the plan's own (2020-12) schemas for sub-schemas: examples and echo holders. Refs are
 * made absolute into one document per plan, so each sub-schema compiles on its own.
 */
export function subSchemaValidator(plan: Plan): (s: Schema, v: unknown) => boolean {
  const ajv = makeAjv();
  const id = `https://specmock.local/realism/${++docs}`;
  let usable = true;
  try {
    ajv.addSchema({
      $id: id,
      $defs: runnable(forDirection(plan.defs, plan.defs, 'response')) as Record<string, unknown>,
    });
  } catch {
    // Ajv refuses some documents (a `$id` used twice): the runtime validator judges those alone.
    usable = false;
  }
  const compiled = new WeakMap<object, ((v: unknown) => boolean) | null>();
  return (s, v) => {
    if (typeof s !== 'object' || s === null) return s !== false;
    let f = usable ? compiled.get(s) : null;
    if (f === undefined) {
      try {
        const abs = runnable(forDirection(s, plan.defs, 'response'), (k, x) =>
          k === '$ref' && typeof x === 'string' && x.startsWith('#/') ? id + x : x,
        );
        const validate = ajv.compile(abs as object);
        f = (x: unknown) => validate(x) as boolean;
      } catch {
        f = null;
      }
      compiled.set(s, f);
    }
    return f ? f(v) : validateValue(s, plan.defs, v).length === 0;
  };
}

export function realismPass(
  plan: Plan,
  target: MockTarget,
  op: OperationPlan,
  isValid: (s: Schema, v: unknown) => boolean,
  checkBody: BodyCheck,
): RealismTally {
  const tally = emptyTally();
  const built = requestFor(plan, op);
  const error = op.responses.find(
    (r) => /^[45]\d\d$/.test(r.status) && r.content['application/json']?.schema,
  );
  for (const code of error ? [undefined, error.status] : [undefined]) {
    const prefer = `dynamic=true${code ? `, code=${code}` : ''}`;
    const r = mock(target, { ...built.request, headers: { ...built.request.headers, prefer } });
    if (!r.ok || r.response.body === null) continue;
    const type = r.response.headers['content-type'] ?? '';
    if (!/json/.test(type)) continue;
    const status = r.response.status;
    // Judged against the operation that answered, as check-description does: two templates of one
    // shape (pubsublite's `/v1/admin/{name}/topics` and `/v1/admin/{parent}/topics`) are one path.
    const answered = r.operation;
    const res =
      answered.responses.find((x) => x.status === String(status)) ??
      answered.responses.find((x) => x.status === 'default');
    const schema = res?.content['application/json']?.schema ?? Object.values(res?.content ?? {})[0]?.schema;
    if (schema === undefined) continue;
    let body: JsonValue;
    try {
      body = JSON.parse(r.response.body) as JsonValue;
    } catch {
      continue;
    }
    const verdict = checkBody(answered, status, type, r.response.body);
    if (verdict !== undefined) {
      tally.bodies++;
      if (verdict) tally.valid++;
      else
        tally.invalid.push(
          `${answered.method.toUpperCase()} ${answered.path} ${status} (dynamic): ${r.response.body.slice(0, 300)}`,
        );
    }
    const counts = measureRealism({
      operation: answered,
      schema,
      defs: plan.defs,
      status,
      pathParams: built.pathParams,
      query: built.request.query,
      body,
      isValid,
    });
    addCounts(tally.counts, counts);
  }
  return tally;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');

/** The realism rows of a report, as Markdown table rows (measure | value). */
export function realismRows(t: RealismTally): string[] {
  const c = t.counts;
  return [
    `| dynamic bodies valid / checked | ${t.valid} / ${t.bodies} (${pct(t.valid, t.bodies)}) |`,
    `| example-shaped values (where a valid example exists) | ${c.exampleShaped} / ${c.exampleProps} (${pct(c.exampleShaped, c.exampleProps)}) |`,
    `| path value echoed on item reads | ${c.itemEchoed} / ${c.itemReads} (${pct(c.itemEchoed, c.itemReads)}) |`,
    `| time-order violations | ${c.timeViolations} of ${c.timePairs} pairs |`,
    `| part > total violations | ${c.partViolations} of ${c.partPairs} pairs |`,
    `| error status mismatches | ${c.statusMismatches} of ${c.statusChecks} |`,
    `| lists longer than the page size asked | ${c.pageViolations} of ${c.pageChecks} |`,
  ];
}
