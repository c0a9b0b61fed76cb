// Local mode: the real Worker bundle on miniflare's programmatic API (workerd, in-memory KV and
// Durable Objects), with no account and no network. Used by `specmock mock` and by `npm run bench`.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { bundleWorker } from './bundle.mjs';
import { wranglerWorkerOptions } from './worker-options.mjs';

/**
 * Starts the Worker on miniflare with wrangler.toml's bindings; only these vars are set by hand:
 *  - ADMIN_TOKEN: a random one, so the preload can create an unlimited key;
 *  - QUOTAS: 'off' unless `quotas` is set: one local user needs no quota object on the mock path
 *    (the hosted deployment never sets it, and no request can);
 *  - LOG_MOCK_CALLS: 'off' with QUOTAS off: local mode prints no key, so nobody could read the log;
 *  - MAX_SPEC_BYTES, MAX_UPLOAD_BYTES: 64 MiB, local uploads are trusted;
 *  - WEBHOOK_TARGETS: 'any', so callbacks and webhooks reach receivers on loopback and the local
 *    network (the hosted default, 'public', refuses them; vars can set it back).
 * Options:
 *  - port/host: where the Worker listens (port 0 picks a free one);
 *  - script: a bundle path (default: the cached bundle of this checkout);
 *  - quotas: run as hosted, with the quota Durable Object on every mock call (the bench uses it);
 *  - vars: more vars (override the above); with ROOT_MOCK (the mock at the port's root) the service
 *    itself answers only at MOCK_DOMAIN, so `dispatch` addresses it there (never through DNS);
 *  - storage: 'memory' (default) keeps KV and Durable Object SQLite files on tmpfs (/dev/shm) when
 *    the machine has one; 'disk' uses miniflare's default temporary directory. Either way it is
 *    gone after dispose;
 *  - inspectorPort: workerd's DevTools inspector (used by bench/profile.mjs for CPU profiles).
 * Resolves to { mf, url, adminToken, storage, dispatch(path, init) }: `url` is where it listens,
 * `dispatch` calls the service's own API.
 */
export async function startWorker({
  port = 0,
  host = '127.0.0.1',
  script,
  quotas = false,
  vars = {},
  storage = 'memory',
  inspectorPort,
  log = () => {},
} = {}) {
  const { Miniflare, convertV4MiniflareOptions } = await import('miniflare');
  const scriptPath = script ?? (await bundleWorker({ log }));
  const declared = await wranglerWorkerOptions({ script: scriptPath });
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const stateDir = storage === 'memory' ? memoryDir() : undefined;
  const bindings = {
    ...declared.bindings,
    ADMIN_TOKEN: adminToken,
    QUOTAS: quotas ? 'on' : 'off',
    LOG_MOCK_CALLS: quotas ? 'on' : 'off',
    MAX_SPEC_BYTES: String(64 * 1024 * 1024),
    MAX_UPLOAD_BYTES: String(64 * 1024 * 1024),
    WEBHOOK_TARGETS: 'any',
    ...vars,
  };
  if (bindings.ROOT_MOCK && !bindings.MOCK_DOMAIN) bindings.MOCK_DOMAIN = 'mock.localhost';
  // The Worker listens on its own socket (miniflare's direct socket): a request reaches it without
  // passing miniflare's entry Worker, a dev-only layer that re-creates each request and response
  // and costs three times the Worker's own work on a small call (bench: hello-world 4,345 req/s
  // through it, 16,935 direct). Only `dispatch` (the CLI's own setup calls) uses the entry, on a
  // loopback port of its own.
  // Miniflare 5 (the version wrangler ships) changed its option shape; it still converts the
  // v4 shape, which is what wrangler's own config conversion produces.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      enableDevRegistry: false,
      ...(stateDir ? { resourcePersistencePath: stateDir } : {}),
      ...(inspectorPort ? { inspectorPort } : {}),
      workers: [
        {
          name: 'specmock',
          modules: true,
          scriptPath,
          ...declared,
          bindings,
          unsafeDirectSockets: [{ host, port }],
        },
      ],
    }),
  );
  if (stateDir) removeOnDispose(mf, stateDir);
  let url;
  try {
    await mf.ready;
    url = (await mf.unsafeGetDirectURL('specmock')).toString().replace(/\/$/, '');
  } catch (error) {
    await mf.dispose().catch(() => {});
    throw error;
  }
  const service = bindings.ROOT_MOCK ? `http://${bindings.MOCK_DOMAIN}:${new URL(url).port}` : url;
  return {
    mf,
    url,
    adminToken,
    storage: stateDir ? 'memory' : 'disk',
    dispatch: (path, init) => mf.dispatchFetch(`${service}${path}`, init),
  };
}

function removeOnDispose(mf, stateDir) {
  process.once('exit', () => rmSync(stateDir, { recursive: true, force: true }));
  const dispose = mf.dispose.bind(mf);
  mf.dispose = async () => {
    try {
      await dispose();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  };
}

/** A tmpfs directory, so a mock call does not wait on the disk's fsync of a storage write. */
export function memoryDir() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return mkdtempSync('/dev/shm/specmock-');
  } catch {
    return undefined;
  }
}
