// Stateful sandboxes against the same stateless calls, on the hosted-mode Worker (quota leases on):
// petstore GET /pets/{petId} (a seeded pet) and POST /pets, each under the same load.
import { measure, round } from './load.mjs';

/** Vars of the hosted bench Worker: a POST row creates thousands of pets in one sandbox. */
export const SANDBOX_BENCH_VARS = { SANDBOX_MAX_ITEMS: '100000000', SANDBOX_MAX_BYTES: String(2 ** 31) };

export async function measureSandbox(worker, published) {
  const res = await worker.dispatch('/v1/sandboxes', {
    method: 'POST',
    headers: { authorization: `Bearer ${published.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ api: 'petstore', version: 'latest', seed: 'bench' }),
  });
  const sandbox = await res.json();
  if (res.status !== 201)
    throw new Error(`creating the bench sandbox failed: ${res.status} ${JSON.stringify(sandbox)}`);
  const [pet] = await (await fetch(`${sandbox.sandboxUrl}/pets`)).json();
  const post = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', tag: 'load' }),
  };
  const rows = [];
  for (const [label, path, request] of [
    ['GET /pets/{petId}', `/pets/${pet.id}`, undefined],
    ['POST /pets', '/pets', post],
  ]) {
    const stateless = await measure(`stateless ${label}`, published.mockUrl + path, { request });
    const stateful = await measure(`sandbox ${label}`, sandbox.sandboxUrl + path, { request });
    rows.push({ label, stateless, stateful, ratio: round(stateful.reqPerSec / stateless.reqPerSec, 2) });
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
