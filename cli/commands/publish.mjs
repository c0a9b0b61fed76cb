import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail, formatWarning } from '../lib/problems.mjs';
import { progressReporter } from '../lib/progress.mjs';
import { readUpload } from '../lib/read-spec.mjs';

export const summary = 'Publish a spec version and print its mock URL';
export const usage =
  'specmock publish <spec> --api NAME [--version V] [--root DIR] [--server URL] [--key KEY] [--strict] [--fail-on LEVEL] [--json]';
export const details = `Uploads <spec> (OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML) as version V of API NAME and prints
the versioned mock URL. Publishing identical content again succeeds (idempotent), so CI can run it on
every build. --version defaults to the first 12 hex digits of the content's SHA-256, so every distinct
spec gets its own stable URL.

A spec split into files ($ref: ./schemas/pet.yaml, ../common/errors.yaml#/Error) is published with
every local file it references, transitively, as one upload; files outside <spec>'s folder are
refused unless --root names a folder that holds them all. URLs are never fetched.

Options:
  --api NAME         API name: lowercase letters, digits and "-", at most 63 characters (required)
  --version V        version name ([A-Za-z0-9._-], at most 64; default: content hash)
  --root DIR         the folder referenced files may come from (default: <spec>'s folder)
${SERVER_HELP}
  --key KEY          API key sk_… (env SPECMOCK_KEY)
  --strict           refuse official-schema and semantic violations instead of warning
  --fail-on LEVEL    refuse (nothing stored) when the diff against the latest version has a change
                     at LEVEL or worse: breaking, possibly-breaking
  --json             print the whole publish result as JSON
  --quiet            no progress or warnings on stderr

Exit codes: 0 published (or unchanged) · 1 rejected, bad key, missing file · 2 server unreachable`;
export const options = {
  ...COMMON,
  api: { type: 'string', short: 'a' },
  version: { type: 'string', short: 'v' },
  root: { type: 'string' },
  strict: { type: 'boolean' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
};

export async function run({ values, positionals }) {
  if (positionals.length !== 1) throw new CliError(`publish takes exactly one spec file.\nUsage: ${usage}`);
  if (!values.api) throw new CliError(`--api NAME is required.\nUsage: ${usage}`);
  const [file] = positionals;
  const base = server(values);
  const key = apiKey(values);
  const upload = await readUpload(file, { root: values.root });
  const version = values.version ?? upload.version;
  const query = new URLSearchParams();
  if (values.strict) query.set('strict', 'true');
  if (values['fail-on']) query.set('failOn', values['fail-on']);
  const url = `${base}/v1/apis/${encodeURIComponent(values.api)}/versions/${encodeURIComponent(version)}${query.size ? `?${query}` : ''}`;
  if (upload.files && !values.quiet)
    process.stderr.write(`uploading ${upload.entry} with ${upload.files.length - 1} referenced file(s)\n`);
  const progress = progressReporter(upload.body.length, values.quiet);
  const res = await request('PUT', url, {
    headers: { authorization: `Bearer ${key}`, 'content-type': upload.contentType },
    body: upload.body,
    timeoutMs: 300_000,
    onProgress: progress.onProgress,
  });
  progress.done();
  if (res.status !== 200 && res.status !== 201)
    fail(res, `publishing ${file} as ${values.api}@${version} was rejected`);
  const result = res.json ?? {};
  if (values.json) {
    printJson(result);
    return;
  }
  if (!values.quiet) {
    for (const w of result.warnings ?? []) process.stderr.write(`warning: ${formatWarning(w)}\n`);
    process.stderr.write(
      `${result.unchanged ? 'unchanged' : 'published'}: ${result.api}@${result.version} (${result.operations} operations)\n`,
    );
    const d = result.diff;
    if (d) {
      const s = d.summary;
      process.stderr.write(
        `against ${d.against}: ${s.breaking} breaking, ${s.possiblyBreaking} possibly breaking, ${s.nonBreaking} non-breaking, ${d.affectedCalls} logged call(s) affected (${d.url})\n`,
      );
      if (d.warning) process.stderr.write(`warning: ${d.warning}\n`);
    }
  }
  process.stdout.write(`${result.mockUrl}\n`);
}
