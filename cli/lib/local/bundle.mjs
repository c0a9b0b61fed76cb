// The Worker bundle of local mode: built exactly as `wrangler deploy` would, once per source change.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prebuilt } from '../prebuilt.mjs';

/** The checkout this CLI belongs to (the Worker sources and wrangler.toml live there). */
export const CHECKOUT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

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
export function sourceHash(root = CHECKOUT) {
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
 * Bundles the Worker (`wrangler deploy --dry-run --outdir`), cached under
 * node_modules/.cache/specmock keyed by the sources' hash, so a second start skips the build.
 * Returns the path of the bundled `index.js`.
 */
export async function bundleWorker({ root = CHECKOUT, log = () => {} } = {}) {
  const shipped = root === CHECKOUT ? prebuilt('worker/index.js') : undefined;
  if (shipped) return shipped;
  if (!existsSync(join(root, 'worker/ingest/generated/oas-validators.js'))) {
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
  dropOlderBundles(cacheRoot, `worker-${hash}`);
  return script;
}

/** Keeps the cache small: bundles of older sources go once they are a minute old. */
function dropOlderBundles(cacheRoot, keep) {
  for (const name of readdirSync(cacheRoot)) {
    if (name.startsWith('worker-') && name !== keep && !name.includes('.tmp-')) {
      const p = join(cacheRoot, name);
      if (Date.now() - statSync(p).mtimeMs > 60_000) rmSync(p, { recursive: true, force: true });
    }
  }
}
