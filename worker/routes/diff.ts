import type { Env } from '../env';
import type { AppRequest } from '../http/app-request';
import { checkVersionName } from '../http/api-names';
import { fail } from '../http/problem';
import { diffMarkdown } from '../diff/markdown';
import { compareVersions, type DiffReport } from '../diff/report';
import type { Plan } from '../mock/plan';
import type { ApiState } from '../registry/api-registry';
import { latestBefore, latestOf } from '../registry/latest-version';
import { requestLogStub } from '../request-log/request-log';
import { loadTarget } from '../storage/target-cache';
import { ownedState } from './apis';

/**
 * GET /v1/apis/{api}/diff?from=&to= (owner only): the changes between two versions, with the logged
 * calls to `from` replayed against `to`. `to` defaults to latest, `from` to the version that was
 * latest when `to` was published. `Accept: text/markdown` gives a pull-request comment.
 */
export async function diffVersions(request: AppRequest, env: Env): Promise<Response> {
  const state = await ownedState(request, env, request.params.api);
  const params = new URL(request.url).searchParams;
  const to = known(state, params.get('to') ?? latestOf(state.order).latest ?? '', 'to');
  const fromName = params.get('from') ?? latestBefore(state.order, to);
  if (fromName === undefined)
    fail('version-not-found', `No version of "${state.api}" was published before ${to}; pass ?from=.`);
  const from = known(state, fromName, 'from');
  const [fromPlan, toPlan] = await Promise.all([planOf(env, state, from), planOf(env, state, to)]);
  const report = await diffReport(env, state.api, { from, to }, fromPlan, toPlan);
  if (/\btext\/markdown\b/i.test(request.headers.get('accept') ?? ''))
    return new Response(diffMarkdown(report), {
      headers: { 'content-type': 'text/markdown; charset=utf-8' },
    });
  return Response.json(report);
}

/** The diff of two plans with the retained calls to `from` replayed (at most the log's 1,000). */
export async function diffReport(
  env: Env,
  api: string,
  names: { from: string; to: string },
  from: Plan,
  to: Plan,
): Promise<DiffReport> {
  const calls = await requestLogStub(env, api).callsTo(names.from);
  return compareVersions({ api, ...names }, from, to, calls);
}

export async function planOf(env: Env, state: ApiState, version: string): Promise<Plan> {
  const record = state.versions[version];
  const target = await loadTarget(env.SPECS, state.api, version, record.hash, record.createdAt);
  if (!target)
    fail('version-not-found', `Version "${version}" of "${state.api}" is still propagating; retry shortly.`);
  return target.plan;
}

function known(state: ApiState, name: string, which: 'from' | 'to'): string {
  const named = name === 'latest' ? (latestOf(state.order).latest ?? '') : name;
  if (named === '') fail('version-not-found', `"${state.api}" has no versions.`);
  const version = checkVersionName(named);
  if (!state.versions[version])
    fail('version-not-found', `"${state.api}" has no version "${version}" (the \`${which}\` of the diff).`);
  return version;
}
