// The processes a test started and whether they are gone: read from /proc, for the tests that stop
// `npm run dev` and `specmock mock` the way a CI job does.
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** Every live process, as pid → { ppid, command }. */
function processTable(): Map<number, { ppid: number; command: string }> {
  const table = new Map<number, { ppid: number; command: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      table.set(Number(name), { ppid, command });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** Every process below `root`, breadth first. */
export function descendants(root: number): { pid: number; command: string }[] {
  const table = processTable();
  const out: { pid: number; command: string }[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [pid, p] of table)
      if (p.ppid === parent) {
        out.push({ pid, command: p.command });
        queue.push(pid);
      }
  }
  return out;
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export const listening = (port: number): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Polls `check` every 100 ms; throws naming `what` after `ms`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
