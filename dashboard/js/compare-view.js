// An API's Compare view: any two versions, the changes grouped by operation and level, each with the
// logged calls to the older version it would affect and one example call (GET /v1/apis/{api}/diff).
import { h, announce, plural } from './dom.js';
import { state, client } from './session.js';
import { friendly } from './feedback.js';
import { apiHref, pageHref, navigate } from './routes.js';
import { apiPageHead } from './view-parts.js';

const LEVELS = [
  ['breaking', 'Breaking'],
  ['possibly-breaking', 'Possibly breaking'],
  ['non-breaking', 'Non-breaking'],
];

function versionSelect(id, versions, selected) {
  return h(
    'select',
    { id, class: 'input' },
    versions.map((v) => h('option', { value: v, selected: v === selected }, v)),
  );
}

function exampleCall(call) {
  const query = call.query ? `?${call.query}` : '';
  return h(
    'span',
    { class: 'diff-example' },
    'e.g. ',
    h('code', null, `${call.method} ${call.path}${query}`),
    ` (was ${call.status}, ${new Date(call.at).toLocaleString()})`,
  );
}

function changeRow(change, replayed) {
  return h(
    'li',
    { class: `diff-change diff-${change.level}` },
    h('span', { class: 'diff-message' }, change.message),
    h('code', { class: 'diff-rule' }, change.rule),
    replayed > 0
      ? h(
          'span',
          { class: change.affectedCalls > 0 ? 'diff-calls diff-calls-hit' : 'diff-calls' },
          plural(change.affectedCalls, 'logged call'),
        )
      : null,
    change.exampleCall ? exampleCall(change.exampleCall) : null,
    h('code', { class: 'diff-pointer muted' }, change.pointer),
  );
}

/** One operation's changes, its most severe level first; breaking operations start open. */
function operationGroup(operation, changes, replayed) {
  const worst = LEVELS.find(([level]) => changes.some((c) => c.level === level));
  const affected = changes.reduce((n, c) => n + c.affectedCalls, 0);
  return h(
    'details',
    { class: 'op diff-op', open: worst[0] === 'breaking' },
    h(
      'summary',
      { class: 'op-summary' },
      h('span', { class: 'op-path' }, operation ?? 'The whole API'),
      h('span', { class: `diff-badge diff-${worst[0]}` }, worst[1]),
      h('span', { class: 'muted' }, plural(changes.length, 'change')),
      replayed > 0 && affected > 0
        ? h('span', { class: 'diff-calls diff-calls-hit' }, `${plural(affected, 'logged call')} affected`)
        : null,
    ),
    LEVELS.flatMap(([level, title]) => {
      const here = changes.filter((c) => c.level === level);
      if (here.length === 0) return [];
      return [
        h('h4', { class: `diff-level diff-${level}` }, `${title} (${here.length})`),
        h(
          'ul',
          { class: 'diff-changes' },
          here.map((c) => changeRow(c, replayed)),
        ),
      ];
    }),
  );
}

function summaryLine(report) {
  const { summary: s, traffic: t } = report;
  const counts = `${s.breaking} breaking, ${s.possiblyBreaking} possibly breaking, ${s.nonBreaking} non-breaking.`;
  const traffic =
    t.replayed === 0
      ? ` No logged calls to ${report.from} to replay.`
      : ` Replayed ${plural(t.replayed, 'logged call')} to ${report.from}: ${t.wouldFail} would fail against ${report.to}, ${t.receivedRemovedFields} received members ${report.to} removes or no longer guarantees.`;
  return h('p', { class: 'diff-summary', role: 'status' }, counts, traffic);
}

function renderReport(report) {
  const byOperation = new Map();
  for (const c of report.changes) byOperation.set(c.operation, [...(byOperation.get(c.operation) ?? []), c]);
  const rank = (changes) => LEVELS.findIndex(([level]) => changes.some((c) => c.level === level));
  const groups = [...byOperation].sort((a, b) => rank(a[1]) - rank(b[1]));
  return h(
    'div',
    { class: 'diff-report', id: 'diff-report' },
    summaryLine(report),
    groups.length === 0
      ? h('p', { class: 'muted' }, 'No changes between these versions.')
      : h(
          'div',
          { class: 'op-groups' },
          groups.map(([op, changes]) => operationGroup(op, changes, report.traffic.replayed)),
        ),
  );
}

export async function compareView(api, token, [fromWanted, toWanted] = []) {
  const { data } = await client.getApi(api);
  if (token !== state.routeToken) return null;
  document.title = `${api} compare · specmock`;
  const versions = (data.versions || []).map((v) => v.version); // most recently published first
  const card = h(
    'div',
    { class: 'card' },
    apiPageHead({
      api,
      apiLink: apiHref(api),
      page: 'Compare',
      title: `Compare versions of ${api}`,
      sibling: { href: pageHref('calls', api), label: 'Calls (live log)' },
    }),
  );
  if (versions.length < 2) {
    card.append(h('p', { class: 'muted' }, 'Publish a second version to compare it with the first.'));
    return card;
  }
  const from = versionSelect('diff-from', versions, fromWanted ?? versions[1]);
  const to = versionSelect('diff-to', versions, toWanted ?? versions[0]);
  const go = h('button', { type: 'submit', class: 'btn' }, 'Compare');
  const result = h('div', { class: 'diff-result' });
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const form = h(
    'form',
    { class: 'form-grid diff-form', 'aria-label': 'Versions to compare' },
    field('diff-from', 'From (older)', from),
    field('diff-to', 'To (newer)', to),
    h('div', { class: 'field diff-go' }, go),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(`${pageHref('compare', api)}/${encodeURIComponent(from.value)}/${encodeURIComponent(to.value)}`);
  });
  card.append(form, result);
  try {
    const { data: report } = await client.diff(api, from.value, to.value);
    if (token !== state.routeToken) return null;
    result.replaceChildren(renderReport(report));
    announce(`${report.summary.breaking} breaking changes`, 'info', { visual: false });
  } catch (err) {
    result.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, friendly(err)));
  }
  return card;
}
