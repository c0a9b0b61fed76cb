/**
 * npm run conformance — for every spec in spec-examples/ and GitHub's REST description: every
 * operation × response × media schema is generated with several seeds (static and dynamic) and
 * checked with an independent validator (Ajv 2020-12 + ajv-formats). Prints valid/total per spec
 * and exits 1 below 100%.
 */
import { fileURLToPath } from 'node:url';
import { generate } from '../worker/mock/generate/index';
import { validateValue } from '../worker/mock/validate-schema';
import { forDirection, makeAjv } from '../test/unit/generate/ajv-helper';
import { loadPlan, responseCases, specSources } from './spec-sources';
import { printTable } from './print-table';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEEDS = Number(process.env.CONFORMANCE_SEEDS ?? 4);
const REF_DATE = Date.UTC(2025, 0, 1);

let failedSpecs = 0;
const rows: string[][] = [];
for (const src of specSources(root)) {
  let plan;
  try {
    plan = await loadPlan(src);
  } catch (e) {
    console.log(`${src.name}: ingest failed: ${e instanceof Error ? e.message : e}`);
    failedSpecs++;
    continue;
  }
  const cases = responseCases(plan);
  // One Ajv schema per spec: the response schemas sit next to the defs, so refs compile once.
  const ajv = makeAjv();
  const id = 'https://specmock.local/conformance';
  const defs: Record<string, unknown> = forDirection(plan.defs, plan.defs, 'response') as Record<
    string,
    unknown
  >;
  const names = cases.map((_, i) => `__response_${i}`);
  cases.forEach((c, i) => (defs[names[i]] = forDirection(c.schema, plan.defs, 'response')));
  ajv.addSchema({ $id: id, $defs: defs });

  let valid = 0;
  let total = 0;
  let unsat = 0;
  // Second opinion from the Worker's own validator: it must accept what Ajv accepts.
  let cfAgree = 0;
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const validate = ajv.getSchema(`${id}#/$defs/${names[i]}`);
    if (!validate) throw new Error(`Ajv could not compile ${c.id}`);
    for (let s = 0; s < SEEDS; s++) {
      for (const dynamic of [false, true]) {
        if (!dynamic && s > 0) continue;
        total++;
        const r = generate(c.schema, {
          seed: `${c.seed}#${s}`,
          defs: plan.defs,
          pathParams: c.pathParams,
          refDate: REF_DATE,
          dynamic,
        });
        if (!r.ok) {
          unsat++;
          if (failures.length < 5) failures.push(`${c.id}: ok:false at ${r.pointer}: ${r.reason}`);
          continue;
        }
        if (validateValue(c.schema, plan.defs, r.value).length === 0) cfAgree++;
        else if (failures.length < 5)
          failures.push(
            `${c.id}: validateValue rejects: ${JSON.stringify(validateValue(c.schema, plan.defs, r.value)).slice(0, 300)}`,
          );
        if (validate(r.value)) valid++;
        else if (failures.length < 5)
          failures.push(
            `${c.id}: ${ajv.errorsText(validate.errors)} — ${JSON.stringify(r.value).slice(0, 300)}`,
          );
      }
    }
  });
  const rate = total ? (100 * valid) / total : 100;
  if (valid !== total) failedSpecs++;
  rows.push([
    src.name,
    String(cases.length),
    `${valid}/${total}`,
    `${rate.toFixed(2)}%`,
    String(unsat),
    `${cfAgree}/${total - unsat}`,
  ]);
  for (const f of failures) console.log(`  ✗ ${src.name}: ${f}`);
}

printTable(['spec', 'schemas', 'valid/total (Ajv)', 'rate', 'ok:false', '@cfworker valid'], rows);
if (failedSpecs) {
  console.log(`\n${failedSpecs} spec(s) below 100%`);
  process.exit(1);
}
console.log('\nall specs 100% valid');
