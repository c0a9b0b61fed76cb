// Replays Prism's own mock-mode test harness against specmock (see ../shared/prism-harness/README.md):
// publish each case's spec, translate its curl command to the version's mockUrl, compare.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseCase, parseCurl, judge, type PrismCase } from './harness/prism-case';
import { startDevServer } from '../test/support/dev-server';

const root = new URL('..', import.meta.url).pathname;
const casesDir = process.env.PRISM_HARNESS_DIR ?? join(root, '../shared/prism-harness/cases');
const deviations: Record<string, string> = JSON.parse(
  readFileSync(join(root, 'test/harness/deviations.json'), 'utf8'),
);
const TARGET = 0.95;

function listCases(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listCases(path) : entry.endsWith('.txt') ? [path] : [];
  });
}

function apiName(caseName: string, index: number): string {
  const slug = caseName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `h${index}-${slug}`.slice(0, 63).replace(/-+$/, '');
}

async function runCase(
  base: string,
  key: string,
  kase: PrismCase,
  index: number,
): Promise<{ pass: boolean; reasons: string[] }> {
  const api = apiName(kase.name, index);
  const isJson = /^\s*[{[]/.test(kase.spec);
  const put = await fetch(`${base}/v1/apis/${api}/versions/v1`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': isJson ? 'application/json' : 'application/yaml',
    },
    body: kase.spec,
  });
  if (put.status !== 201 && put.status !== 200)
    return { pass: false, reasons: [`publish ${put.status}: ${(await put.text()).slice(0, 300)}`] };
  const { mockUrl } = (await put.json()) as { mockUrl: string };

  const request = parseCurl(kase.command.replace(/http:\/\/(localhost|127\.0\.0\.1):4010/g, mockUrl));
  const headers = new Headers(request.headers);
  // curl -F adds the multipart boundary even when -H names the type; fetch does so only if unset.
  if (request.body instanceof FormData) headers.delete('content-type');
  // Prism's -d/--dynamic is specmock's `dynamic=true`; Prism's default (static) mode is specmock's
  // `dynamic=false`. specmock's own default, realistic faker data, has no Prism counterpart.
  const dynamic = /(^|\s)(-d|--dynamic)(\s|$)/.test(kase.server);
  headers.set('prefer', [headers.get('prefer'), `dynamic=${dynamic}`].filter(Boolean).join(', '));
  const res = await fetch(request.url, {
    method: request.method,
    headers,
    body: request.body,
    redirect: 'manual',
  });
  const body = request.head ? '' : await res.text();
  return judge(kase, res.status, res.headers, body);
}

async function main() {
  if (!existsSync(casesDir)) throw new Error(`no harness cases at ${casesDir}`);
  const files = listCases(casesDir).sort();
  const state = mkdtempSync(join(tmpdir(), 'specmock-harness-'));
  const server = process.env.SPECMOCK_SERVER
    ? undefined
    : await startDevServer(state, ['--var', 'ADMIN_TOKEN:harness-admin']);
  const base = process.env.SPECMOCK_SERVER ?? server!.url;
  try {
    const keyRes = await fetch(`${base}/v1/keys`, {
      method: 'POST',
      headers: { authorization: 'Bearer harness-admin' },
      body: JSON.stringify({ limits: { perMinute: 100000, perMonth: 1000000 } }),
    });
    const { key } = (await keyRes.json()) as { key: string };
    const results: { name: string; pass: boolean; reasons: string[] }[] = [];
    const queue = files.map((file, index) => ({ file, index }));
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          const name = relative(casesDir, item.file);
          try {
            const verdict = await runCase(
              base,
              key,
              parseCase(name, readFileSync(item.file, 'utf8')),
              item.index,
            );
            results.push({ name, ...verdict });
          } catch (error) {
            results.push({
              name,
              pass: false,
              reasons: [`runner error: ${error instanceof Error ? error.message : String(error)}`],
            });
          }
        }
      }),
    );
    results.sort((a, b) => a.name.localeCompare(b.name));
    const passed = results.filter((r) => r.pass).length;
    const rate = passed / results.length;
    const failed = results.filter((r) => !r.pass);
    const lines = [
      `# Prism harness results`,
      '',
      `${passed} / ${results.length} cases pass (${(rate * 100).toFixed(1)}%; target ${TARGET * 100}%).`,
      '',
      ...(failed.length ? ['| Case | Kind | Reason |', '|---|---|---|'] : []),
      ...failed.map(
        (r) =>
          `| ${r.name} | ${deviations[r.name] ? 'deliberate deviation' : 'gap'} | ${(deviations[r.name] ?? r.reasons.join('; ')).replace(/\|/g, '\\|')} |`,
      ),
    ];
    writeFileSync(join(root, 'test/harness/results.md'), `${lines.join('\n')}\n`);
    for (const r of failed)
      console.log(
        `FAIL ${r.name}: ${r.reasons.join('; ')}${deviations[r.name] ? `\n     deviation: ${deviations[r.name]}` : ''}`,
      );
    const stale = Object.keys(deviations).filter((name) => results.some((r) => r.name === name && r.pass));
    for (const name of stale) console.log(`note: ${name} is listed as a deviation but passes`);
    console.log(
      `\nharness: ${passed} of ${results.length} cases pass (${(rate * 100).toFixed(1)}%, target ${TARGET * 100}%); ${failed.length} differ, see test/harness/results.md`,
    );
    process.exitCode = rate >= TARGET ? 0 : 1;
  } finally {
    await server?.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

await main();
