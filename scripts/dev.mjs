#!/usr/bin/env node
// `npm run dev`: wrangler dev with its arguments, made to behave as a newcomer expects.
// - Offline, miniflare's fetch of Cloudflare's request.cf data fails and prints ENOTFOUND twice,
//   which reads as a failure; the Worker never reads request.cf, so the fetch is off unless
//   CLOUDFLARE_CF_FETCH_ENABLED says otherwise.
// - Stopping npm by its PID (a CI job's `kill $PID`) must stop wrangler and workerd too: npm may exit
//   without passing the signal on. So signals are forwarded, and the processes above this one (the
//   shell npm runs scripts in, and npm) are watched: when one is gone, wrangler is stopped.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const POLL_MS = 500;
const GRACE_MS = 5_000;

// wrangler's package.json exports no subpaths; its bin sits beside its package.json.
const wrangler = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin/wrangler.js',
);
// Callbacks and webhooks reach loopback receivers locally; a later `--var WEBHOOK_TARGETS:public`
// (the hosted behaviour) overrides this one.
const child = spawn(
  process.execPath,
  [wrangler, 'dev', '--var', 'WEBHOOK_TARGETS:any', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...process.env },
  },
);

/** The parent of `pid`, from /proc (undefined where there is none, or no /proc). */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Every process below `root` (wrangler's workerd), from /proc. */
function descendants(root) {
  let table;
  try {
    table = readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map((n) => [Number(n), parentOf(n)]);
  } catch {
    return [];
  }
  const out = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift();
    for (const [pid, ppid] of table)
      if (ppid === parent) {
        out.push(pid);
        queue.push(pid);
      }
  }
  return out;
}

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  const below = descendants(child.pid);
  child.kill(signal);
  // wrangler stops workerd itself; anything still there after the grace period is killed.
  setTimeout(() => {
    for (const pid of [child.pid, ...below]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(1);
  }, GRACE_MS).unref();
}

for (const sig of SIGNALS) process.on(sig, () => stop(sig));

// Without /proc (macOS), only a change of parent is seen.
const proc = existsSync('/proc/self/stat');
const watched = proc ? [process.ppid, parentOf(process.ppid)].filter((p) => p !== undefined && p > 1) : [];
const parent = process.ppid;
const watch = setInterval(() => {
  const gone = process.ppid !== parent || watched.some((p) => parentOf(p) === undefined);
  if (gone) {
    clearInterval(watch);
    stop('SIGTERM');
  }
}, POLL_MS);
watch.unref();

child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
