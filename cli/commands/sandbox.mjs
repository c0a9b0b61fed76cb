import { request } from '../lib/http.mjs';
import { CliError } from '../lib/cli-error.mjs';
import { COMMON, SERVER_HELP, apiKey, printJson, server } from '../lib/options.mjs';
import { fail } from '../lib/problems.mjs';

export const summary = 'Create, list, reset or delete stateful sandboxes (one per CI run)';
export const usage =
  'specmock sandbox create --api NAME [--version V] [--seed S] [--ttl SECONDS] | list [--api NAME] | reset ID|URL | delete ID|URL';
export const details = `A sandbox serves an API version statefully: POST then GET returns what was posted, isolated from
every other sandbox, from a seeded start that is the same for the same seed.

  create   prints the sandbox URL (use it as the API base URL of the run); --json prints everything
  list     your live sandboxes (--api narrows to one API)
  reset    back to the seeded start
  delete   removes the sandbox and all its data (it also expires after --ttl seconds idle, default 24 h)

Options:
  --api NAME         the API (create, list)
  --version V        version name or "latest" (create; default latest)
  --seed S           seed of the starting state (create; default: the stateless mock's data)
  --ttl SECONDS      idle time before it expires, 60 to 604800 (create; default 86400)
${SERVER_HELP}
  --key KEY          API key (env SPECMOCK_KEY)
  --json             print the server's answer as JSON`;
export const options = {
  ...COMMON,
  api: { type: 'string' },
  version: { type: 'string' },
  seed: { type: 'string' },
  ttl: { type: 'string' },
};

export async function run({ values, positionals }) {
  const [action, target, ...extra] = positionals;
  if (extra.length) throw new CliError(`Usage: ${usage}`);
  const base = server(values);
  const headers = { authorization: `Bearer ${apiKey(values)}`, 'content-type': 'application/json' };
  if (action === 'create') return create(base, headers, values);
  if (action === 'list') return list(base, headers, values);
  if (action === 'reset' || action === 'delete') {
    if (!target) throw new CliError(`Usage: specmock sandbox ${action} ID|URL`);
    const id = sandboxId(target);
    const res =
      action === 'reset'
        ? await request('POST', `${base}/v1/sandboxes/${id}/reset`, { headers })
        : await request('DELETE', `${base}/v1/sandboxes/${id}`, { headers });
    if (res.status !== (action === 'reset' ? 200 : 204)) fail(res, `${action} of ${id} failed`);
    if (values.json && res.json) return printJson(res.json);
    process.stderr.write(`${action === 'reset' ? 'reset' : 'deleted'} ${id}\n`);
    return;
  }
  throw new CliError(`Usage: ${usage}`);
}

async function create(base, headers, values) {
  if (!values.api) throw new CliError('sandbox create needs --api NAME');
  const body = { api: values.api, version: values.version ?? 'latest' };
  if (values.seed !== undefined) body.seed = values.seed;
  if (values.ttl !== undefined) {
    const ttl = Number(values.ttl);
    if (!Number.isInteger(ttl)) throw new CliError('--ttl must be a whole number of seconds');
    body.ttlSeconds = ttl;
  }
  const res = await request('POST', `${base}/v1/sandboxes`, { headers, body: JSON.stringify(body) });
  if (res.status !== 201) fail(res, `creating a sandbox of ${values.api} failed`);
  if (values.json) return printJson(res.json);
  process.stdout.write(`${res.json.sandboxUrl}\n`);
  process.stderr.write(
    `sandbox ${res.json.id} of ${res.json.api} ${res.json.version}, expires ${res.json.expiresAt} if idle\n`,
  );
}

async function list(base, headers, values) {
  const query = values.api ? `?api=${encodeURIComponent(values.api)}` : '';
  const res = await request('GET', `${base}/v1/sandboxes${query}`, { headers });
  if (res.status !== 200) fail(res, 'listing sandboxes failed');
  if (values.json) return printJson(res.json);
  if (!res.json.sandboxes.length) process.stderr.write('no sandboxes\n');
  for (const s of res.json.sandboxes)
    process.stdout.write(
      `${s.id}  ${`${s.api} ${s.version}`.padEnd(30)} expires ${s.expiresAt}  ${s.sandboxUrl}\n`,
    );
}

/** An id, or a sandbox URL such as https://…/sandbox/sb_…/pets. */
function sandboxId(target) {
  const m = /sb_[0-9a-f]{32}/.exec(target);
  if (!m) throw new CliError(`"${target}" is not a sandbox id (sb_…) or sandbox URL`);
  return m[0];
}
