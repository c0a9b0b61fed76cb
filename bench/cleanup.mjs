// Everything the bench starts is stopped again: on success, on failure and on SIGINT/SIGTERM.
import { log } from './config.mjs';

const cleanups = [];

/** Registers a stop function; they run last-registered first. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

export async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {}
  }
  cleanups.length = 0;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    cleanup().finally(() => process.exit(1));
  });
}
