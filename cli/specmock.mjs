#!/usr/bin/env node
// specmock: publish OpenAPI documents to a specmock server from CI, or mock one locally on miniflare.
// Exit codes: 0 success · 1 rejected by the server, bad usage, missing file, bad key · 2 server unreachable.
// This file parses the command line and dispatches; each command and its help is in commands/.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UnreachableError } from './lib/http.mjs';
import { CliError } from './lib/cli-error.mjs';
import * as publish from './commands/publish.mjs';
import * as mock from './commands/mock.mjs';
import * as keys from './commands/keys.mjs';
import * as usage from './commands/usage.mjs';
import * as apis from './commands/apis.mjs';
import * as logs from './commands/logs.mjs';
import * as behaviour from './commands/behaviour.mjs';
import * as sandbox from './commands/sandbox.mjs';
import * as diff from './commands/diff.mjs';
import * as webhooks from './commands/webhooks.mjs';
import * as deliveries from './commands/deliveries.mjs';

// The order here is the order of the main help.
const COMMANDS = { publish, diff, mock, sandbox, keys, usage, apis, logs, behaviour, webhooks, deliveries };

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
      process.stderr.write(
        `error: ${error.message}\nIs the server running and the URL right? (--server / SPECMOCK_SERVER)\n`,
      );
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
