#!/usr/bin/env node
// specmock: publish OpenAPI documents to a specmock server from CI, or mock one locally on miniflare.
// Exit codes: 0 success · 1 rejected by the server, bad usage, missing file, bad key · 2 server unreachable.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { request, UnreachableError } from './lib/http.mjs';

const DEFAULT_SERVER = 'http://127.0.0.1:8787';
const PROGRESS_MIN_BYTES = 1024 * 1024;

class CliError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

const COMMON = {
  server: { type: 'string', short: 's' },
  key: { type: 'string', short: 'k' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const COMMANDS = {
  publish: {
    summary: 'Publish a spec version and print its mock URL',
    usage: 'specmock publish <spec> --api NAME [--version V] [--server URL] [--key KEY] [--strict] [--json]',
    details: `Uploads <spec> (OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML) as version V of API NAME and prints
the versioned mock URL. Publishing identical content again succeeds (idempotent), so CI can run it on
every build. --version defaults to the first 12 hex digits of the file's SHA-256, so every distinct
spec gets its own stable URL.

Options:
  --api NAME         API name: lowercase letters, digits and "-", at most 63 characters (required)
  --version V        version name ([A-Za-z0-9._-], at most 64; default: content hash)
  --server URL       specmock server (env SPECMOCK_SERVER; default ${DEFAULT_SERVER})
  --key KEY          API key sk_… (env SPECMOCK_KEY)
  --strict           refuse official-schema and semantic violations instead of warning
  --json             print the whole publish result as JSON
  --quiet            no progress or warnings on stderr

Exit codes: 0 published (or unchanged) · 1 rejected, bad key, missing file · 2 server unreachable`,
    options: { ...COMMON, api: { type: 'string', short: 'a' }, version: { type: 'string', short: 'v' }, strict: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
    run: publish,
  },
  mock: {
    summary: 'Serve a spec locally on miniflare (no account, no network)',
    usage: 'specmock mock <spec> [--port P] [--host H] [--api NAME] [--version V] [--json]',
    details: `Runs the specmock Worker locally on miniflare (workerd, in-memory storage) with <spec> preloaded,
prints the mock base URL on stdout, and serves until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port P           port to listen on (default 4010; 0 picks a free port)
  --host H           interface to listen on (default 127.0.0.1)
  --api NAME         API name in the URL (default: derived from the file name)
  --version V        version name in the URL (default: content hash)
  --json             print {"mockUrl",…} as one JSON line instead of the bare URL`,
    options: { help: COMMON.help, json: COMMON.json, port: { type: 'string', short: 'p' }, host: { type: 'string' }, api: { type: 'string', short: 'a' }, version: { type: 'string', short: 'v' } },
    run: mockLocal,
  },
  keys: {
    summary: 'Create an API key (keys create)',
    usage: 'specmock keys create [--server URL] [--admin-token T] [--per-minute N] [--per-month N] [--json]',
    details: `Creates an API key and prints it (it is shown only once; the server stores a hash).

Options:
  --server URL       specmock server (env SPECMOCK_SERVER; default ${DEFAULT_SERVER})
  --admin-token T    the server's ADMIN_TOKEN (env SPECMOCK_ADMIN_TOKEN): needed for custom limits
                     and when signup is closed
  --per-minute N     requests per minute (admin only)
  --per-month N      requests per month (admin only)
  --json             print {"key","id","limits",…}`,
    options: { ...COMMON, 'admin-token': { type: 'string' }, 'per-minute': { type: 'string' }, 'per-month': { type: 'string' } },
    run: keys,
  },
  usage: {
    summary: "Show the key's limits and usage",
    usage: 'specmock usage [--server URL] [--key KEY] [--json]',
    details: `Prints the key's per-minute and per-month limits, use and reset times.

Options:
  --server URL       specmock server (env SPECMOCK_SERVER; default ${DEFAULT_SERVER})
  --key KEY          API key (env SPECMOCK_KEY)
  --json             print the server's answer as JSON`,
    options: COMMON,
    run: usage,
  },
  apis: {
    summary: "List the key's APIs, or one API's versions",
    usage: 'specmock apis [NAME] [--server URL] [--key KEY] [--json]',
    details: `Without NAME: lists the APIs the key owns. With NAME: that API's versions and their mock URLs.

Options:
  --server URL       specmock server (env SPECMOCK_SERVER; default ${DEFAULT_SERVER})
  --key KEY          API key (env SPECMOCK_KEY)
  --json             print the server's answer as JSON`,
    options: COMMON,
    run: apis,
  },
};

function mainHelp() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `specmock — publish OpenAPI specs to a specmock server, or mock one locally

Usage: specmock <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run "specmock <command> --help" for a command's options.
Environment: SPECMOCK_SERVER, SPECMOCK_KEY, SPECMOCK_ADMIN_TOKEN.
Exit codes: 0 ok · 1 error or rejection · 2 server unreachable`;
}

function commandHelp(name) {
  const c = COMMANDS[name];
  return `Usage: ${c.usage}\n\n${c.details}`;
}

// ---------------------------------------------------------------------------------------------
// helpers

function server(values) {
  const raw = values.server ?? process.env.SPECMOCK_SERVER ?? DEFAULT_SERVER;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--server is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--server must be an http:// or https:// URL, not ${raw}`);
  return raw.replace(/\/+$/, '');
}

function apiKey(values) {
  const key = values.key ?? process.env.SPECMOCK_KEY;
  if (!key) throw new CliError('No API key: pass --key sk_… or set SPECMOCK_KEY (create one with "specmock keys create").');
  return key;
}

function readSpec(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    throw new CliError(e.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${e.message}`);
  }
  if (stat.isDirectory()) throw new CliError(`${file} is a directory; pass the spec file (JSON or YAML).`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${e.message}`);
  }
}

function formatEntry(e) {
  const where = [];
  if (e.pointer !== undefined) where.push(e.pointer === '' ? '(document root)' : e.pointer);
  if (e.location) where.push(e.location.join('.'));
  if (e.line !== undefined) where.push(`line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}`);
  return `  - ${where.length ? `${where.join(' ')}: ` : ''}${e.message ?? JSON.stringify(e)}`;
}

/** The problem+json of a refused request as lines a person can act on. */
function problemMessage(res, context) {
  const p = res.json;
  if (p && typeof p === 'object' && (p.detail || p.title)) {
    const lines = [`${context}: ${p.title ?? 'error'} (${res.status}): ${p.detail ?? ''}`.trimEnd()];
    if (Array.isArray(p.errors)) {
      for (const e of p.errors.slice(0, 50)) lines.push(formatEntry(e));
      if (p.errors.length > 50) lines.push(`  … and ${p.errors.length - 50} more`);
    }
    if (p.type) lines.push(`  (${p.type})`);
    return lines.join('\n');
  }
  const snippet = res.text.trim().slice(0, 300);
  return `${context}: HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`;
}

function authFailure(res) {
  if (res.status !== 401) return undefined;
  const detail = res.json?.detail ?? 'the key was refused';
  return new CliError(`The server refused the API key: ${detail}\nCheck --key / SPECMOCK_KEY, or create a key with "specmock keys create".`);
}

function fail(res, context) {
  throw authFailure(res) ?? new CliError(problemMessage(res, context));
}

function bytes(n) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Progress on stderr: one rewritten line on a terminal, a line per 25% otherwise (CI logs). */
function progressReporter(total, quiet) {
  if (quiet || total < PROGRESS_MIN_BYTES) return { onProgress: undefined, done() {} };
  const tty = process.stderr.isTTY;
  let lastQuarter = -1;
  let lastDraw = 0;
  const start = Date.now();
  return {
    onProgress(sent) {
      const pct = Math.floor((sent / total) * 100);
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && sent < total) return;
        lastDraw = now;
        process.stderr.write(`\ruploading ${bytes(sent)} / ${bytes(total)} (${pct}%)`);
        if (sent === total) process.stderr.write(' — processing…');
      } else {
        const quarter = Math.floor(pct / 25);
        if (quarter !== lastQuarter) {
          lastQuarter = quarter;
          process.stderr.write(`uploading ${bytes(sent)} / ${bytes(total)} (${pct}%)${sent === total ? ', processing…' : ''}\n`);
        }
      }
    },
    done() {
      if (tty) process.stderr.write(`\r\x1b[Kuploaded ${bytes(total)} and processed in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
    },
  };
}

function printJson(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function loadLocal() {
  return import('./lib/local.mjs');
}

// ---------------------------------------------------------------------------------------------
// commands

async function publish({ values, positionals }) {
  if (positionals.length !== 1) throw new CliError(`publish takes exactly one spec file.\nUsage: ${COMMANDS.publish.usage}`);
  if (!values.api) throw new CliError(`--api NAME is required.\nUsage: ${COMMANDS.publish.usage}`);
  const [file] = positionals;
  const base = server(values);
  const key = apiKey(values);
  const body = readSpec(file);
  const { contentTypeFor, contentVersion } = await import('./lib/spec-file.mjs');
  const version = values.version ?? contentVersion(body);
  const url = `${base}/v1/apis/${encodeURIComponent(values.api)}/versions/${encodeURIComponent(version)}${values.strict ? '?strict=true' : ''}`;
  const progress = progressReporter(body.length, values.quiet);
  const res = await request('PUT', url, {
    headers: { authorization: `Bearer ${key}`, 'content-type': contentTypeFor(file) },
    body,
    timeoutMs: 300_000,
    onProgress: progress.onProgress,
  });
  progress.done();
  if (res.status !== 200 && res.status !== 201) fail(res, `publishing ${file} as ${values.api}@${version} was rejected`);
  const result = res.json ?? {};
  if (values.json) {
    printJson(result);
    return;
  }
  if (!values.quiet) {
    for (const w of result.warnings ?? []) process.stderr.write(`warning: ${typeof w === 'string' ? w : formatEntry(w).replace(/^ {2}- /, '')}\n`);
    process.stderr.write(`${result.unchanged ? 'unchanged' : 'published'}: ${result.api}@${result.version} (${result.operations} operations)\n`);
  }
  process.stdout.write(`${result.mockUrl}\n`);
}

async function mockLocal({ values, positionals }) {
  if (positionals.length !== 1) throw new CliError(`mock takes exactly one spec file.\nUsage: ${COMMANDS.mock.usage}`);
  const [file] = positionals;
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not ${values.port}`);
  const body = readSpec(file);
  const { apiNameFromFile, contentTypeFor, contentVersion } = await import('./lib/spec-file.mjs');
  const api = values.api ?? apiNameFromFile(file);
  const version = values.version ?? contentVersion(body);
  const { startWorker, preload, stopOnSignals } = await loadLocal();
  const log = (m) => process.stderr.write(`${m}\n`);
  let worker;
  try {
    worker = await startWorker({ port, host: values.host ?? '127.0.0.1', log });
  } catch (e) {
    const msg = String(e?.message ?? e);
    if (/EADDRINUSE|address already in use/i.test(msg)) throw new CliError(`port ${port} is already in use; pass --port with a free one (or 0).`);
    throw new CliError(`could not start the local Worker: ${msg}`);
  }
  stopOnSignals(worker.mf, () => log('stopping…'));
  const { status, body: result } = await preload(worker, { text: body, contentType: contentTypeFor(file), api, version });
  if (status !== 200 && status !== 201) {
    await worker.mf.dispose();
    throw new CliError(problemMessage({ status, json: result, text: JSON.stringify(result) }, `${file} was rejected`));
  }
  for (const w of result.warnings ?? []) log(`warning: ${typeof w === 'string' ? w : formatEntry(w).replace(/^ {2}- /, '')}`);
  log(`mocking ${file} (${result.operations} operations) — Ctrl-C to stop`);
  if (values.json) process.stdout.write(`${JSON.stringify({ mockUrl: result.mockUrl, latestUrl: result.latestUrl, api, version, operations: result.operations, warnings: result.warnings })}\n`);
  else process.stdout.write(`${result.mockUrl}\n`);
  await new Promise(() => {}); // serve until a signal
}

async function keys({ values, positionals }) {
  if (positionals[0] !== 'create' || positionals.length !== 1) throw new CliError(`Usage: ${COMMANDS.keys.usage}`);
  const base = server(values);
  const admin = values['admin-token'] ?? process.env.SPECMOCK_ADMIN_TOKEN;
  const headers = { 'content-type': 'application/json' };
  if (admin) headers.authorization = `Bearer ${admin}`;
  const limits = {};
  for (const [flag, field] of [['per-minute', 'perMinute'], ['per-month', 'perMonth']]) {
    if (values[flag] === undefined) continue;
    const n = Number(values[flag]);
    if (!Number.isInteger(n) || n <= 0) throw new CliError(`--${flag} must be a positive whole number, not ${values[flag]}`);
    limits[field] = n;
  }
  const payload = Object.keys(limits).length ? { limits } : {};
  const res = await request('POST', `${base}/v1/keys`, { headers, body: JSON.stringify(payload) });
  if (res.status !== 201) fail(res, 'creating a key failed');
  if (values.json) return printJson(res.json);
  process.stderr.write(`key ${res.json.id}: ${res.json.limits.perMinute}/minute, ${res.json.limits.perMonth}/month (shown once; store it as SPECMOCK_KEY)\n`);
  process.stdout.write(`${res.json.key}\n`);
}

async function usage({ values, positionals }) {
  if (positionals.length) throw new CliError(`Usage: ${COMMANDS.usage.usage}`);
  const res = await request('GET', `${server(values)}/v1/usage`, { headers: { authorization: `Bearer ${apiKey(values)}` } });
  if (res.status !== 200) fail(res, 'reading usage failed');
  const u = res.json;
  if (values.json) return printJson(u);
  const row = (name, w, limit) => `${name.padEnd(7)} ${String(w.used).padStart(12)} used of ${String(limit).padEnd(12)} ${String(w.remaining).padStart(12)} left, resets ${w.resetAt}`;
  process.stdout.write(`key ${u.id}\n${row('minute', u.minute, u.limits.perMinute)}\n${row('month', u.month, u.limits.perMonth)}\n`);
  const recent = (u.daily ?? []).filter((d) => d.count > 0).slice(-7);
  if (recent.length) process.stdout.write(`recent days: ${recent.map((d) => `${d.date} ${d.count}`).join(', ')}\n`);
}

async function apis({ values, positionals }) {
  if (positionals.length > 1) throw new CliError(`Usage: ${COMMANDS.apis.usage}`);
  const base = server(values);
  const headers = { authorization: `Bearer ${apiKey(values)}` };
  if (positionals.length === 1) {
    const res = await request('GET', `${base}/v1/apis/${encodeURIComponent(positionals[0])}`, { headers });
    if (res.status !== 200) fail(res, `reading ${positionals[0]} failed`);
    if (values.json) return printJson(res.json);
    const a = res.json;
    process.stdout.write(`${a.api}  latest ${a.latest ?? '-'}  ${a.latestUrl}\n`);
    for (const v of a.versions) process.stdout.write(`  ${v.version.padEnd(20)} ${v.createdAt}  ${String(v.operations).padStart(4)} ops  ${v.mockUrl}\n`);
    return;
  }
  const res = await request('GET', `${base}/v1/apis`, { headers });
  if (res.status !== 200) fail(res, 'listing APIs failed');
  if (values.json) return printJson(res.json);
  if (!res.json.apis.length) {
    process.stderr.write('no APIs yet; publish one with "specmock publish <spec> --api NAME"\n');
    return;
  }
  for (const a of res.json.apis) process.stdout.write(`${a.api.padEnd(30)} latest ${String(a.latest ?? '-').padEnd(16)} ${String(a.versions).padStart(3)} versions  ${a.updatedAt}\n`);
}

// ---------------------------------------------------------------------------------------------

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) process.stdout.write(`${commandHelp(topic)}\n`);
    else process.stdout.write(`${mainHelp()}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === '--version' || command === '-V') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`specmock ${pkg.version}\n`);
    return 0;
  }
  const spec = COMMANDS[command];
  if (!spec) throw new CliError(`Unknown command "${command}".\n\n${mainHelp()}`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${e.message}\nUsage: ${spec.usage}\nRun "specmock ${command} --help" for details.`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${commandHelp(command)}\n`);
    return 0;
  }
  await spec.run(parsed);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UnreachableError) {
      process.stderr.write(`error: ${error.message}\nIs the server running and the URL right? (--server / SPECMOCK_SERVER)\n`);
      process.exitCode = 2;
    } else if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`error: ${error?.stack ?? error}\n`);
      process.exitCode = 1;
    }
  },
);
