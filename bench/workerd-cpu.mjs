// The CPU time of the workerd processes that miniflare spawns, one per Worker (Linux: /proc).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** workerd processes under this Node process (miniflare spawns one per Worker). */
function workerdPids() {
  const parents = new Map();
  const names = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parents.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // the process ended while the list was read
    }
  }
  const mine = (pid) => {
    for (let p = pid; p > 1; p = parents.get(p) ?? 0) if (p === process.pid) return true;
    return false;
  };
  return new Set([...names].filter(([pid, name]) => name === 'workerd' && mine(pid)).map(([pid]) => pid));
}

/** µs of CPU the process has used (utime + stime, in clock ticks of 10 ms). */
export function cpuUs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Starts a Worker and finds its workerd process. */
export async function started(start) {
  const before = workerdPids();
  const worker = await start();
  const fresh = [...workerdPids()].filter((pid) => !before.has(pid));
  if (fresh.length !== 1) throw new Error(`expected one new workerd process, found ${fresh.length}`);
  return { ...worker, pid: fresh[0] };
}

/** Pins every thread of a process to one core, or a list such as `0,1` (util-linux's `taskset`). */
export function pin(pid, core) {
  execFileSync('taskset', ['-a', '-cp', String(core), String(pid)]);
}

/** Starts a Worker and pins its workerd process to `core`. */
export async function startPinned(start, core) {
  const worker = await started(start);
  pin(worker.pid, core);
  return worker;
}

/**
 * One round of `amount` requests to `row.url` ({ url, pid, name }) with 16 connections: the CPU time
 * its workerd process spent per request. `init` is autocannon's method, headers and body.
 */
export async function cpuPerRequest(row, amount, init = {}) {
  const before = cpuUs(row.pid);
  const result = await autocannon({ url: row.url, connections: 16, amount, ...init });
  if (result.non2xx) throw new Error(`${row.name}: ${result.non2xx} answers not 2xx`);
  return (cpuUs(row.pid) - before) / result.requests.total;
}
