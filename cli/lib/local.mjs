// Local mode: the real Worker bundle on miniflare's programmatic API (workerd, in-memory KV and
// Durable Objects), with no account and no network. Used by `specmock mock` and by `npm run bench`.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Reads compatibility_date and compatibility_flags from wrangler.toml (two flat keys, no TOML parser needed). */
export function workerConfig(root = ROOT) {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? '2026-11-01';
  const flagsRaw = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '';
  const flags = [...flagsRaw.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  return { compatibilityDate: date, compatibilityFlags: flags };
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Hash of everything that goes into the bundle: the Worker sources, wrangler.toml and the lockfile. */
export function sourceHash(root = ROOT) {
  const h = createHash('sha256');
  const files = [
    ...listFiles(join(root, 'worker')),
    join(root, 'wrangler.toml'),
    join(root, 'package-lock.json'),
  ]
    .filter(existsSync)
    .sort();
  for (const f of files) {
    h.update(relative(root, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Bundles the Worker exactly as `wrangler deploy` would (`--dry-run --outdir`), cached under
 * node_modules/.cache/specmock keyed by the sources' hash, so a second start skips the build.
 * Returns the path of the bundled `index.js`.
 */
export async function bundleWorker({ root = ROOT, log = () => {} } = {}) {
  if (!existsSync(join(root, 'worker/spec/generated/oas-validators.js'))) {
    log('building the OpenAPI validators…');
    await run(process.execPath, [join(root, 'scripts/build-oas-validators.mjs')], { cwd: root });
  }
  const hash = sourceHash(root);
  const cacheRoot = join(root, 'node_modules/.cache/specmock');
  const dir = join(cacheRoot, `worker-${hash}`);
  const script = join(dir, 'index.js');
  if (existsSync(script)) return script;
  log('bundling the Worker (once per source change)…');
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(tmp), { recursive: true });
  const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js');
  try {
    await run(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', tmp], {
      cwd: root,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`bundling the Worker failed:\n${error.stderr || error.stdout || error.message}`);
  }
  rmSync(join(tmp, 'index.js.map'), { force: true });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process won the race; its bundle is identical
  }
  // Keep the cache small: drop bundles of older sources.
  for (const name of readdirSync(cacheRoot)) {
    if (name.startsWith('worker-') && name !== `worker-${hash}` && !name.includes('.tmp-')) {
      const p = join(cacheRoot, name);
      if (Date.now() - statSync(p).mtimeMs > 60_000) rmSync(p, { recursive: true, force: true });
    }
  }
  return script;
}

/**
 * Starts the Worker on miniflare. Options:
 *  - port/host: where to listen (port 0 picks a free one);
 *  - script: a bundle path (default: the cached bundle of this checkout);
 *  - bindings: extra vars;
 *  - storage: 'memory' (default) keeps KV and Durable Object SQLite files on tmpfs (/dev/shm) when
 *    the machine has one, so a mock call does not wait on the disk's fsync of its quota counter
 *    write; 'disk' uses miniflare's default temporary directory. Either way it is gone after dispose;
 *  - inspectorPort: workerd's DevTools inspector (used by bench/profile.mjs for CPU profiles).
 * Resolves to { mf, url, adminToken, storage, dispatch(path, init) }.
 */
export async function startWorker({
  port = 0,
  host = '127.0.0.1',
  script,
  bindings = {},
  storage = 'memory',
  inspectorPort,
  log = () => {},
} = {}) {
  const { Miniflare, convertV4MiniflareOptions } = await import('miniflare');
  const scriptPath = script ?? (await bundleWorker({ log }));
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const stateDir = storage === 'memory' ? memoryDir() : undefined;
  // Miniflare 5 (the version wrangler ships) changed its option shape; it still converts the
  // well-known v4 shape, which is what wrangler's own config maps to.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host,
      port,
      enableDevRegistry: false,
      ...(stateDir ? { resourcePersistencePath: stateDir } : {}),
      ...(inspectorPort ? { inspectorPort } : {}),
      workers: [
        {
          name: 'specmock',
          modules: true,
          scriptPath,
          ...workerConfig(),
          kvNamespaces: ['SPECS'],
          durableObjects: {
            QUOTA: { className: 'KeyAccount', useSQLite: true },
            REGISTRY: { className: 'ApiRegistry', useSQLite: true },
            REQUEST_LOG: { className: 'RequestLog', useSQLite: true },
          },
          bindings: {
            SIGNUP: 'open',
            ADMIN_TOKEN: adminToken,
            DEFAULT_PER_MINUTE: '1000000000',
            DEFAULT_PER_MONTH: '1000000000',
            MAX_SPEC_BYTES: String(64 * 1024 * 1024),
            ...bindings,
          },
        },
      ],
    }),
  );
  if (stateDir) {
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
  let url;
  try {
    url = (await mf.ready).toString().replace(/\/$/, '');
  } catch (error) {
    await mf.dispose().catch(() => {});
    throw error;
  }
  return {
    mf,
    url,
    adminToken,
    storage: stateDir ? 'memory' : 'disk',
    dispatch: (path, init) => mf.dispatchFetch(`${url}${path}`, init),
  };
}

function memoryDir() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return mkdtempSync('/dev/shm/specmock-');
  } catch {
    return undefined;
  }
}

/** Creates an unlimited key through the admin token and publishes one spec. */
export async function preload(worker, { text, contentType, api, version }) {
  const limits = { perMinute: 1_000_000, perMonth: 10_000_000_000 }; // the service's caps
  const keyRes = await worker.dispatch('/v1/keys', {
    method: 'POST',
    headers: { authorization: `Bearer ${worker.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ limits }),
  });
  const keyBody = await keyRes.json();
  if (keyRes.status !== 201)
    throw new Error(`creating the local key failed (${keyRes.status}): ${JSON.stringify(keyBody)}`);
  const res = await worker.dispatch(`/v1/apis/${api}/versions/${encodeURIComponent(version)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${keyBody.key}`, 'content-type': contentType },
    body: text,
  });
  const body = await res.json();
  return { status: res.status, body, key: keyBody.key };
}

/**
 * Ctrl-C / SIGTERM / SIGHUP → `mf.dispose()`, then exit 0: a requested stop is a clean stop.
 * Miniflare installs its own exit hook (kill workerd, exit 130) on those signals; it is set aside
 * here so dispose can finish, and used as the fallback for a second signal or a stuck dispose.
 */
export function stopOnSignals(mf, onStop = () => {}) {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const saved = Object.fromEntries(signals.map((sig) => [sig, process.listeners(sig)]));
  let stopping = false;
  const hardStop = (sig) => {
    for (const listener of saved[sig]) listener(sig);
    process.exit(1);
  };
  const stop = async (sig) => {
    if (stopping) return hardStop(sig);
    stopping = true;
    onStop(sig);
    setTimeout(() => hardStop(sig), 10_000).unref();
    try {
      await mf.dispose();
    } finally {
      process.exit(0);
    }
  };
  for (const sig of signals) {
    process.removeAllListeners(sig);
    process.on(sig, stop);
  }
}
