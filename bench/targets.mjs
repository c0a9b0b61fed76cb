// The Workers under test on miniflare: a hello-world ceiling and specmock with a spec published.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { preload } from '../cli/lib/local/preload.mjs';
import { memoryDir, startWorker } from '../cli/lib/local/worker.mjs';
import { wranglerWorkerOptions } from '../cli/lib/local/worker-options.mjs';
import { log } from './config.mjs';
import { onCleanup } from './cleanup.mjs';
import { timed } from './load.mjs';

/**
 * A one-line Worker on the same miniflare: `Response.json({ hello })`, the runtime's ceiling; or,
 * given `answer` ({ body, headers }), that fixed answer (the runtime's cost of a response's headers),
 * its headers in one Headers object built once: the cheapest way this runtime sends them.
 */
export async function helloWorld(script, answer) {
  return oneLineWorker(
    script,
    answer
      ? `const B = ${JSON.stringify(answer.body)}; const H = new Headers(${JSON.stringify(answer.headers)});
export default { fetch() { return new Response(B, { status: 200, headers: H }); } };`
      : 'export default { fetch() { return Response.json({ hello: "world" }); } };',
  );
}

/**
 * Hello-world behind miniflare's entry Worker, as `wrangler dev` (`npm run dev`) serves: the dev
 * layer's own cost per call, which neither specmock's local mode nor the hosted service pays.
 */
export async function helloWorldThroughEntry(script) {
  return oneLineWorker(
    script,
    'export default { fetch() { return Response.json({ hello: "world" }); } };',
    undefined,
    { entry: true },
  );
}

/**
 * The hello-world Worker that also POSTs a small JSON body to `url` after each answer (in
 * waitUntil): the runtime's own cost of one outbound request per call, as a callback is.
 */
export async function helloWorldSending(script, url) {
  return oneLineWorker(
    script,
    `export default { fetch(request, env, ctx) {
  ctx.waitUntil(fetch(${JSON.stringify(url)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1,"name":"Bench"}' }).then((r) => r.arrayBuffer()));
  return Response.json({ hello: "world" });
} };`,
  );
}

/**
 * A Worker from one source on the same miniflare and compatibility settings as specmock's;
 * `durableObjects` binds classes it exports, their SQLite on tmpfs like specmock's (memoryDir).
 */
export async function oneLineWorker(script, source, durableObjects, { entry = false } = {}) {
  const { Miniflare, convertV4MiniflareOptions } = await import('miniflare');
  const { compatibilityDate, compatibilityFlags } = await wranglerWorkerOptions({ script });
  const stateDir = durableObjects ? memoryDir() : undefined;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      enableDevRegistry: false,
      ...(stateDir ? { resourcePersistencePath: stateDir } : {}),
      workers: [
        {
          name: 'hello',
          modules: true,
          script: source,
          compatibilityDate,
          compatibilityFlags,
          ...(durableObjects ? { durableObjects } : {}),
          // Served as specmock is (cli/lib/local/worker.mjs): on its own socket, without miniflare's
          // entry Worker in front; `entry` keeps that layer, to show what it costs.
          ...(entry ? {} : { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] }),
        },
      ],
    }),
  );
  const ready = await mf.ready;
  const url = (entry ? ready : await mf.unsafeGetDirectURL('hello')).toString().replace(/\/$/, '');
  const stop = async () => {
    await mf.dispose();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  };
  onCleanup(stop);
  return { url, mf, stop };
}

/**
 * The runtime's floor for what the hosted contract asks of every call, beside the answer itself
 * (`answer`: hosted mode's body and headers): the two RateLimit headers, whose values change on
 * every call, set on a copy of the answer's prebuilt headers; and a log of the call (its time,
 * method, path, status and every request header, read from the runtime as a log must) as one JSON
 * line, the lines of each 50 ms sent in one RPC (in waitUntil) to a Durable Object that stores
 * them in one SQLite row, as specmock's request log batches. No quota counting, no redaction, no
 * routing: what is left of hosted mode above this is specmock's own code.
 */
