// An API's mock calls, live (see calls-feed.js for how new calls arrive), filterable by status,
// version and text, each expandable to its request, response and validation problems.
import { h, plural } from './dom.js';
import { state, client } from './session.js';
import { apiHref, pageHref } from './routes.js';
import { apiPageHead } from './view-parts.js';
import { callsFeed } from './calls-feed.js';

function select(id, options) {
  return h(
    'select',
    { id, class: 'input' },
    options.map(([value, label]) => h('option', { value }, label)),
  );
}

function filterControls(versions) {
  const status = select('calls-status', [
    ['', 'Any status'],
    ['2xx', '2xx success'],
    ['4xx', '4xx refused'],
    ['5xx', '5xx error'],
  ]);
  const version = select('calls-version', [['', 'Any version'], ...versions.map((v) => [v, v])]);
  const text = h('input', {
    id: 'calls-text',
    class: 'input',
    type: 'search',
    placeholder: 'Path, method or operation',
    autocomplete: 'off',
  });
  const live = h('input', { id: 'calls-live', type: 'checkbox', checked: true });
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const el = [
    h(
      'div',
      { class: 'form-grid calls-filters' },
      field('calls-status', 'Status', status),
      field('calls-version', 'Version', version),
      field('calls-text', 'Filter', text),
    ),
    h(
      'div',
      { class: 'field-check' },
      live,
      h('label', { for: 'calls-live' }, 'Show new calls as they arrive'),
    ),
  ];
  return { status, version, text, live, el };
}

export async function callsView(api, token) {
  const { data } = await client.getApi(api);
  if (token !== state.routeToken) return null;
  document.title = `${api} calls · specmock`;
  const controls = filterControls((data.versions || []).map((v) => v.version));
  const line = h('p', { class: 'muted', role: 'status', id: 'calls-status-line' }, 'Loading…');
  const list = h('div', { class: 'op-groups call-list', id: 'calls-list' });
  const empty = h('p', { class: 'muted', hidden: true, id: 'calls-empty' });
  const older = h('button', { type: 'button', class: 'btn btn-small', hidden: true }, 'Load older calls');
  const problem = h('div');

  const matches = (el) => {
    const q = controls.text.value.trim().toLowerCase();
    return !q || el.dataset.search.includes(q);
  };
  const changed = () => {
    const all = list.children.length;
    const shown = [...list.children].filter((el) => !el.hidden).length;
    empty.hidden = shown > 0;
    empty.textContent = all
      ? 'No call matches the filter.'
      : 'No calls yet. Call the mock (for example from a version’s try-it) and they appear here.';
    line.textContent = `${plural(shown, 'call')} shown${controls.live.checked ? ' · live' : ' · paused'}`;
  };
  const filters = () => ({
    ...(controls.status.value ? { status: controls.status.value } : {}),
    ...(controls.version.value ? { version: controls.version.value } : {}),
  });
  const feed = callsFeed({
    api,
    token,
    list,
    older,
    problem,
    filters,
    matches,
    changed,
    live: () => controls.live.checked,
  });

  controls.status.addEventListener('change', feed.reload);
  controls.version.addEventListener('change', feed.reload);
  controls.text.addEventListener('input', () => {
    for (const el of list.children) el.hidden = !matches(el);
    changed();
  });
  controls.live.addEventListener('change', changed);
  older.addEventListener('click', feed.loadOlder);
  await feed.reload();
  feed.start();

  return h(
    'div',
    { class: 'card' },
    ...apiPageHead({
      api,
      apiLink: apiHref(api),
      page: 'Calls',
      title: `Calls to ${api}`,
      sibling: { href: pageHref('behaviour', api), label: 'Behaviour' },
    }),
    h(
      'p',
      { class: 'muted' },
      'The last 1,000 calls of the past 7 days, newest first. Credentials are redacted before they are stored.',
    ),
    controls.el,
    line,
    problem,
    empty,
    list,
    h('div', { class: 'actions' }, older),
  );
}
