// Stoplight Prism, the comparison: the bench's policy (skipped with --no-prism, not installed in
// --smoke) over the shared process helpers in prism-cli.mjs.
import { existsSync } from 'node:fs';
import { onCleanup } from './cleanup.mjs';
import { SMOKE, args, log } from './config.mjs';
import { PRISM_ENTRY, installPrism, startPrism as startPrismProcess } from './prism-cli.mjs';

export async function ensurePrism() {
  if (args['no-prism']) return null;
  if (existsSync(PRISM_ENTRY)) return PRISM_ENTRY;
  if (SMOKE) {
    log('Prism is not installed in bench/.prism; skipped in --smoke (a full run installs it)');
    return null;
  }
  return installPrism(log);
}

/** Prism started for the bench, stopped again by the bench's cleanup. */
export async function startPrism(entry, spec, probePath, options) {
  const prism = await startPrismProcess(entry, spec, probePath, options);
  onCleanup(prism.stop);
  return prism;
}
