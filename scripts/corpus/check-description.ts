import { PROBLEMS, ProblemError } from '../../worker/http/problem';
import { mock, prepareTarget, type MockOutcome } from '../../worker/mock/mock';
import type { OperationPlan, Plan, Relaxed } from '../../worker/mock/plan';
import { ingest } from '../../worker/ingest/ingest';
import { wellFormedRequest } from './call-operations';
import { readEntry, type CorpusEntry } from './fetch-corpus';
import { independentValidator, parseOriginal, type IndependentValidator } from './independent-validator';
import { hooksPass, type HookTally } from './hooks-pass';
import { requestExamplesPass, type RequestExampleTally } from './request-examples-pass';
import { spread } from './pick-sample';
import { addTally, emptyTally, realismPass, subSchemaValidator, type RealismTally } from './realism-pass';

interface Failure {
  kind: string;
  where: string;
}

/** One description's outcome; JSON-serialisable so runs stream to a .jsonl file. */
export interface DescriptionResult {
  name: string;
  bytes: number;
  dialect?: string;
  refused?: { type: string; detail: string };
  ingestMs: number;
  operations: number;
  called: number;
  warnings: number;
  valid: number;
  invalid: number;
  /** Bodies not checked, by reason: not-json, no-schema, uncompilable… */
  unchecked: Record<string, number>;
  /** Problems the mock answered instead of a spec response, by type. */
  problems: Record<string, number>;
  /** Responses the mock marked lenient (a spec defect served with the author's evident intent). */
  lenient: number;
  /** JSON bodies among them, all judged too (only the recorded relaxed keywords excused)… */
  lenientBodies: number;
  /** …and those valid outside their relaxed keywords. */
  lenientValid: number;
  fiveXX: number;
  /** 5xx by kind: `internal-error` (a throw, a status new Response refuses) or the problem type. */
  fiveXXByType: Record<string, number>;
  failures: Failure[];
  timedOut?: boolean;
  error?: string;
  /** Generated (Prefer: dynamic=true) bodies: their validity and realism rates (realism-pass.ts). */
  realism?: RealismTally;
  /** Webhooks and callbacks: expressions parsed, payloads made and judged (hooks-pass.ts). */
  hooks?: HookTally;
  /** The author's own request-body examples, sent as an SDK's user would (request-examples-pass.ts). */
  requestExamples?: RequestExampleTally;
}

export interface CheckOptions {
  operations: number;
  /** Prefer headers each operation is called with ('' = none, as a new user calls). */
  variants: string[];
  budgetMs: number;
  refDate: number;
}

const MAX_FAILURES_KEPT = 8;
/** The publish route's default upload cap (worker/routes/publish.ts DEFAULT_MAX_SPEC_BYTES). */
const MAX_SPEC_BYTES = 25 * 1024 * 1024;

