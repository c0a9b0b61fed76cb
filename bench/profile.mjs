// CPU profile of the Worker inside workerd under load, through workerd's DevTools inspector
// (node --cpu-prof cannot see into workerd). Prints the hottest functions of the bundle.
//   node bench/profile.mjs [--hosted] [--script bundle.js] [--path /pets/42] [--spec petstore|github] [--seconds 5] [--out file.cpuprofile]
//   --service /healthz profiles a path of the service itself instead of a mock call.
//   --sandbox profiles the path in a stateful sandbox (`--path /pets/{first}`: its first listed pet); --post '{"name":"x"}' POSTs that JSON body.
//   --var NAME=VALUE sets a Worker var (repeatable), e.g. --var LOG_MOCK_CALLS=off.
//   --publish N profiles N publishes of the spec (new versions, the first one cold) instead of calls.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { bundleWorker } from '../cli/lib/local/bundle.mjs';
import { preload } from '../cli/lib/local/preload.mjs';
import { startWorker } from '../cli/lib/local/worker.mjs';

// Node 20 has WebSocket behind a flag (Node 22 has it on): run again with the flag.
if (typeof WebSocket === 'undefined') {
  const again = spawnSync(process.execPath, ['--experimental-websocket', ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(again.status ?? 1);
}

const ROOT = fileURLToPath(new URL('..', import.meta.url)); // not config.mjs: it parses the bench's own flags

const { values: args } = parseArgs({
  options: {
    script: { type: 'string' },
    path: { type: 'string' },
    spec: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string' },
    top: { type: 'string' },
    hosted: { type: 'boolean' },
    service: { type: 'string' },
    sandbox: { type: 'boolean' },
    post: { type: 'string' },
    var: { type: 'string', multiple: true },
    publish: { type: 'string' },
  },
});
const spec = args.spec ?? 'petstore';
const file =
  spec === 'github'
    ? join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json')
    : join(ROOT, 'spec-examples/petstore.oas3.yaml');
const path = args.path ?? (spec === 'github' ? '/repos/octocat/hello-world' : '/pets/42');
const seconds = Number(args.seconds ?? 5);
const TOP = Number(args.top ?? 25);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const inspectorPort = await freePort();
const worker = await startWorker({
  script: args.script ?? (await bundleWorker()),
  inspectorPort,
  quotas: Boolean(args.hosted),
  // As bench/sandbox.mjs (which cannot be imported here: its config parses the bench's own flags).
  vars: {
    ...(args.sandbox ? { SANDBOX_MAX_ITEMS: '100000000', SANDBOX_MAX_BYTES: String(2 ** 31) } : {}),
    ...Object.fromEntries(
      (args.var ?? []).map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]),
    ),
  },
});
try {
  const publishing = args.publish ? Number(args.publish) : 0;
  // Publishing is profiled from its first, cold run: the key's own first publish is a small spec.
  const preloaded = publishing ? join(ROOT, 'spec-examples/petstore.oas3.yaml') : file;
  const { body, key } = await preload(worker, {
    text: readFileSync(preloaded, 'utf8'),
    contentType: preloaded.endsWith('.json') ? 'application/json' : 'application/yaml',
    api: publishing ? 'preloaded' : spec,
    version: '1',
  });
  const base = args.sandbox ? await sandboxUrl(key) : body.mockUrl;
  const url = args.service ? new URL(args.service, body.mockUrl).href : base + (await resolved(base, path));
  const request = args.post
    ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: args.post }
    : {};
  if (!publishing) await autocannon({ url, connections: 10, duration: 1, ...request }); // warm

  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = targets.find((t) => /specmock/.test(t.id ?? t.title ?? '')) ?? targets[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let nextId = 1;
  const pending = new Map();
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 100 });
  await send('Profiler.start');
  const started = performance.now();
  const result = publishing
    ? await publishes(key, publishing)
    : await autocannon({ url, connections: 10, duration: seconds, ...request });
  const elapsed = performance.now() - started;
  const {
    result: { profile },
  } = await send('Profiler.stop');
  ws.close();
  if (args.out) writeFileSync(args.out, JSON.stringify(profile));

  const dt = new Map();
  // A sample stands for the time until the next one (DevTools' reading): after a gap in sampling,
  // the time belongs to what ran before it, not to the first function sampled after it.
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) =>
    `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.url ? ` ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}` : ''}`;
  const self = new Map();
  const incl = new Map();
  let total = 0;
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    if (!t) continue;
    total += t;
    self.set(name(n), (self.get(name(n)) ?? 0) + t);
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + t);
    }
  }
  const pct = (v) => `${((v / total) * 100).toFixed(1).padStart(5)}%`;
  console.log(
    publishing
      ? `${spec}: ${publishing} publishes, ${result.join(', ')} ms; ${(total / 1000).toFixed(0)} ms sampled`
      : `${args.service ? 'service' : spec} GET ${args.service ?? path}: ${Math.round(result.requests.total / (elapsed / 1000))} req/s while profiling; ${(total / 1000).toFixed(0)} ms sampled`,
  );
  console.log('\nself time');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(pct(v), k);
  console.log('\ninclusive time');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, TOP * 2)) console.log(pct(v), k);
} finally {
  await worker.mf.dispose();
}

/** A stateful sandbox of the published API (no item or byte cap in the way of a POST run). */
/** `{first}` in a path is the id of the first item its collection lists (`/pets/{first}`). */
async function resolved(base, path) {
  const at = path.indexOf('/{first}');
  if (at < 0) return path;
  const [item] = await (await fetch(base + path.slice(0, at))).json();
  return path.replace('{first}', String(item.id));
}

/** Publishes the spec `n` times as new versions; the time of each, in ms. */
async function publishes(key, n) {
  const text = readFileSync(file, 'utf8');
  const times = [];
  for (let i = 1; i <= n; i++) {
    const start = performance.now();
    const res = await worker.dispatch(`/v1/apis/${spec}/versions/p${i}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': file.endsWith('.json') ? 'application/json' : 'application/yaml',
      },
      body: text,
    });
    await res.text();
    if (res.status !== 201) throw new Error(`publishing answered ${res.status}`);
    times.push(Math.round(performance.now() - start));
  }
  return times;
}

async function sandboxUrl(key) {
  const res = await worker.dispatch('/v1/sandboxes', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ api: spec, version: 'latest', seed: 'profile' }),
  });
  const sandbox = await res.json();
  if (res.status !== 201)
    throw new Error(`creating the sandbox failed: ${res.status} ${JSON.stringify(sandbox)}`);
  return sandbox.sandboxUrl;
}
