// The multi-file layouts under test/fixtures/multi-file/, read from disk as uploads (Node only).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Layout } from './layouts';

export const MULTI_FILE = fileURLToPath(new URL('../fixtures/multi-file/', import.meta.url));

export { LAYOUTS } from './layouts';

/** Every file under a folder, with its path relative to it ('/'-separated), sorted. */
export function folderFiles(root: string): { path: string; bytes: Uint8Array }[] {
  const out: { path: string; bytes: Uint8Array }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else
        out.push({
          path: relative(root, full).split('\\').join('/'),
          bytes: new Uint8Array(readFileSync(full)),
        });
    }
  };
  walk(root);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export function layoutFiles(layout: Layout) {
  return folderFiles(join(MULTI_FILE, layout.root));
}

export function bundledText(layout: Layout): string {
  return readFileSync(join(MULTI_FILE, 'bundled', `${layout.name}.yaml`), 'utf8');
}
