import { ProblemError } from '../http/problem';
import { ingest, type Ingested } from '../ingest/ingest';
import type { UploadFile } from '../ingest/files/file-set';
import { ingestFiles, prepareFiles } from '../ingest/files/ingest-files';
import { diffMarkdown } from './markdown';
import { compareVersions, type DiffReport } from './report';

/** One side: a document's text, or the files of a description split into several (entry among them). */
type SpecInput = string | { entry: string; files: UploadFile[] };

function ingestInput(input: SpecInput): Promise<Ingested> {
  return typeof input === 'string' ? ingest(input) : prepareFiles(input).then((p) => ingestFiles(p));
}

/**
 * The entry `specmock diff old.yaml new.yaml` runs in Node with no server: the CLI bundles this file
 * (cli/lib/diff-engine.mjs) and calls it. The same ingest and diff as the Worker; no traffic.
 */
export async function diffDocuments(
  before: SpecInput,
  after: SpecInput,
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
      plans.push((await ingestInput(text)).plan);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      return { problem: { side, detail: error.problem.detail, errors: error.problem.errors ?? [] } };
    }
  }
  const report = compareVersions(names, plans[0], plans[1], []);
  return { report, markdown: diffMarkdown(report) };
}
