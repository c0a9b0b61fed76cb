// Timing breakdown of the pure mock engine in Node (same V8 as workerd), for `npm run bench`.
// Run: node --import tsx bench/engine.ts [--smoke]  → one JSON line on stdout.
// For each benchmarked call: µs per mock() call and the share of its stages (route match, request
// validation, the rest = security, response selection, example/generation and serialization).
import { readFileSync } from 'node:fs';
import { matchRoute } from '../worker/mock/match';
import { mock, prepareTarget, type MockRequest } from '../worker/mock/mock';
import { validateRequest } from '../worker/mock/validate-request';
import { ingest } from '../worker/ingest/ingest';

const smoke = process.argv.includes('--smoke');
const root = new URL('..', import.meta.url);
const specs = {
  petstore: readFileSync(new URL('spec-examples/petstore.oas3.yaml', root), 'utf8'),
  ...(smoke
    ? {}
    : {
        github: readFileSync(
          new URL('node_modules/@octokit/openapi/generated/api.github.com.json', root),
          'utf8',
        ),
      }),
} as Record<string, string>;
const calls = [
  { id: 'pets-by-id', spec: 'petstore', path: '/pets/42' },
  { id: 'pets-list', spec: 'petstore', path: '/pets' },
  { id: 'gh-repo', spec: 'github', path: '/repos/octocat/hello-world' },
  { id: 'gh-issues', spec: 'github', path: '/repos/octocat/hello-world/issues' },
].filter((c) => specs[c.spec]);

// A request as the Worker builds it from what autocannon sends.
const headers = { host: '127.0.0.1', 'user-agent': 'autocannon' } as Record<string, string>;

function perCall(fn: () => unknown, minMs = smoke ? 100 : 400): number {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    elapsed = performance.now() - start;
  }
  return (elapsed / n) * 1000;
}

const out: Record<string, unknown> = { ingestMs: {}, calls: {} };
const targets: Record<string, ReturnType<typeof prepareTarget>> = {};
for (const [name, text] of Object.entries(specs)) {
  const start = performance.now();
  const { plan } = await ingest(text);
  const ingested = performance.now();
  targets[name] = prepareTarget(JSON.parse(JSON.stringify(plan)), Date.parse('2026-01-01T00:00:00Z'));
  (out.ingestMs as Record<string, unknown>)[name] = {
    ingest: Math.round(ingested - start),
    prepareTarget: Math.round(performance.now() - ingested),
  };
}

for (const call of calls) {
  const target = targets[call.spec];
  const request: MockRequest = { method: 'GET', path: call.path, query: [], headers };
  const once = mock(target, request);
  if (!once.ok) throw new Error(`${call.id}: ${once.problem.detail}`);
  const total = perCall(() => mock(target, request));
  const match = perCall(() => matchRoute(target.routes, 'GET', call.path));
  const m = matchRoute(target.routes, 'GET', call.path);
  if (m.kind !== 'found') throw new Error('no match');
  const validate = perCall(() =>
    validateRequest(target.plan, m.operation, {
      pathParams: m.pathParams,
      query: [],
      headers,
      cookies: {},
      body: undefined,
    }),
  );
  const body = once.response.body;
  const bodyBytes = body === null ? 0 : Buffer.byteLength(body);
  (out.calls as Record<string, unknown>)[call.id] = {
    mockUs: Math.round(total * 10) / 10,
    matchUs: Math.round(match * 10) / 10,
    validateUs: Math.round(validate * 10) / 10,
    restUs: Math.round((total - match - validate) * 10) / 10,
    bodyBytes,
  };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
