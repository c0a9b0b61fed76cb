import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const CLIENTS_DIR = join(import.meta.dirname, '..', '..', '.clients');

function installedVersion(name: string): string | undefined {
  const file = join(CLIENTS_DIR, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

/**
 * The SDKs live in the git-ignored `.clients/`, installed on demand like the corpus and never as
 * devDependencies. All pins go in one `npm install` (with --no-save and no package.json, npm would
 * prune whatever an earlier, smaller install put there).
 */
export function installSdks(pins: Record<string, string>, log: (m: string) => void): void {
  const missing = Object.entries(pins).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length === 0) return;
  log(`installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into .clients/…`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      CLIENTS_DIR,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...Object.entries(pins).map(([n, v]) => `${n}@${v}`),
    ],
    { stdio: 'inherit' },
  );
}

const requireFromClients = createRequire(join(CLIENTS_DIR, 'package.json'));

/** An installed SDK, loaded from `.clients/` (CommonJS or ES module alike: Node 24 requires both). */
export function loadSdk<T>(name: string): T {
  return requireFromClients(name) as T;
}
