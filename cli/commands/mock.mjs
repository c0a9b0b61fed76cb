import { CliError } from '../lib/cli-error.mjs';
import { COMMON } from '../lib/options.mjs';
import { formatWarning, problemMessage } from '../lib/problems.mjs';
import { readUpload } from '../lib/read-spec.mjs';

export const summary = 'Serve a spec locally on miniflare (no account, no network)';
export const usage =
  'specmock mock <spec> [--stateful [--seed S]] [--webhook NAME=URL]… [--port P] [--host H] [--api NAME] [--version V] [--root DIR] [--json]';
export const details = `Runs the specmock Worker locally on miniflare (workerd, in-memory storage) with <spec> preloaded,
serves it at the root of the port (http://127.0.0.1:4010/pets, as Prism does; the path form
/mock/{api}/{version}/pets works too), prints that root URL on stdout, and serves until Ctrl-C
(SIGINT), SIGTERM or SIGHUP, or until the process that started it exits. Mock calls are not counted
(no quota in local mode). A spec split into files is loaded with every local file it
references (see "specmock publish --help").
Callbacks the spec declares fire by themselves after a 2xx, to the URL their expression names
(loopback receivers included: local mode runs with WEBHOOK_TARGETS=any); every delivery attempt
and the receiver's status is printed on stderr.

Options:
  --stateful         serve one stateful sandbox at the root instead: POST then GET returns what was posted
  --seed S           the sandbox's seeded start (with --stateful; default: the stateless data)
  --port P           port to listen on (default 4010; 0 picks a free port)
  --host H           interface to listen on (default 127.0.0.1)
  --api NAME         API name in the URL (default: derived from the file name)
  --version V        version name in the URL (default: content hash)
  --root DIR         the folder referenced files may come from (default: <spec>'s folder)
  --webhook NAME=URL subscribe URL to the webhook NAME (repeatable); "NAME@METHOD /path=URL" sends it
                     after every 2xx of that operation, with the request's values where members match
  --json             print {"url","mockUrl",…} (and "sandboxUrl") as one JSON line instead of the bare URL`;
export const options = {
  help: COMMON.help,
  json: COMMON.json,
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  api: { type: 'string', short: 'a' },
  version: { type: 'string', short: 'v' },
  root: { type: 'string' },
  stateful: { type: 'boolean' },
  seed: { type: 'string' },
  webhook: { type: 'string', multiple: true },
};

export async function run({ values, positionals }) {
  if (positionals.length !== 1) throw new CliError(`mock takes exactly one spec file.\nUsage: ${usage}`);
  const [file] = positionals;
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a port number, not ${values.port}`);
  const { parseWebhookFlag, subscribe, watchDeliveries } = await import('../lib/local/webhooks.mjs');
  const subscriptions = (values.webhook ?? []).map(parseWebhookFlag);
  const upload = await readUpload(file, { root: values.root });
  const { apiNameFromFile } = await import('../lib/spec-file.mjs');
  const api = values.api ?? apiNameFromFile(file);
  const version = values.version ?? upload.version;
  const { randomBytes } = await import('node:crypto');
  // The root serves this mock (or the sandbox created below, under this id); the service itself
  // answers the CLI at the mock domain.
  const sandboxId = values.stateful ? `sb_${randomBytes(16).toString('hex')}` : undefined;
  const rootMock = sandboxId ?? `${api}/${version}`;
  const { startWorker } = await import('../lib/local/worker.mjs');
  const { preload } = await import('../lib/local/preload.mjs');
  const { stopWhenAsked } = await import('../lib/local/lifecycle.mjs');
  const log = (m) => process.stderr.write(`${m}\n`);
  let worker;
  try {
    worker = await startWorker({
      port,
      host: values.host ?? '127.0.0.1',
      log,
      vars: { ROOT_MOCK: rootMock },
    });
  } catch (e) {
    const msg = String(e?.message ?? e);
    if (/EADDRINUSE|address already in use/i.test(msg))
      throw new CliError(`port ${port} is already in use; pass --port with a free one (or 0).`);
    throw new CliError(`could not start the local Worker: ${msg}`);
  }
  stopWhenAsked(worker.mf, (reason) => log(`stopping (${reason})…`));
  const {
    status,
    body: result,
    key,
  } = await preload(worker, {
    text: upload.body,
    contentType: upload.contentType,
    api,
    version,
  });
  if (status !== 200 && status !== 201) {
    await worker.mf.dispose();
    throw new CliError(
      problemMessage({ status, json: result, text: JSON.stringify(result) }, `${file} was rejected`),
    );
  }
  const sandbox = values.stateful
    ? await statefulSandbox(worker, { key, api, version, seed: values.seed, id: sandboxId })
    : undefined;
  if (subscriptions.length) await subscribeOrStop(worker, subscribe, { key, api, subscriptions });
  watchDeliveries(worker, { key, api, log });
  for (const w of result.warnings ?? []) log(`warning: ${formatWarning(w)}`);
  log(`mocking ${file} (${result.operations} operations) at ${worker.url} — Ctrl-C to stop`);
  if (values.json) process.stdout.write(`${JSON.stringify(describe(worker.url, result, sandbox))}\n`);
  else process.stdout.write(`${worker.url}\n`);
  await new Promise(() => {}); // serve until a signal
}

/** The URLs local mode serves: the root, the path forms (on the port's own origin) and the host form. */
function describe(url, result, sandbox) {
  const here = (u) => `${url}${new URL(u).pathname}`;
  const host = sandbox ? sandbox.hostUrl : result.hostUrl;
  return {
    url,
    mockUrl: here(result.mockUrl),
    latestUrl: here(result.latestUrl),
    ...(sandbox ? { sandboxUrl: here(sandbox.sandboxUrl), sandboxId: sandbox.id } : {}),
    ...(host ? { hostUrl: host } : {}),
    api: result.api,
    version: result.version,
    operations: result.operations,
    warnings: result.warnings,
  };
}

async function subscribeOrStop(worker, subscribe, options) {
  const failed = await subscribe(worker, options);
  if (!failed) return;
  await worker.mf.dispose();
  throw new CliError(
    problemMessage({ ...failed, text: failed.text ?? '' }, 'the --webhook subscriptions were refused'),
  );
}

async function statefulSandbox(worker, options) {
  const { createLocalSandbox } = await import('../lib/local/sandbox.mjs');
  const { status, body } = await createLocalSandbox(worker, options);
  if (status === 201) return body;
  await worker.mf.dispose();
  throw new CliError(
    problemMessage({ status, json: body, text: JSON.stringify(body) }, 'creating the sandbox failed'),
  );
}
