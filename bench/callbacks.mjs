// Issue 21: a mock call whose operation declares a callback, against the same call on the same
// description with its callbacks and webhooks removed, in alternation on the hosted-mode Worker. The
// callback is sent after the response (waitUntil, then the API's Deliveries object), so the call
// itself must not be more than 5 % slower. A receiver on loopback, in a process of its own, answers
// every delivery with 200.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT, SMOKE } from './config.mjs';
import { measureAlternating, percentile, round, sample } from './load.mjs';
import { onCleanup } from './cleanup.mjs';
import { helloWorld, helloWorldSending, publishTo } from './targets.mjs';

const FIXTURE = join(ROOT, 'test/fixtures/webhooks/pets-hooks.yaml');

/** A receiver on loopback in a child process (hook-receiver.mjs), answering every delivery 200. */
async function receiver() {
  const child = fork(join(ROOT, 'bench/hook-receiver.mjs'), { stdio: 'ignore' });
  onCleanup(() => child.kill());
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { port } = await next();
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received: async () => {
      const reply = next();
      child.send('count');
      return (await reply).received;
    },
    close: () => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      return gone;
    },
  };
}

/** The fixture without `callbacks` and `webhooks`: the same operation, nothing to send. */
function withoutHooks() {
  const doc = parse(readFileSync(FIXTURE, 'utf8'));
  delete doc.webhooks;
  delete doc.paths['/pets'].post.callbacks;
  const file = join(mkdtempSync(join(tmpdir(), 'specmock-bench-')), 'pets-no-hooks.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

export async function measureCallbacks(hosted, script) {
  const hook = await receiver();
  const withHooks = await publishTo(hosted, FIXTURE, 'hooks');
  const plain = await publishTo(hosted, withoutHooks(), 'nohooks');
  const request = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', callbackUrl: hook.url }),
  };
  const probe = await fetch(`${withHooks.mockUrl}/pets`, request);
  await probe.arrayBuffer();
  if (probe.status !== 201) throw new Error(`the callback bench call answered ${probe.status}`);
  // One call at a time first: the latency a client sees when the machine is not saturated.
  const sequential = {};
  for (const [key, url] of [
    ['fired', `${withHooks.mockUrl}/pets`],
    ['bare', `${plain.mockUrl}/pets`],
  ]) {
    await sample(url, SMOKE ? 20 : 200, request);
    const times = (await sample(url, SMOKE ? 50 : 2000, request)).sort((a, b) => a - b);
    sequential[key] = { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
  }
  const before = await hook.received();
  const [fired, bare] = await measureAlternating([
    { name: 'POST /pets, declares a callback (fired)', url: `${withHooks.mockUrl}/pets`, request },
    { name: 'POST /pets, the same without callbacks', url: `${plain.mockUrl}/pets`, request },
  ]);
  // Deliveries still queued when the load stops are sent by the object's alarm shortly after.
  await new Promise((r) => setTimeout(r, 2000));
  const delivered = (await hook.received()) - before;
  // The runtime's floor: one outbound request per call, with nothing else to do.
  const [plainHello, sendingHello] = [await helloWorld(script), await helloWorldSending(script, hook.url)];
  const floorSequential = {};
  for (const [key, url] of [
    ['alone', plainHello.url],
    ['sending', sendingHello.url],
  ]) {
    await sample(url, SMOKE ? 20 : 200);
    const times = (await sample(url, SMOKE ? 50 : 2000)).sort((a, b) => a - b);
    floorSequential[key] = round(percentile(times, 50));
  }
  const [alone, sending] = await measureAlternating([
    { name: 'hello-world Worker', url: plainHello.url },
    { name: 'hello-world Worker sending one POST per call', url: sendingHello.url },
  ]);
  await Promise.all([plainHello.stop(), sendingHello.stop()]);
  await hook.close();
  return {
    fired,
    bare,
    ratio: round(fired.reqPerSec / bare.reqPerSec, 3),
    sequential,
    sequentialRatio: round(sequential.bare.p50 / sequential.fired.p50, 3),
    delivered,
    floor: {
      alone,
      sending,
      ratio: round(sending.reqPerSec / alone.reqPerSec, 3),
      sequential: floorSequential,
      sequentialRatio: round(floorSequential.alone / floorSequential.sending, 3),
    },
  };
}

export function callbackLines(c, meta) {
  return [
    `**A call that fires a callback** vs the same call without one (pets-hooks, hosted mode; ${c.delivered} callbacks reached the receiver during the load):`,
    '',
    `| Call | one at a time: p50 | p99 | under load (${meta.connections} connections): req/s | p50 | p99 |`,
    '|---|---:|---:|---:|---:|---:|',
    `| POST /pets, fires its callback | ${c.sequential.fired.p50} | ${c.sequential.fired.p99} | ${c.fired.reqPerSec} | ${c.fired.p50} | ${c.fired.p99} |`,
    `| POST /pets, no callbacks declared | ${c.sequential.bare.p50} | ${c.sequential.bare.p99} | ${c.bare.reqPerSec} | ${c.bare.p50} | ${c.bare.p99} |`,
    `| speed ratio (target ≥ 0.95) | ${c.sequentialRatio}× | | ${c.ratio}× | | |`,
    ...(c.floor
      ? [
          '',
          `The runtime's own cost of one outbound request per call, in the same run: a hello-world Worker that also POSTs a small body to the same receiver after each answer (in waitUntil) runs at **${c.floor.sequentialRatio}×** of the plain one called one at a time (p50 ${c.floor.sequential.sending} vs ${c.floor.sequential.alone} ms: calls sent back to back meet the previous call's send) and at **${c.floor.ratio}×** under load (${c.floor.sending.reqPerSec} vs ${c.floor.alone.reqPerSec} req/s). A target of 0.95× is below that floor on this runtime; specmock's ratios above are to be read against it.`,
        ]
      : []),
  ];
}
