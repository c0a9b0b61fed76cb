// Stateful sandboxes against the same stateless calls, on the hosted-mode Worker (quota leases on):
// petstore GET /pets/{petId} (a seeded pet) and POST /pets, each under the same load.
import { measure, round } from './load.mjs';

/** Vars of the hosted bench Worker: a POST row creates thousands of pets in one sandbox. */
export const SANDBOX_BENCH_VARS = { SANDBOX_MAX_ITEMS: '100000000', SANDBOX_MAX_BYTES: String(2 ** 31) };

async function createSandbox(worker, published) {
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

export async function measureSandbox(worker, published) {
  const sandbox = await createSandbox(worker, published);
  const [pet] = await (await fetch(`${sandbox.sandboxUrl}/pets`)).json();
  const rows = [];
  const stateless = {};
  for (const [label, path, request] of [
    ['GET /pets/{petId}', `/pets/${pet.id}`, undefined],
    ['POST /pets', '/pets', post],
  ]) {
    stateless[label] = await measure(`stateless ${label}`, published.mockUrl + path, { request });
    const stateful = await measure(`sandbox ${label}`, sandbox.sandboxUrl + path, { request });
    const ratio = round(stateful.reqPerSec / stateless[label].reqPerSec, 2);
    rows.push({ label, stateless: stateless[label], stateful, ratio });
  }
  // A POST must not slow down as its collection grows: the same row from 10 and from 1,000 items.
  for (const n of [10, 1000]) {
    const filled = await filledSandbox(worker, published, n);
    const stateful = await measure(`sandbox POST /pets from ${n} items`, `${filled.sandboxUrl}/pets`, {
      request: post,
    });
    const base = stateless['POST /pets'];
    rows.push({
      label: `POST /pets, from ${n} items`,
      stateless: base,
      stateful,
      ratio: round(stateful.reqPerSec / base.reqPerSec, 2),
    });
  }
  return { spec: 'petstore', rows };
}

export function sandboxLines(s, meta) {
  return [
    `**Stateful sandbox** vs the same stateless call (${s.spec}, hosted mode, ${meta.connections} connections; a POST row stores every pet it creates):`,
    '',
    '| Call | stateless req/s | p50 | p99 | sandbox req/s | p50 | p99 | sandbox / stateless |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...s.rows.map(
      (r) =>
        `| ${r.label} | ${r.stateless.reqPerSec} | ${r.stateless.p50} | ${r.stateless.p99} | ${r.stateful.reqPerSec} | ${r.stateful.p50} | ${r.stateful.p99} | ${r.ratio}× |`,
    ),
  ];
}