export async function hostedContractFloor(script, answer) {
  const fixed = Object.fromEntries(
    Object.entries(answer.headers).filter(([name]) => !name.startsWith('ratelimit')),
  );
  const source = `import { DurableObject } from 'cloudflare:workers';
export class Log extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY, lines TEXT NOT NULL)');
  }
  append(lines) { this.ctx.storage.sql.exec('INSERT INTO batches (lines) VALUES (?)', lines); }
}
const B = ${JSON.stringify(answer.body)};
const H = new Headers(${JSON.stringify(fixed)});
const POLICY = '"minute";q=600;w=60, "month";q=100000;w=2592000';
let remaining = 1e9;
let batch;
export default {
  fetch(request, env, ctx) {
    const at = Date.now();
    const headers = new Headers(H);
    remaining--;
    headers.set('ratelimit-policy', POLICY);
    headers.set('ratelimit', '"minute";r=' + (remaining % 600) + ';t=' + (remaining % 60) + ', "month";r=' + remaining + ';t=2000000');
    const sent = {};
    request.headers.forEach((value, name) => { sent[name] = value; });
    if (!batch) {
      const lines = (batch = []);
      ctx.waitUntil(new Promise((r) => setTimeout(r, 50)).then(() => {
        batch = undefined;
        return env.LOG.get(env.LOG.idFromName('petstore')).append(lines.join('\\n'));
      }));
    }
    batch.push(JSON.stringify({ at: new Date(at).toISOString(), method: request.method, path: request.url.slice(request.url.indexOf('/', 8)), status: 200, durationMs: Date.now() - at, request: { headers: sent } }));
    return new Response(B, { status: 200, headers });
  },
};`;
  return oneLineWorker(script, source, { LOG: { className: 'Log', useSQLite: true } });
}

/**
 * The object of the Durable Object floors (binding FLOOR, class Floor): `read` answers a sandbox
 * call's answer at once, `write` also commits one SQLite row. Both take and give JSON text, as
 * specmock's sandbox object does (sandbox-object.ts). The source of a module's first lines.
 */
export const FLOOR_OBJECT = `import { DurableObject } from 'cloudflare:workers';
const ANSWER = {
  kind: 'answer',
  response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":42,"name":"Bench","tag":"load"}' },
  latencyMs: 0,
  label: null,
  operationId: 'showPetById',
};
const TEXT = JSON.stringify(ANSWER);
export class Floor extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS rows (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  }
  read(text) { return JSON.parse(text).method ? TEXT : null; }
  write(text) { JSON.parse(text); this.ctx.storage.sql.exec('INSERT INTO rows (body) VALUES (?)', '{"name":"Bench","tag":"load"}'); return TEXT; }
}`;
export const FLOOR_BINDING = { FLOOR: { className: 'Floor', useSQLite: true } };

/**
 * The runtime's floor for a Durable Object call, on the same miniflare and storage as specmock's
 * (tmpfs): a one-line Worker answering at once (`/none`), after an RPC to an object (`/rpc`), and
 * after an RPC that also writes one SQLite row (`/write`, a committed write event). Each RPC carries
 * what a sandbox call's does: the request as JSON text (method, URLs, query, every header) there,
 * an answer (status, headers, a pet's body) back, so only the object's own work is left out.
 */
export async function objectFloor(script) {
  const source = `${FLOOR_OBJECT}
let id;
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== '/none') {
      id ??= env.FLOOR.idFromName('floor');
      const stub = env.FLOOR.get(id);
      const headers = {};
      for (const [name, value] of request.headers) headers[name] = value;
      const call = { method: request.method, path: '/pets/42', baseUrl: url.origin + '/sandbox/sb_0', query: [...url.searchParams], headers, body: undefined };
      const text = JSON.stringify(call);
      const answer = JSON.parse(await (url.pathname === '/write' ? stub.write(text) : stub.read(text)));
      if (answer?.kind !== 'answer') throw new Error('no answer');
    }
    return Response.json({ hello: 'world' });
  },
};`;
  return oneLineWorker(script, source, FLOOR_BINDING);
}

/** The body and headers a mock call answers with, as the runtime would send them uncompressed. */
export async function answerOf(url) {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const headers = {};
  for (const [name, value] of res.headers)
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'date'].includes(name))
      headers[name] = value;
  return { body: await res.text(), headers };
}

/** specmock on miniflare: local mode (no quota object), or hosted mode with `quotas: true`. */
export async function specmockWorker(script, { storage = 'memory', quotas = false, vars = {} } = {}) {
  const worker = await startWorker({ script, storage, quotas, vars, log });
  onCleanup(() => worker.mf.dispose());
  return worker;
}

export async function publishTo(worker, file, api) {
  const text = readFileSync(file, 'utf8');
  const version = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const { ms, value } = await timed(() =>
    preload(worker, {
      text,
      contentType: file.endsWith('.json') ? 'application/json' : 'application/yaml',
      api,
      version,
    }),
  );
  if (value.status !== 201 && value.status !== 200)
    throw new Error(`publishing ${file} failed: ${value.status} ${JSON.stringify(value.body).slice(0, 500)}`);
  return {
    mockUrl: value.body.mockUrl,
    key: value.key,
    ms,
    bytes: Buffer.byteLength(text),
    operations: value.body.operations,
  };
}
