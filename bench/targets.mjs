// The Workers under test on miniflare: a hello-world ceiling and specmock with a spec published.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { preload, startWorker, workerConfig } from '../cli/lib/local.mjs';
import { log } from './config.mjs';
import { onCleanup } from './cleanup.mjs';
import { timed } from './load.mjs';

export async function helloWorld() {
  const { Miniflare, convertV4MiniflareOptions } = await import('miniflare');
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      enableDevRegistry: false,
      workers: [
        {
          name: 'hello',
          modules: true,
          script: 'export default { fetch() { return Response.json({ hello: "world" }); } };',
          ...workerConfig(),
        },
      ],
    }),
  );
  const url = (await mf.ready).toString().replace(/\/$/, '');
  onCleanup(() => mf.dispose());
  return { url, stop: () => mf.dispose() };
}

export async function specmockWorker(script, storage = 'memory', bindings = {}) {
  const worker = await startWorker({ script, storage, log, bindings });
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
    ms,
    bytes: Buffer.byteLength(text),
    operations: value.body.operations,
  };
}
