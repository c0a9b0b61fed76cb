// The command line of `npm run bench` and what it decides: durations, runs, the calls to load.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The repository root (the bench's specs, Prism's install and the results live under it). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    'no-prism': { type: 'boolean' },
  },
});
export const SMOKE = Boolean(args.smoke);
export const DURATION = Number(args.duration ?? (SMOKE ? 1 : 5));
export const RUNS = SMOKE ? 1 : 2;
/**
 * Rows whose ratios are targets (hello-world, local and hosted mode) run in more, shorter rounds,
 * each round measuring them back to back: the ratio is the median of the rounds' ratios, which the
 * machine's drift between minutes cannot tilt the way it tilts a best-of-two taken minutes apart.
 */
export const PAIRED_RUNS = SMOKE ? 2 : 10;
export const PAIRED_DURATION = SMOKE ? 1 : 3;
export const WARMUP = SMOKE ? 0.5 : 1.5;
export const CONNECTIONS = Number(args.connections ?? 16);
export const QUOTA_SAMPLES = SMOKE ? 100 : 2000;

export const PETSTORE = join(ROOT, 'spec-examples/petstore.oas3.yaml');
export const GITHUB = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');

export const CALLS = [
  { id: 'pets-by-id', spec: 'petstore', label: 'petstore GET /pets/{petId}', path: '/pets/42' },
  {
    id: 'gh-repo',
    spec: 'github',
    label: 'GitHub GET /repos/{owner}/{repo}',
    path: '/repos/octocat/hello-world',
  },
].filter((c) => !SMOKE || c.spec === 'petstore');

export const log = (m) => process.stderr.write(`[bench] ${m}\n`);
