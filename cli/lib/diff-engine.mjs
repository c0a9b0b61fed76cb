// The diff engine for `specmock diff old.yaml new.yaml`, with no server: worker/diff/local.ts (ingest
// + diff, the Worker's own code) bundled for Node by esbuild (a dependency of wrangler and tsx, so
// already installed), once per source change, into node_modules/.cache/specmock like the local Worker.
// The packaged CLI ships it prebuilt (prebuilt.mjs).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CHECKOUT, sourceHash } from './local/bundle.mjs';
import { prebuilt } from './prebuilt.mjs';

const run = promisify(execFile);

export async function loadDiffEngine({ log = () => {} } = {}) {
  return import(pathToFileURL(prebuilt('diff-engine.mjs') ?? (await buildDiffEngine({ log }))).href);
}

/** The diff engine bundled from this checkout's sources (cached per source change); its path. */
export async function buildDiffEngine({ log = () => {} } = {}) {
  if (!existsSync(join(CHECKOUT, 'worker/ingest/generated/oas-validators.js'))) {
    log('building the OpenAPI validators…');
    await run(process.execPath, [join(CHECKOUT, 'scripts/build-oas-validators.mjs')], { cwd: CHECKOUT });
  }
  const dir = join(CHECKOUT, 'node_modules/.cache/specmock');
  const file = join(dir, `diff-${sourceHash()}.mjs`);
  if (!existsSync(file)) {
    log('bundling the diff engine (once per source change)…');
    const { build } = await import('esbuild');
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    try {
      await build({
        entryPoints: [join(CHECKOUT, 'worker/diff/local.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: tmp,
        logLevel: 'silent',
        // CommonJS dependencies (yaml) require Node built-ins; an ES module has no `require` of its own.
        banner: {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        },
      });
      renameSync(tmp, file);
      dropOlder(dir, file);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw new Error(`bundling the diff engine failed: ${error.message}`);
    }
  }
  return file;
}

/** Bundles of older sources go once they are a minute old (another process may still load one). */
function dropOlder(dir, keep) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name.startsWith('diff-') && p !== keep && Date.now() - statSync(p).mtimeMs > 60_000)
      rmSync(p, { force: true });
  }
}
