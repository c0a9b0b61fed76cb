// `--payload FILE`: a webhook body from a JSON or YAML file, or stdin with "-".
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CliError } from './cli-error.mjs';

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** The parsed value; the server checks it against the webhook's schema. */
export async function readPayload(file) {
  let text;
  try {
    text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(e.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // YAML is a superset of JSON: a file that is neither gets YAML's message, with its line.
  }
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new CliError(`${file === '-' ? 'stdin' : file} is neither JSON nor YAML: ${e.message}`);
  }
}
