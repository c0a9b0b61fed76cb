import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, COMMON_OPTIONS_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';

export const summary = "List the key's APIs, or one API's versions";
export const usage = 'specmock apis [NAME] [--server URL] [--key KEY] [--json]';
export const details = `Without NAME: lists the APIs the key owns. With NAME: that API's versions and their mock URLs.

${COMMON_OPTIONS_HELP}`;
export const options = COMMON;

export async function run({ values, positionals }) {
  if (positionals.length > 1) throw new CliError(`Usage: ${usage}`);
  const base = server(values);
  const headers = { authorization: `Bearer ${apiKey(values)}` };
  if (positionals.length === 1) {
    const res = await request('GET', `${base}/v1/apis/${encodeURIComponent(positionals[0])}`, { headers });
    if (res.status !== 200) fail(res, `reading ${positionals[0]} failed`);
    if (values.json) return printJson(res.json);
    const a = res.json;
    process.stdout.write(`${a.api}  latest ${a.latest ?? '-'}  ${a.latestUrl}\n`);
    for (const v of a.versions)
      process.stdout.write(
        `  ${v.version.padEnd(20)} ${v.createdAt}  ${String(v.operations).padStart(4)} ops  ${v.mockUrl}\n`,
      );
    return;
  }
  const res = await request('GET', `${base}/v1/apis`, { headers });
  if (res.status !== 200) fail(res, 'listing APIs failed');
  if (values.json) return printJson(res.json);
  if (!res.json.apis.length) {
    process.stderr.write('no APIs yet; publish one with "specmock publish <spec> --api NAME"\n');
    return;
  }
  for (const a of res.json.apis)
    process.stdout.write(
      `${a.api.padEnd(30)} latest ${String(a.latest ?? '-').padEnd(16)} ${String(a.versions).padStart(3)} versions  ${a.updatedAt}\n`,
    );
}
