// The multi-file layouts under test/fixtures/multi-file/, read from disk as uploads (Node only).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MULTI_FILE = fileURLToPath(new URL('../fixtures/multi-file/', import.meta.url));

/** Each layout: its folder (the upload's root), its entry, and Redocly's bundle of it. */
export const LAYOUTS = [
  { name: 'redocly-starter', root: 'redocly-starter/openapi', entry: 'openapi.yaml' },
  { name: 'train-travel', root: 'train-travel', entry: 'openapi.yaml' },
  { name: 'swagger-cli', root: 'swagger-cli', entry: 'api.yaml' },
  { name: 'cycle', root: 'cycle', entry: 'openapi.yaml' },
  { name: 'monorepo', root: 'monorepo', entry: 'pets/openapi.yaml' },
] as const;

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

export function layoutFiles(layout: (typeof LAYOUTS)[number]) {
  return folderFiles(join(MULTI_FILE, layout.root));
}

export function bundledText(layout: (typeof LAYOUTS)[number]): string {
  return readFileSync(join(MULTI_FILE, 'bundled', `${layout.name}.yaml`), 'utf8');
}
