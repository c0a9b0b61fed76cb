// Two bundles of the Worker side by side: workerd's CPU time per request under load, the Worker
// pinned to one core and the load generator to the other, in alternated rounds, with a one-line
// hello-world as the floor (Linux: it reads /proc and pins with util-linux's `taskset`). It
// reports the median of the per-round differences, B less A: on two cores the req/s of one row
// drift by ±3–5 % between runs, its CPU per request much less.
//   node bench/ab-cpu.mjs --a before.js --b after.js [--path /pets/42] [--body '{"name":"x"}']
//     [--hosted] [--origin https://app.example] [--requests 40000] [--rounds 9]
// A bundle is `node -e "import('./cli/lib/local/bundle.mjs').then((m) => m.bundleWorker({}))
// .then(console.log)"` copied away before the tree changes, inside the checkout (node_modules/.cache/ab/:
// workerd refuses a script whose path from here climbs out with ".."). `--path /healthz` loads the service.
import { parseArgs } from 'node:util';
import { cpuPerRequest, pin, startPinned } from './workerd-cpu.mjs';

const { values: args } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    path: { type: 'string', default: '/pets/42' },
    body: { type: 'string' },
    hosted: { type: 'boolean', default: false },
    origin: { type: 'string' },
    requests: { type: 'string', default: '40000' },
    rounds: { type: 'string', default: '9' },
  },
});
if (!args.a || !args.b) throw new Error('usage: node bench/ab-cpu.mjs --a bundle.js --b bundle.js');
// config.mjs reads the full bench's flags from the command line when imported: hand it none.
process.argv.length = 2;
const { cleanup } = await import('./cleanup.mjs');
const { PETSTORE } = await import('./config.mjs');
const { oneLineWorker, publishTo, specmockWorker } = await import('./targets.mjs');
const { median } = await import('./load.mjs');

/** Starts a Worker and pins its workerd process to core 1. */
const pinned = (start) => startPinned(start, 1);

pin(process.pid, 0);
const opts = args.hosted ? { quotas: true } : {};
const hello = await pinned(() =>
  oneLineWorker(args.a, 'export default { fetch() { return Response.json({ hello: "world" }); } };'),
);
const rows = [{ name: 'hello-world', url: `${hello.url}/`, pid: hello.pid }];
for (const [name, script] of [
  ['A', args.a],
  ['B', args.b],
]) {
  const worker = await pinned(() => specmockWorker(script, opts));
  const { mockUrl } = await publishTo(worker, PETSTORE, 'petstore');
  const base = args.path === '/healthz' ? worker.url : mockUrl;
  rows.push({ name: `${name} ${args.path}`, url: base + args.path, pid: worker.pid });
}

const headers = {
  ...(args.origin ? { origin: args.origin } : {}),
  ...(args.body ? { 'content-type': 'application/json' } : {}),
};
const init = { headers, ...(args.body ? { method: 'POST', body: args.body } : {}) };
const round = (row, amount) => cpuPerRequest(row, amount, init);

for (const row of rows) {
  await round(row, 5_000);
  row.micros = [];
}
for (let i = 0; i < Number(args.rounds); i++)
  for (const row of rows) row.micros.push(await round(row, Number(args.requests)));

const [floor, a, b] = rows;
const fixed = (x) => x.toFixed(1);
for (const row of rows)
  console.log(
    `${row.name.padEnd(20)} ${fixed(median(row.micros)).padStart(7)} µs/request  ` +
      `vs hello-world ${fixed(median(row.micros.map((x, i) => x - floor.micros[i])))} µs  ` +
      `rounds ${row.micros.map((x) => x.toFixed(0)).join(' ')}`,
  );
console.log(
  `B less A, median of the rounds' differences: ${fixed(median(b.micros.map((x, i) => x - a.micros[i])))} µs`,
);
await cleanup();
process.exit(0);
