// CPU per call inside workerd: each row's call made N times inside one request to a patched copy of
// the bundle, and workerd's own CPU time (utime + stime of its process) around that request, divided
// by N. No sockets, no HTTP parsing and no load generator share the two cores, so a row repeats to
// about a microsecond where autocannon's req/s swing by ±15 µs per request on this machine: this is
// the table that says what one change to the mock path gained.
import { existsSync } from 'node:fs';
import { SMOKE, log } from './config.mjs';
import { FLOOR_BINDING, FLOOR_OBJECT, publishTo, oneLineWorker, specmockWorker } from './targets.mjs';
import { loopUrl as loop, variantBundle } from './variants.mjs';
import { PETSTORE } from './config.mjs';
import { SANDBOX_BENCH_VARS, createSandbox } from './sandbox.mjs';
import { median, round } from './load.mjs';
import { cpuUs, started } from './workerd-cpu.mjs';

const ROUNDS = SMOKE ? 1 : 7;
/** Calls per request: about a second of CPU for the cheap rows, a fifth of it for the costly ones. */
const CHEAP = SMOKE ? 1000 : 20_000;
const COSTLY = SMOKE ? 100 : 2_000;
/**
 * The request log writes its batch 50 ms after the batch opens (windowed-batches.ts): each round
 * waits this long after its answer before reading the clock, so those writes are in the round.
 */
const SETTLE_MS = 150;
const POST = { method: 'POST', body: '{"name":"Bench","tag":"load"}', type: 'application/json' };

/** The same loop around an RPC to bench/targets.mjs's floor object, as its objectFloor makes one. */
const OBJECT_FLOOR = `${FLOOR_OBJECT}
export default {
  async fetch(request, env) {
    const kind = new URL(request.url).pathname.slice(1);
    const n = Number(request.headers.get('x-loop-n'));
    const stub = env.FLOOR.get(env.FLOOR.idFromName('floor'));
    const text = await request.text();
    for (let k = 0; k < n; k++) {
      const inner = new Request('http://bench/sandbox/sb_0/pets', { method: 'POST', headers: request.headers, body: text });
      if (kind === 'none') { new Response('hello'); continue; }
      const headers = {};
      for (const [name, value] of inner.headers) headers[name] = value;
      const call = { method: inner.method, path: '/pets', baseUrl: 'http://bench/sandbox/sb_0', query: [], headers, body: { contentType: 'application/json', text: await inner.text() } };
      const answer = JSON.parse(await stub[kind](JSON.stringify(call)));
      new Response(answer.response.body, { status: answer.response.status, headers: answer.response.headers });
    }
    return new Response('ok');
  },
};`;

async function once(row) {
  const res = await fetch(row.url, {
    method: row.request?.method ?? 'GET',
    headers: {
      'x-loop-n': String(row.n),
      ...(row.floor ? { 'x-loop-floor': '1' } : {}),
      ...(row.request ? { 'content-type': row.request.type } : {}),
      ...row.headers,
    },
    body: row.request?.body,
  });
  const text = await res.text();
  if (text !== 'ok') throw new Error(`${row.label}: ${text.slice(0, 300)}`);
}

/**
 * Fills results.cpuPerCall. Each round runs every row once, in turn, so the machine's drift meets
 * them all alike; a row reports the median of its rounds.
 */
