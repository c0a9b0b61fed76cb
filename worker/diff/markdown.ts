import type { Change } from './change';
import type { DiffReport } from './report';
import { LEVELS, type Level } from './rules';

/** Rows per level before the rest is summarised: a pull-request comment stays readable. */
const MAX_ROWS = 50;

const TITLES: Record<Level, string> = {
  breaking: 'Breaking',
  'possibly-breaking': 'Possibly breaking',
  'non-breaking': 'Non-breaking',
};

/**
 * The diff as a pull-request comment: a headline with the counts and the replayed traffic, one
 * table per level (most severe first, non-breaking folded), each change with its operation, message,
 * rule and the logged calls it affects.
 */
export function diffMarkdown(report: DiffReport): string {
  const { summary, traffic } = report;
  const lines = [
    `## API changes: \`${report.api}\` ${report.from} → ${report.to}`,
    '',
    `**${summary.breaking} breaking**, ${summary.possiblyBreaking} possibly breaking, ${summary.nonBreaking} non-breaking.`,
    '',
    trafficLine(report),
    '',
  ];
  for (const level of LEVELS) {
    const changes = report.changes.filter((c) => c.level === level);
    if (changes.length === 0) continue;
    const fold = level === 'non-breaking';
    lines.push(
      fold
        ? `<details><summary>${TITLES[level]} (${changes.length})</summary>\n`
        : `### ${TITLES[level]} (${changes.length})\n`,
    );
    lines.push(...table(changes, traffic.replayed > 0), '');
    if (fold) lines.push('</details>', '');
  }
  if (report.changes.length === 0) lines.push('No changes.', '');
  return lines.join('\n');
}

function trafficLine(report: DiffReport): string {
  const t = report.traffic;
  if (t.replayed === 0) return `No logged calls to ${report.from} to replay.`;
  const since = t.since ? ` since ${t.since.slice(0, 10)}` : '';
  return (
    `Replayed the ${t.replayed} logged call(s) to ${report.from}${since} against ${report.to}: ` +
    `**${t.wouldFail} would fail**, ${t.receivedRemovedFields} received member(s) ${report.to} removes or no longer guarantees` +
    (t.unattributed > 0 ? `, ${t.unattributed} refusal(s) no change explains` : '') +
    '.'
  );
}

function table(changes: Change[], withCalls: boolean): string[] {
  const rows = changes.slice(0, MAX_ROWS).map((c) => {
    const cells = [c.operation ? `\`${c.operation}\`` : '', cell(c.message), `\`${c.rule}\``];
    if (withCalls) cells.push(c.affectedCalls > 0 ? `**${c.affectedCalls}**` : '0');
    return `| ${cells.join(' | ')} |`;
  });
  const head = withCalls
    ? ['| Operation | Change | Rule | Calls |', '|---|---|---|---:|']
    : ['| Operation | Change | Rule |', '|---|---|---|'];
  const more =
    changes.length > MAX_ROWS ? [``, `…and ${changes.length - MAX_ROWS} more (see the JSON answer).`] : [];
  return [...head, ...rows, ...more];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
