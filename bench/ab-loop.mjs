// Two bundles of the Worker side by side on the calls that go to a Durable Object: workerd's CPU
// time per call, each call made N times inside one request to the bundle's loop variant (as
// bench/cpu-per-call.mjs makes them: no sockets, no load generator), the Worker pinned to one core,
// the two bundles in alternated rounds. It reports each row's median and the median of the
// per-round differences, B less A (Linux: /proc and util-linux's `taskset`). The clock ticks in
// 10 ms, so a row's reading moves in steps of 5 µs at 2,000 calls; the same bundle on both sides
// reads 0–5 µs apart over 9 rounds.
//   node bench/ab-loop.mjs --a before.js --b after.js [--rows post,get,stateless] [--calls 2000]
//     [--rounds 9] [--local] [--log-off]
// Hosted mode by default (quota leases and the request log, as the bench's sandbox rows); a
// sandbox POST row grows its collection by `calls` items a round, as the bench's rows do.
import { parseArgs } from 'node:util';
import { cpuUs, pin, started } from './workerd-cpu.mjs';

const { values: args } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    rows: { type: 'string', default: 'post,get,stateless' },
    calls: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '9' },
    local: { type: 'boolean', default: false },
    'log-off': { type: 'boolean', default: false },
  },
});
if (!args.a || !args.b) throw new Error('usage: node bench/ab-loop.mjs --a bundle.js --b bundle.js');
// config.mjs reads the full bench's flags from the command line when imported: hand it none.
process.argv.length = 2;
const { cleanup } = await import('./cleanup.mjs');
const { PETSTORE } = await import('./config.mjs');
const { SANDBOX_BENCH_VARS, createSandbox } = await import('./sandbox.mjs');
const { publishTo, specmockWorker } = await import('./targets.mjs');
const { loopUrl, variantBundle } = await import('./variants.mjs');
const { median } = await import('./load.mjs');

const POST = { method: 'POST', body: '{"name":"Bench","tag":"load"}' };
const kinds = args.rows.split(',');
const vars = { ...SANDBOX_BENCH_VARS, ...(args['log-off'] ? { LOG_MOCK_CALLS: 'off' } : {}) };

pin(process.pid, 0);
const rows = [];
for (const [name, script] of [
  ['A', args.a],
  ['B', args.b],
]) {
  const bundle = variantBundle(script, 'loop');
  if (!bundle) throw new Error(`${script}: the bundle no longer has the loop variant's entry point`);
  const worker = await started(() => specmockWorker(bundle, { quotas: !args.local, vars }));
  pin(worker.pid, 1);
  const published = await publishTo(worker, PETSTORE, 'petstore');
  const { sandboxUrl } = await createSandbox(worker, published);
  const [pet] = await (await fetch(`${sandboxUrl}/pets`)).json();
  const all = {
    post: { label: 'sandbox POST /pets', url: loopUrl(`${sandboxUrl}/pets`), request: POST },
    get: { label: 'sandbox GET /pets/{petId}', url: loopUrl(`${sandboxUrl}/pets/${pet.id}`) },
    stateless: { label: 'stateless POST /pets', url: loopUrl(`${published.mockUrl}/pets`), request: POST },
  };
  for (const kind of kinds) rows.push({ ...all[kind], name, pid: worker.pid, us: [] });
}

async function once(row, calls) {
  const res = await fetch(row.url, {
    method: row.request?.method ?? 'GET',
    headers: { 'x-loop-n': String(calls), ...(row.request ? { 'content-type': 'application/json' } : {}) },
    body: row.request?.body,
  });
  const text = await res.text();
  if (text !== 'ok') throw new Error(`${row.name} ${row.label}: ${text.slice(0, 300)}`);
}

const calls = Number(args.calls);
for (const row of rows) await once(row, 200);
for (let round = 0; round < Number(args.rounds); round++)
  for (const row of rows) {
    const before = cpuUs(row.pid);
    await once(row, calls);
    // The request log writes its batch 50 ms after it opens: wait, so its write is in the round.
    await new Promise((resolve) => setTimeout(resolve, 150));
    row.us.push((cpuUs(row.pid) - before) / calls);
  }

const half = rows.length / 2;
for (const [i, row] of rows.entries()) {
  const paired = i >= half ? rows[i - half] : undefined;
  console.log(
    `${row.name} ${row.label.padEnd(26)} ${median(row.us).toFixed(1).padStart(7)} µs/call` +
      (paired ? `  B less A ${median(row.us.map((x, k) => x - paired.us[k])).toFixed(1)} µs` : '') +
      `  rounds ${row.us.map((x) => x.toFixed(0)).join(' ')}`,
  );
}
await cleanup();
process.exit(0);
