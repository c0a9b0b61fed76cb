import compare from 'semver/functions/compare';
import semverDiff from 'semver/functions/diff';
import major from 'semver/functions/major';
import valid from 'semver/functions/valid';
import type { Env } from '../env';
import { fail } from '../http/problem';
import { atLeast, type DiffSummary } from '../diff/report';
import type { Plan } from '../mock/plan';
import { registryStub } from '../registry/api-registry';
import { latestOf } from '../registry/latest-version';
import { diffReport, planOf } from './diff';

/** The `diff` member of a 201 publish answer. */
export interface PublishDiff {
  against: string;
  summary: DiffSummary;
  affectedCalls: number;
  url: string;
  warning?: string;
}

export type FailOn = 'breaking' | 'possibly-breaking';

export function readFailOn(url: URL): FailOn | undefined {
  const raw = url.searchParams.get('failOn');
  if (raw === null) return undefined;
  if (raw === 'breaking' || raw === 'possibly-breaking') return raw;
  return fail('bad-request', '`failOn` is `breaking` or `possibly-breaking`.', {
    errors: [{ location: ['query', 'failOn'], message: 'must be breaking or possibly-breaking' }],
  });
}

/**
 * Publish's diff against the version that is latest now (nothing when the API has no version yet):
 * the previous plan from KV (or the isolate's memo), its logged calls replayed against the new plan.
 * With `failOn`, changes at that level refuse the publish before anything is stored.
 */
export async function diffOnPublish(
  request: Request,
  env: Env,
  next: { api: string; version: string; plan: Plan; failOn?: FailOn },
): Promise<PublishDiff | undefined> {
  if (next.failOn) return diffAgainstLatest(request, env, next);
  // Without a gate the diff is a courtesy: whatever goes wrong with it must not fail the publish.
  try {
    return await diffAgainstLatest(request, env, next);
  } catch (error) {
    console.error('publish diff failed', error);
    return undefined;
  }
}

async function diffAgainstLatest(
  request: Request,
  env: Env,
  next: { api: string; version: string; plan: Plan; failOn?: FailOn },
): Promise<PublishDiff | undefined> {
  const state = await registryStub(env, next.api).describe();
  const against = state ? latestOf(state.order).latest : null;
  if (!state || against === null) return undefined;
  const before = await planOf(env, state, against);
  const report = await diffReport(env, next.api, { from: against, to: next.version }, before, next.plan);
  if (next.failOn) {
    const blocking = atLeast(report.changes, next.failOn);
    if (blocking.length > 0)
      fail(
        'breaking-change',
        `${next.version} has ${blocking.length} ${next.failOn} change(s) against ${against} (failOn=${next.failOn}); nothing was stored. The first: ${blocking[0].message}.`,
        {
          errors: blocking
            .slice(0, 200)
            .map((c) => ({ pointer: c.pointer, message: `${c.rule}: ${c.message}` })),
          extensions: { against, summary: report.summary, affectedCalls: report.traffic.affectedCalls },
        },
      );
  }
  const query = new URLSearchParams({ from: against, to: next.version });
  const warning = semverWarning(against, next.version, report.summary.breaking);
  return {
    against,
    summary: report.summary,
    affectedCalls: report.traffic.affectedCalls,
    url: `${new URL(request.url).origin}/v1/apis/${next.api}/diff?${query}`,
    ...(warning ? { warning } : {}),
  };
}

/** A breaking change under a minor or patch bump of a semantic version (1.x and up) is worth a word. */
function semverWarning(from: string, to: string, breaking: number): string | undefined {
  if (breaking === 0 || valid(from) === null || valid(to) === null || major(from) === 0) return undefined;
  if (compare(to, from) <= 0) return undefined;
  const bump = semverDiff(from, to);
  if (bump !== 'minor' && bump !== 'patch') return undefined;
  if (major(to) !== major(from)) return undefined;
  return `${to} is a ${bump} release after ${from} but has ${breaking} breaking change(s); semantic versioning asks for a major version.`;
}
