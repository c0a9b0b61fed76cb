#!/usr/bin/env node
// Fills packages/cli for `npm pack` (its prepack): the CLI's sources as they are in cli/, the Worker
// bundled exactly as `wrangler deploy` bundles it with its miniflare options, and the diff engine
// bundled for Node. The package then needs no build step and no dev tooling where it is installed:
// miniflare (workerd) runs `specmock mock`, yaml reads multi-file descriptions, nothing else.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../cli/lib/local/bundle.mjs';
import { wranglerWorkerOptions } from '../cli/lib/local/worker-options.mjs';
import { buildDiffEngine } from '../cli/lib/diff-engine.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = join(ROOT, 'packages/cli');
const log = (m) => process.stderr.write(`[build-cli-package] ${m}\n`);

rmSync(join(PKG, 'cli'), { recursive: true, force: true });
rmSync(join(PKG, 'prebuilt'), { recursive: true, force: true });
cpSync(join(ROOT, 'cli'), join(PKG, 'cli'), { recursive: true });

const script = await bundleWorker({ log });
const worker = join(PKG, 'prebuilt/worker/index.js');
mkdirSync(dirname(worker), { recursive: true });
cpSync(script, worker);
// The options go beside the bundle, where worker-options.mjs looks before importing wrangler.
writeFileSync(
  join(dirname(worker), 'worker-options.json'),
  JSON.stringify(await wranglerWorkerOptions({ script }), null, 2),
);
cpSync(await buildDiffEngine({ log }), join(PKG, 'prebuilt/diff-engine.mjs'));

// The package's version is the repository's, so `specmock --version` names the release.
const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
if (pkg.version !== root.version) {
  pkg.version = root.version;
  writeFileSync(join(PKG, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}
log(`packages/cli ready (specmock-cli ${pkg.version})`);
