import { ProblemError } from '../http/problem';
import { ingest } from '../spec/ingest';
import { diffMarkdown } from './markdown';
import { compareVersions, type DiffReport } from './report';

/**
 * The entry `specmock diff old.yaml new.yaml` runs in Node with no server: the CLI bundles this file
 * (cli/lib/diff-engine.mjs) and calls it. The same ingest and diff as the Worker; no traffic.
 */
export async function diffDocuments(
  before: string,
  after: string,
  names: { api: string; from: string; to: string },
): Promise<
  { report: DiffReport; markdown: string } | { problem: { side: string; detail: string; errors: unknown[] } }
> {
  const plans = [];
  for (const [side, text] of [
    [names.from, before],
    [names.to, after],
  ] as const) {
    try {
      plans.push((await ingest(text)).plan);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      return { problem: { side, detail: error.problem.detail, errors: error.problem.errors ?? [] } };
    }
  }
  const report = compareVersions(names, plans[0], plans[1], []);
  return { report, markdown: diffMarkdown(report) };
}
