// The local Worker's bindings as wrangler.toml declares them, converted by wrangler itself.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHECKOUT } from './bundle.mjs';

/**
 * wrangler's own conversion of wrangler.toml into miniflare worker options (the one its test pool
 * uses), reduced to what a bundled script needs: compatibility, vars, KV namespaces and Durable
 * Objects. Static assets (the dashboard) are left out: local mode serves the API and mocks, and the
 * assets router would sit in front of every mock call. Importing wrangler takes about 1.5 s, so the
 * result is cached beside the bundle, whose directory name already hashes wrangler.toml.
 */
export async function wranglerWorkerOptions({ root = CHECKOUT, script } = {}) {
  const cache = script ? join(dirname(script), 'worker-options.json') : undefined;
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const { unstable_getMiniflareWorkerOptions } = await import('wrangler');
  const { workerOptions: w } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'));
  const options = {
    compatibilityDate: w.compatibilityDate,
    compatibilityFlags: w.compatibilityFlags,
    bindings: w.bindings ?? {},
    kvNamespaces: Object.keys(w.kvNamespaces ?? {}),
    durableObjects: w.durableObjects ?? {},
  };
  if (cache) writeFileSync(cache, JSON.stringify(options, null, 2));
  return options;
}
