// Everything the bench starts is stopped again: on success, on failure and on SIGINT/SIGTERM.
import { log } from './config.mjs';

const cleanups = [];
// Prism runs in its own process group; whatever happens to this process, take those groups down too.
export const prismGroups = new Set();
process.on('exit', () => {
  for (const pid of prismGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});

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