export async function measureCpuPerCall(results, script) {
  // A process's CPU time is read from /proc: Linux only.
  if (!existsSync('/proc/self/stat')) {
    log('cpu per call: needs /proc (Linux); skipped');
    return;
  }
  const bundle = variantBundle(script, 'loop');
  if (!bundle) {
    log('cpu per call: the bundle no longer has the expected entry point; skipped');
    return;
  }
  const local = await started(() => specmockWorker(bundle));
  const hosted = await started(() => specmockWorker(bundle, { quotas: true, vars: SANDBOX_BENCH_VARS }));
  const unlogged = await started(() =>
    specmockWorker(bundle, { quotas: true, vars: { LOG_MOCK_CALLS: 'off' } }),
  );
  const floor = await started(() => oneLineWorker(script, OBJECT_FLOOR, FLOOR_BINDING));
  const [localPet, hostedPet, unloggedPet] = await Promise.all(
    [local, hosted, unlogged].map((worker) => publishTo(worker, PETSTORE, 'petstore')),
  );
  const [localMock, hostedMock, unloggedMock] = [localPet, hostedPet, unloggedPet].map((p) =>
    loop(p.mockUrl),
  );
  const { sandboxUrl } = await createSandbox(hosted, hostedPet);
  const [pet] = await (await fetch(`${sandboxUrl}/pets`)).json();
  const origin = { origin: 'https://app.example' };
  const rows = [
    {
      id: 'floor',
      label: 'runtime floor: `new Request`, `new Response("hello")`',
      worker: local,
      url: loop(`${local.url}/healthz`),
      n: CHEAP,
      floor: true,
    },
    { id: 'healthz', label: 'GET /healthz', worker: local, url: loop(`${local.url}/healthz`), n: CHEAP },
    {
      id: 'local',
      label: 'local mode, petstore GET /pets/42 (a kept answer)',
      worker: local,
      url: `${localMock}/pets/42`,
      n: CHEAP,
    },
    {
      id: 'local-origin',
      label: 'local mode, the same with an Origin (a browser)',
      worker: local,
      url: `${localMock}/pets/42`,
      n: CHEAP,
      headers: origin,
    },
    {
      id: 'local-post',
      label: 'local mode, POST /pets (read, validated, generated)',
      worker: local,
      url: `${localMock}/pets`,
      n: COSTLY,
      request: POST,
    },
    {
      id: 'hosted-unlogged',
      label: 'hosted mode, GET /pets/42, quota lease, log off',
      worker: unlogged,
      url: `${unloggedMock}/pets/42`,
      n: CHEAP,
    },
    {
      id: 'hosted',
      label: 'hosted mode, GET /pets/42, quota lease and request log',
      worker: hosted,
      url: `${hostedMock}/pets/42`,
      n: CHEAP,
    },
    {
      id: 'sandbox-get',
      label: 'sandbox GET /pets/{petId} (hosted)',
      worker: hosted,
      url: loop(`${sandboxUrl}/pets/${pet.id}`),
      n: COSTLY,
    },
    {
      id: 'sandbox-post',
      label: 'sandbox POST /pets (hosted; stores each pet)',
      worker: hosted,
      url: loop(`${sandboxUrl}/pets`),
      n: COSTLY,
      request: POST,
    },
    {
      id: 'object-floor',
      label: "runtime floor of the objects' rows: the loop without an RPC",
      worker: floor,
      url: `${floor.url}/none`,
      n: COSTLY,
      request: POST,
    },
    {
      id: 'object-rpc',
      label: 'one RPC to a Durable Object carrying a sandbox call (one-line Worker)',
      worker: floor,
      url: `${floor.url}/read`,
      n: COSTLY,
      request: POST,
    },
    {
      id: 'object-write',
      label: 'the same RPC writing one SQLite row',
      worker: floor,
      url: `${floor.url}/write`,
      n: COSTLY,
      request: POST,
    },
  ];
  for (const row of rows) {
    row.us = [];
    await once(row);
  }
  for (let r = 0; r < ROUNDS; r++)
    for (const row of rows) {
      const before = cpuUs(row.worker.pid);
      await once(row);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      row.us.push((cpuUs(row.worker.pid) - before) / row.n);
    }
  await Promise.all([local, hosted, unlogged].map((w) => w.mf.dispose()));
  await floor.stop();
  results.cpuPerCall = {
    rounds: ROUNDS,
    settleMs: SETTLE_MS,
    rows: rows.map(({ id, label, n, us }) => ({
      id,
      label,
      callsPerRound: n,
      us: round(median(us), 1),
      min: round(Math.min(...us), 1),
      max: round(Math.max(...us), 1),
      all: us.map((x) => round(x, 1)),
    })),
  };
  log(`cpu per call: ${results.cpuPerCall.rows.map((r) => `${r.id} ${r.us}`).join(', ')} µs`);
}