export async function checkDescription(
  entry: CorpusEntry,
  options: CheckOptions,
): Promise<DescriptionResult> {
  const result: DescriptionResult = {
    name: entry.name,
    bytes: entry.bytes,
    ingestMs: 0,
    operations: 0,
    called: 0,
    warnings: 0,
    valid: 0,
    invalid: 0,
    unchecked: {},
    problems: {},
    lenient: 0,
    lenientBodies: 0,
    lenientValid: 0,
    fiveXX: 0,
    fiveXXByType: {},
    failures: [],
  };
  if (entry.bytes > MAX_SPEC_BYTES) {
    // The publish route refuses these before ingest (its default MAX_SPEC_BYTES).
    result.refused = {
      type: 'payload-too-large',
      detail: `${entry.bytes} bytes is over the 25 MiB upload cap`,
    };
    return result;
  }
  const text = readEntry(entry);
  const started = performance.now();
  let plan: Plan;
  try {
    const ingested = await ingest(text);
    plan = ingested.plan;
    result.warnings = ingested.warnings.length;
  } catch (e) {
    result.ingestMs = performance.now() - started;
    if (e instanceof ProblemError)
      result.refused = { type: e.problem.type, detail: e.problem.detail.slice(0, 300) };
    else
      result.refused = { type: 'CRASH', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    return result;
  }
  result.ingestMs = performance.now() - started;
  result.dialect = plan.dialect;
  result.operations = plan.operations.length;

  let validator: IndependentValidator;
  const original = parseOriginal(text);
  try {
    validator = await independentValidator(original);
  } catch (e) {
    result.error = `independent validator setup: ${e instanceof Error ? e.message : e}`;
    return result;
  }
  const target = prepareTarget(plan, options.refDate);
  if (plan.hooks?.length) {
    try {
      result.hooks = hooksPass(target, validator);
    } catch (e) {
      fiveXX(result, 'internal-error', `hooks pass: throw ${e instanceof Error ? e.message : e}`);
    }
  }
  try {
    result.requestExamples = requestExamplesPass(original, target, validator);
  } catch (e) {
    fiveXX(result, 'internal-error', `request examples: throw ${e instanceof Error ? e.message : e}`);
  }
  const deadline = performance.now() + options.budgetMs;
  const realism = (result.realism = emptyTally());
  const isValid = subSchemaValidator(plan);
  const judge = (o: OperationPlan, status: number, type: string, body: string) => {
    const v = validator.check(o.path, o.method, status, type, body, relaxedFor(o, status, type));
    return v === undefined || (v.valid && v.kind) ? undefined : v.valid;
  };
  const calls = spread(plan.operations, options.operations).flatMap((op) =>
    options.variants.map((prefer, i) => ({ op, prefer, first: i === 0 })),
  );
  for (const { op, prefer, first } of calls) {
    if (performance.now() > deadline) {
      result.timedOut = true;
      break;
    }
    if (first) {
      try {
        addTally(realism, realismPass(plan, target, op, isValid, judge));
      } catch (e) {
        const message = e instanceof Error ? e.message : e;
        fiveXX(result, 'internal-error', `${op.method} ${op.path} (realism pass): throw ${message}`);
      }
    }
    result.called++;
    const where = `${op.method.toUpperCase()} ${op.path}${prefer ? ` [${prefer}]` : ''}`;
    let outcome: MockOutcome;
    try {
      const request = wellFormedRequest(plan, op);
      if (prefer) request.headers.prefer = prefer;
      outcome = mock(target, request);
    } catch (e) {
      fiveXX(result, 'internal-error', `${where}: throw ${e instanceof Error ? e.message : e}`);
      continue;
    }
    if (!outcome.ok) {
      const type = outcome.problem.type;
      result.problems[type] = (result.problems[type] ?? 0) + 1;
      if (PROBLEMS[type].status >= 500)
        fiveXX(result, `problem ${type}`, `${where}: ${outcome.problem.detail}`);
      else keep(result, `problem ${type}`, `${where}: ${outcome.problem.detail.slice(0, 200)}`);
      continue;
    }
    const { status, headers, body } = outcome.response;
    if (status < 200 || status > 599) {
      fiveXX(result, 'internal-error', `${where}: status ${status} (new Response throws)`);
      continue;
    }
    if (headers['x-specmock-lenient']) result.lenient++;
    if (body === null || headers['content-type'] === undefined) {
      bump(result.unchecked, 'no-body');
      continue;
    }
    // Judged against the operation that answered: two templates of one shape (`/{name}/topics`,
    // `/{parent}/topics`) are one path, and either may serve it.
    const answered = outcome.operation;
    const type = headers['content-type'];
    const lenient = headers['x-specmock-lenient'];
    // Lenient bodies are judged like any other: only the keywords the plan recorded as relaxed
    // for this response are excused, so the mark never hides an unrelated violation.
    const relaxed = relaxedFor(answered, status, type);
    const verdict = validator.check(answered.path, answered.method, status, type, body, relaxed);
    if (verdict === undefined) bump(result.unchecked, 'no-spec-response');
    else if (verdict.valid) {
      if (verdict.kind) bump(result.unchecked, verdict.kind);
      else {
        result.valid++;
        if (lenient) result.lenientBodies++;
        if (lenient) result.lenientValid++;
      }
      if (verdict.kind === 'uncompilable')
        keep(result, 'uncompilable', `${where} ${status}: ${verdict.detail}`);
    } else {
      result.invalid++;
      if (lenient) result.lenientBodies++;
      const kind = verdict.kind ?? 'invalid';
      keep(result, lenient ? `lenient ${lenient}: ${kind}` : kind, `${where} ${status}: ${verdict.detail}`);
    }
  }
  return result;
}

/** The relaxed keywords recorded for the response the mock served (its status, then range, then default). */
function relaxedFor(op: OperationPlan, status: number, contentType: string): Relaxed[] | undefined {
  const code = String(status);
  const response =
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status === `${code[0]}XX`) ??
    op.responses.find((r) => r.status === 'default');
  if (!response) return undefined;
  const essence = (t: string) => t.split(';')[0].trim().toLowerCase();
  const want = essence(contentType);
  const media =
    response.content[contentType] ??
    Object.entries(response.content).find(([k]) => essence(k) === want)?.[1] ??
    Object.entries(response.content).find(([k]) => /\*/.test(k))?.[1];
  return media?.relaxed;
}

function fiveXX(result: DescriptionResult, kind: string, where: string): void {
  result.fiveXX++;
  bump(result.fiveXXByType, kind);
  keep(result, `5xx ${kind}`, where);
}

function keep(result: DescriptionResult, kind: string, where: string): void {
  if (result.failures.length < MAX_FAILURES_KEPT) result.failures.push({ kind, where: where.slice(0, 300) });
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
