// A diff report (the JSON of GET /v1/apis/{api}/diff, or the local engine's) as terminal text or as
// GitHub Actions workflow commands, and the --fail-on decision.

const ORDER = ['breaking', 'possibly-breaking', 'non-breaking'];
const LABEL = { breaking: 'BREAKING', 'possibly-breaking': 'POSSIBLY', 'non-breaking': 'ok' };

/** The changes at `failOn` or more severe. */
export function failing(report, failOn) {
  if (!failOn) return [];
  const limit = ORDER.indexOf(failOn);
  return report.changes.filter((c) => ORDER.indexOf(c.level) <= limit);
}

export function textReport(report) {
  const { summary: s, traffic: t } = report;
  const lines = [
    `${report.api} ${report.from} → ${report.to}: ${s.breaking} breaking, ${s.possiblyBreaking} possibly breaking, ${s.nonBreaking} non-breaking`,
  ];
  if (t.replayed > 0)
    lines.push(
      `traffic: ${t.replayed} logged call(s) to ${report.from} replayed${t.since ? ` since ${t.since}` : ''}: ` +
        `${t.wouldFail} would fail, ${t.receivedRemovedFields} received member(s) ${report.to} removes or no longer guarantees`,
    );
  for (const c of report.changes) {
    const calls = t.replayed > 0 && c.affectedCalls > 0 ? ` (${c.affectedCalls} call(s))` : '';
    lines.push(`${LABEL[c.level].padEnd(8)}  ${c.operation ?? ''}  ${c.message}  [${c.rule}]${calls}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `::error file=…,title=…::…` lines; non-breaking changes are not annotated. */
export function githubReport(report, file) {
  const out = [];
  for (const c of report.changes) {
    if (c.level === 'non-breaking') continue;
    const props = [
      ...(file ? [`file=${property(file)}`] : []),
      `title=${property(`${c.rule}${c.operation ? ` (${c.operation})` : ''}`)}`,
    ];
    const calls = c.affectedCalls > 0 ? ` ${c.affectedCalls} logged call(s) affected.` : '';
    out.push(
      `::${c.level === 'breaking' ? 'error' : 'warning'} ${props.join(',')}::${data(`${c.message} (${c.pointer}).${calls}`)}`,
    );
  }
  const s = report.summary;
  out.push(
    `${report.api} ${report.from} → ${report.to}: ${s.breaking} breaking, ${s.possiblyBreaking} possibly breaking, ${s.nonBreaking} non-breaking`,
  );
  return `${out.join('\n')}\n`;
}

// The escaping of GitHub's workflow commands (@actions/core's escapeData / escapeProperty).
function data(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text) {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
