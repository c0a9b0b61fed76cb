// Stateful sandboxes against the same stateless calls, on the hosted-mode Worker (quota leases on):
// petstore GET /pets/{petId} (a seeded pet) and POST /pets, each under the same load.
import { PAIRED_DURATION, PAIRED_RUNS, SMOKE, WARMUP, log } from './config.mjs';
import { load, measureAlternating, pairedRange, pairedRatio, percentile, round } from './load.mjs';
import { objectFloor } from './targets.mjs';

/** Vars of the hosted bench Worker: a POST row creates thousands of pets in one sandbox. */
export const SANDBOX_BENCH_VARS = { SANDBOX_MAX_ITEMS: '100000000', SANDBOX_MAX_BYTES: String(2 ** 31) };

export async function createSandbox(worker, published) {
  const res = await worker.dispatch('/v1/sandboxes', {
    method: 'POST',
    headers: { authorization: `Bearer ${published.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ api: 'petstore', version: 'latest', seed: 'bench' }),
  });
  const sandbox = await res.json();
  if (res.status !== 201)
    throw new Error(`creating the bench sandbox failed: ${res.status} ${JSON.stringify(sandbox)}`);
  return sandbox;
}

const post = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Bench', tag: 'load' }),
};

/** A fresh sandbox whose pets collection holds `n` items before its POST row starts. */
async function filledSandbox(worker, published, n) {
  const sandbox = await createSandbox(worker, published);
  const seeded = (await (await fetch(`${sandbox.sandboxUrl}/pets`)).json()).length;
  for (let i = seeded; i < n; i += 8)
    await Promise.all(
      Array.from({ length: Math.min(8, n - i) }, () =>
        fetch(`${sandbox.sandboxUrl}/pets`, post).then((r) => r.arrayBuffer()),
      ),
    );
  return sandbox;
}

/** `script` is the bundle under test: the floor Worker takes its compatibility settings. */
export async function measureSandbox(worker, published, script) {
  const sandbox = await createSandbox(worker, published);
  const [pet] = await (await fetch(`${sandbox.sandboxUrl}/pets`)).json();
  const rows = [];
  const stateless = {};
  // Each sandbox row in alternation with its stateless call, round by round as the other targets
  // are: the ratio is the median of the rounds' ratios, the range beside it. It was the ratio of two
  // best runs, whose stateless side (the same POST beside each POST row) read 4,686–5,380 req/s in
  // one run.
  const pair = async (label, statelessPath, statefulUrl, request) => {
    const [base, stateful] = await measureAlternating(
      [
        { name: `stateless (beside ${label})`, url: published.mockUrl + statelessPath, request },
        { name: `sandbox ${label}`, url: statefulUrl, request },
      ],
      { runs: PAIRED_RUNS, duration: PAIRED_DURATION },
    );
    const ratio = pairedRatio(stateful, base);
    return { label, stateless: base, stateful, ratio: round(ratio, 2), range: pairedRange(stateful, base) };
  };
  for (const [label, path, request] of [
    ['GET /pets/{petId}', `/pets/${pet.id}`, undefined],
    ['POST /pets', '/pets', post],
  ]) {
    const row = await pair(label, path, sandbox.sandboxUrl + path, request);
    stateless[label] = row.stateless;
    rows.push(row);
  }
  // A POST must not slow down as its collection grows: the same row from 10 and from 1,000 items.
  for (const n of [10, 1000]) {
    const filled = await filledSandbox(worker, published, n);
    rows.push(await pair(`POST /pets, from ${n} items`, '/pets', `${filled.sandboxUrl}/pets`, post));
  }
  return { spec: 'petstore', rows, floor: await measureFloor(stateless, script) };
}

/**
 * What a Durable Object call costs the runtime by itself: per call, an RPC carrying a sandbox call's
 * request and answer, and the same RPC committing one written row, over a hello-world Worker on the
 * same miniflare and storage. The three run in turn, round after round; each round gives a cost per
 * call for each RPC (its time per request less the plain Worker's in the same round), and the
 * median round is reported: the difference of two best runs swings with the machine (one committed
 * run read 1 µs per RPC where the four before it read 52–89). Added to the stateless call, the
 * costs give the ratio a sandbox call would reach if its object did nothing else.
 */
async function measureFloor(stateless, script) {
  const floor = await objectFloor(script);
  const targets = [
    { id: 'none', url: `${floor.url}/none` },
    { id: 'rpc', url: `${floor.url}/rpc` },
    { id: 'write', url: `${floor.url}/write` },
  ];
  for (const t of targets) await load(t.url, { duration: WARMUP });
  const rounds = [];
  for (let i = 0; i < FLOOR_ROUNDS; i++) {
    const turn = {};
    for (const t of targets) turn[t.id] = await load(t.url);
    rounds.push(turn);
  }
  await floor.stop();
  const cost = (r) => 1e6 / r.reqPerSec;
  // Per round, what each RPC added to a call.
  const rpcCosts = rounds.map((r) => cost(r.rpc) - cost(r.none));
  const writeCosts = rounds.map((r) => cost(r.write) - cost(r.none));
  const rpcUs = median(rpcCosts);
  const writeUs = median(writeCosts);
  const ceiling = (base, extra) => round(cost(base) / (cost(base) + extra), 2);
  const reqPerSec = (id) => median(rounds.map((r) => r[id].reqPerSec));
  log(
    `object floor, ${FLOOR_ROUNDS} round(s): alone ${rounds.map((r) => r.none.reqPerSec).join(' ')} req/s; RPC ${rounds.map((r) => r.rpc.reqPerSec).join(' ')}; RPC and write ${rounds.map((r) => r.write.reqPerSec).join(' ')}`,
  );
  return {
    rounds: FLOOR_ROUNDS,
    none: { reqPerSec: reqPerSec('none') },
    rpc: { reqPerSec: reqPerSec('rpc') },
    write: { reqPerSec: reqPerSec('write') },
    rpcUs: round(rpcUs, 1),
    writeUs: round(writeUs, 1),
    rpcRange: range(rpcCosts),
    writeRange: range(writeCosts),
    getCeiling: ceiling(stateless['GET /pets/{petId}'], rpcUs),
    postCeiling: ceiling(stateless['POST /pets'], writeUs),
  };
}

/** Rounds of the object floor: four in a full run (a minute), one in a smoke run. */
const FLOOR_ROUNDS = SMOKE ? 1 : 4;

/** The median round (the lower of the middle two of an even count). */
const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

function range(values) {
  return [round(Math.min(...values), 0), round(Math.max(...values), 0)];
}

export function sandboxLines(s, meta) {
  return [
    `**Stateful sandbox** vs the same stateless call (${s.spec}, hosted mode, ${meta.connections} connections; a POST row stores every pet it creates):`,
    '',
    `| Call | stateless req/s | p50 | p99 | sandbox req/s | p50 | p99 | sandbox / stateless (median of ${s.rows[0]?.stateful.rounds?.length ?? 1} paired rounds; their range) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...s.rows.map(
      (r) =>
        `| ${r.label} | ${r.stateless.reqPerSec} | ${r.stateless.p50} | ${r.stateless.p99} | ${r.stateful.reqPerSec} | ${r.stateful.p50} | ${r.stateful.p99} | ${r.ratio}×${r.range ? ` (${r.range[0].toFixed(2)}–${r.range[1].toFixed(2)})` : ''} |`,
    ),
    ...(s.floor
      ? [
          '',
          `The runtime's own cost of a Durable Object call (a hello-world Worker on the same miniflare and tmpfs storage; the RPC carries a sandbox call's request and answer; ${s.floor.rounds === 1 ? 'one round' : `median of ${s.floor.rounds} rounds in turn`}: ${s.floor.none.reqPerSec} req/s alone, ${s.floor.rpc.reqPerSec} after the RPC, ${s.floor.write.reqPerSec} after the RPC writing one SQLite row): **${s.floor.rpcUs} µs per RPC** (rounds: ${s.floor.rpcRange[0]}–${s.floor.rpcRange[1]}), **${s.floor.writeUs} µs per RPC with a committed write** (${s.floor.writeRange[0]}–${s.floor.writeRange[1]}). A sandbox call whose object did nothing else would reach **${s.floor.getCeiling}×** (GET) and **${s.floor.postCeiling}×** (POST) of its stateless call.`,
        ]
      : []),
  ];
}
