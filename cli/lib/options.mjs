// The options several commands share: their parseArgs definitions, their help lines (written once
// here so every command's help says the same), and reading --server and --key with their env vars.
import { CliError } from './cli-error.mjs';

const DEFAULT_SERVER = 'http://127.0.0.1:8787';

export const COMMON = {
  server: { type: 'string', short: 's' },
  key: { type: 'string', short: 'k' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const SERVER_HELP = `  --server URL       specmock server (env SPECMOCK_SERVER; default ${DEFAULT_SERVER})`;

/** The whole options section of the commands that only read with a key and take nothing else. */
export const COMMON_OPTIONS_HELP = `Options:
${SERVER_HELP}
  --key KEY          API key (env SPECMOCK_KEY)
  --json             print the server's answer as JSON`;

export function server(values) {
  const raw = values.server ?? process.env.SPECMOCK_SERVER ?? DEFAULT_SERVER;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--server is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--server must be an http:// or https:// URL, not ${raw}`);
  return raw.replace(/\/+$/, '');
}

export function apiKey(values) {
  const key = values.key ?? process.env.SPECMOCK_KEY;
  if (!key)
    throw new CliError(
      'No API key: pass --key sk_… or set SPECMOCK_KEY (create one with "specmock keys create").',
    );
  return key;
}

export function printJson(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
