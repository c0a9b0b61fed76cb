// What the packaged CLI ships prebuilt (packages/cli, made by `npm pack`): the Worker bundle with
// its miniflare options, and the diff engine. A checkout has neither and builds them from its
// sources (local/bundle.mjs, diff-engine.mjs), so the same CLI code runs from both.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** cli/lib → the package root, where `prebuilt/` sits beside `cli/`. */
const ROOT = new URL('../../prebuilt/', import.meta.url);

/** The prebuilt file `name` (`worker/index.js`, `diff-engine.mjs`), when this CLI is the package. */
export function prebuilt(name) {
  const path = fileURLToPath(new URL(name, ROOT));
  return existsSync(path) ? path : undefined;
}
