// Ratios and the targets, computed from one run's rows.
import { pairedRange, pairedRatio, round } from './load.mjs';

const ratio = (a, b) => (a && b ? round(a / b, 3) : null);
const atLeast = (v, min) => (v === null ? null : v >= min);
const atMost = (v, max) => (v === null ? null : v <= max);

/**
 * Issue 22's targets that are not one call's: `GET /healthz` against hello-world (measured in the
 * floors' alternated rounds), and each sandbox row against its stateless call.
 */
function otherTargets(results) {
  const sandbox = (label) => results.sandbox?.rows?.find((row) => row.label === label)?.ratio ?? null;
  return {
    'GET /healthz ≥ 90 % of hello-world': atLeast(results.headerFloor?.healthz ?? null, 0.9),
    'sandbox GET /pets/{petId} ≥ 0.8 × stateless': atLeast(sandbox('GET /pets/{petId}'), 0.8),
    'sandbox POST /pets ≥ 0.5 × stateless, from 10 items': atLeast(sandbox('POST /pets, from 10 items'), 0.5),
    'sandbox POST /pets ≥ 0.5 × stateless, from 1000 items': atLeast(
      sandbox('POST /pets, from 1000 items'),
      0.5,
    ),
  };
}

/**
 * Fills each call's `ratios` and `targets` (issue 22's), and `otherTargets`:
 *  - petstore: local ≥ 85 % of hello-world with p99 no worse than Prism -d; hosted ≥ 75 % of
 *    hello-world; the quota lease and the request log together (hosted vs local) cost ≤ 10 % of
 *    throughput;
 *  - GitHub: ≥ 50 × Prism -d throughput with p99 ≤ 1/20 of Prism -d's.
 */
export function judge(results) {
  const ceiling = results.helloWorld.reqPerSec;
  for (const call of results.calls) {
    const { local, hosted, prismStatic, prismDynamic } = call.rows;
    // Rows measured in the same rounds are compared round by round (pairedRatio); the GitHub rows
    // ran after the ceiling's rounds, so theirs is a ratio of best runs.
    call.ratios = {
      localVsHelloWorld: pairedRatio(local, results.helloWorld) ?? ratio(local.reqPerSec, ceiling),
      hostedVsHelloWorld: pairedRatio(hosted, results.helloWorld) ?? ratio(hosted.reqPerSec, ceiling),
      quotaShareOfThroughput: round(
        1 - (pairedRatio(hosted, local) ?? hosted.reqPerSec / local.reqPerSec),
        3,
      ),
      localVsPrismDynamic: ratio(local.reqPerSec, prismDynamic?.reqPerSec),
      hostedVsPrismDynamic: ratio(hosted.reqPerSec, prismDynamic?.reqPerSec),
      hostedVsPrismStatic: ratio(hosted.reqPerSec, prismStatic?.reqPerSec),
      localP99VsPrismDynamic: ratio(local.p99, prismDynamic?.p99),
      hostedP99VsPrismDynamic: ratio(hosted.p99, prismDynamic?.p99),
    };
    // The rounds' lowest and highest ratio beside each median, for the reader to weigh it.
    call.ranges = {
      localVsHelloWorld: pairedRange(local, results.helloWorld),
      hostedVsHelloWorld: pairedRange(hosted, results.helloWorld),
    };
    const r = call.ratios;
    call.targets =
      call.spec === 'petstore'
        ? {
            'local ≥ 85 % of hello-world': atLeast(r.localVsHelloWorld, 0.85),
            'local p99 ≤ Prism -d p99': atMost(r.localP99VsPrismDynamic, 1),
            'hosted ≥ 75 % of hello-world': atLeast(r.hostedVsHelloWorld, 0.75),
            'quota and log ≤ 10 % of throughput': atMost(r.quotaShareOfThroughput, 0.1),
          }
        : {
            'hosted ≥ 50 × Prism -d': atLeast(r.hostedVsPrismDynamic, 50),
            'hosted p99 ≤ 1/20 of Prism -d': atMost(r.hostedP99VsPrismDynamic, 0.05),
          };
  }
  results.otherTargets = otherTargets(results);
}
