// Ratios and the targets, computed from one run's rows.
import { round } from './load.mjs';

const ratio = (a, b) => (a && b ? round(a / b, 3) : null);
const atLeast = (v, min) => (v === null ? null : v >= min);
const atMost = (v, max) => (v === null ? null : v <= max);

/**
 * Fills each call's `ratios` and `targets`:
 *  - petstore: local ≥ 70 % of hello-world with p99 no worse than Prism -d; hosted ≥ 60 % of
 *    hello-world; the quota (hosted vs local) costs ≤ 15 % of throughput;
 *  - GitHub: hosted ≥ 5 × Prism -d throughput with p99 ≤ 1/5 of Prism -d's.
 */
export function judge(results) {
  const ceiling = results.helloWorld.reqPerSec;
  for (const call of results.calls) {
    const { local, hosted, prismStatic, prismDynamic } = call.rows;
    call.ratios = {
      localVsHelloWorld: ratio(local.reqPerSec, ceiling),
      hostedVsHelloWorld: ratio(hosted.reqPerSec, ceiling),
      quotaShareOfThroughput: round(1 - hosted.reqPerSec / local.reqPerSec, 3),
      localVsPrismDynamic: ratio(local.reqPerSec, prismDynamic?.reqPerSec),
      hostedVsPrismDynamic: ratio(hosted.reqPerSec, prismDynamic?.reqPerSec),
      hostedVsPrismStatic: ratio(hosted.reqPerSec, prismStatic?.reqPerSec),
      localP99VsPrismDynamic: ratio(local.p99, prismDynamic?.p99),
      hostedP99VsPrismDynamic: ratio(hosted.p99, prismDynamic?.p99),
    };
    const r = call.ratios;
    call.targets =
      call.spec === 'petstore'
        ? {
            'local ≥ 70 % of hello-world': atLeast(r.localVsHelloWorld, 0.7),
            'local p99 ≤ Prism -d p99': atMost(r.localP99VsPrismDynamic, 1),
            'hosted ≥ 60 % of hello-world': atLeast(r.hostedVsHelloWorld, 0.6),
            'quota ≤ 15 % of throughput': atMost(r.quotaShareOfThroughput, 0.15),
          }
        : {
            'hosted ≥ 5 × Prism -d': atLeast(r.hostedVsPrismDynamic, 5),
            'hosted p99 ≤ 1/5 of Prism -d': atMost(r.hostedP99VsPrismDynamic, 0.2),
          };
  }
}
