import { readFileSync, statSync } from 'node:fs';
import { CliError } from './cli-error.mjs';

/** The spec file's bytes, or a CliError that says what is wrong with the path. */
export function readSpec(file) {
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
