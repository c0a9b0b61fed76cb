// An API's mock calls, live. New calls arrive by polling `?after=<newest id>` every two seconds
// while the view is open and the tab visible: one cheap indexed query on the API's log object per
// tick, nothing held open (an SSE or WebSocket stream from the Durable Object would keep it awake
// and billed for as long as a tab is open, and a plain poll works through every proxy).
import { h, announce, plural } from './dom.js';
import { state, client } from './session.js';
import { errorNotice } from './feedback.js';
import { apiHref, pageHref } from './routes.js';
import { breadcrumbs, viewHeading } from './view-parts.js';
import { renderCall, callTarget } from './call-entry.js';

const POLL_MS = 2000;
const MAX_SHOWN = 500;

export async function callsView(api, token) {
  const { data } = await client.getApi(api);
  if (token !== state.routeToken) return null;
  document.title = `${api} calls · specmock`;
  const versions = (data.versions || []).map((v) => v.version);

  const statusSel = h(
    'select',
    { id: 'calls-status', class: 'input' },
    [
      ['', 'Any status'],
      ['2xx', '2xx success'],
      ['4xx', '4xx refused'],
      ['5xx', '5xx error'],
    ].map(([value, label]) => h('option', { value }, label)),
  );
  const versionSel = h(
    'select',
    { id: 'calls-version', class: 'input' },
    h('option', { value: '' }, 'Any version'),
    versions.map((v) => h('option', { value: v }, v)),
  );
  const text = h('input', {
    id: 'calls-text',
    class: 'input',
    type: 'search',
    placeholder: 'Path, method or operation',
    autocomplete: 'off',
  });
  const live = h('input', { id: 'calls-live', type: 'checkbox', checked: true });
  const status = h('p', { class: 'muted', role: 'status', id: 'calls-status-line' }, 'Loading…');
  const list = h('div', { class: 'op-groups call-list', id: 'calls-list' });
  const empty = h('p', { class: 'muted', hidden: true, id: 'calls-empty' });
  const older = h('button', { type: 'button', class: 'btn btn-small', hidden: true }, 'Load older calls');
  const problem = h('div');

  let newest = 0;
  let oldest = Infinity;
  let generation = 0;

  const serverFilters = () => {
    const p = {};
    if (statusSel.value) p.status = statusSel.value;
    if (versionSel.value) p.version = versionSel.value;
    return p;
  };
  const matchesText = (el) => {
    const q = text.value.trim().toLowerCase();
    return !q || el.dataset.search.includes(q);
  };
  const entry = (call) => {
    const el = renderCall(call);
    el.dataset.search = [call.method, callTarget(call), call.operation || '', String(call.status)]
      .join(' ')
      .toLowerCase();
    el.hidden = !matchesText(el);
    return el;
  };
  const refreshCounts = () => {
    const all = list.children.length;
    const shown = [...list.children].filter((el) => !el.hidden).length;
    empty.hidden = shown > 0;
    empty.textContent = all
      ? 'No call matches the filter.'
      : 'No calls yet. Call the mock (for example from a version’s try-it) and they appear here.';
    status.textContent = `${plural(shown, 'call')} shown${live.checked ? ' · live' : ' · paused'}`;
  };
  const track = (calls) => {
    for (const c of calls) {
      newest = Math.max(newest, Number(c.id));
      oldest = Math.min(oldest, Number(c.id));
    }
  };

  async function reload() {
    const mine = ++generation;
    newest = 0;
    oldest = Infinity;
    try {
      const { data: page } = await client.requests(api, { ...serverFilters(), limit: '50' });
      if (mine !== generation) return;
      problem.replaceChildren();
      list.replaceChildren(...page.requests.map(entry));
      track(page.requests);
      older.hidden = page.requests.length < 50;
    } catch (err) {
      problem.replaceChildren(errorNotice(err, reload));
    }
    refreshCounts();
  }

  async function loadOlder() {
    const mine = generation;
    const { data: page } = await client.requests(api, {
      ...serverFilters(),
      limit: '50',
      before: String(oldest),
    });
    if (mine !== generation) return;
    list.append(...page.requests.map(entry));
    track(page.requests);
    older.hidden = page.requests.length < 50;
    refreshCounts();
  }

  async function poll() {
    if (token !== state.routeToken || !list.isConnected) return;
    const mine = generation;
    if (live.checked && !document.hidden) {
      try {
        const { data: page } = await client.requests(api, {
          ...serverFilters(),
          after: String(newest),
          limit: '200',
        });
        if (mine === generation && page.requests.length) {
          list.prepend(...page.requests.map(entry));
          track(page.requests);
          while (list.children.length > MAX_SHOWN) list.lastElementChild.remove();
          refreshCounts();
          announce(`${plural(page.requests.length, 'new call')}`, 'info', { visual: false });
        }
        problem.replaceChildren();
      } catch (err) {
        problem.replaceChildren(errorNotice(err, reload));
      }
    }
    setTimeout(poll, POLL_MS);
  }

  statusSel.addEventListener('change', reload);
  versionSel.addEventListener('change', reload);
  text.addEventListener('input', () => {
    for (const el of list.children) el.hidden = !matchesText(el);
    refreshCounts();
  });
  live.addEventListener('change', refreshCounts);
  older.addEventListener('click', () =>
    loadOlder().catch((err) => problem.replaceChildren(errorNotice(err))),
  );

  await reload();
  setTimeout(poll, POLL_MS);

  return h(
    'div',
    { class: 'card' },
    breadcrumbs([
      ['APIs', '#/'],
      [api, apiHref(api)],
      ['Calls', null],
    ]),
    viewHeading(
      `Calls to ${api}`,
      h(
        'span',
        { class: 'head-actions' },
        h('a', { class: 'btn btn-small', href: pageHref('behaviour', api) }, 'Behaviour'),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      'The last 1,000 calls of the past 7 days, newest first. Credentials are redacted before they are stored.',
    ),
    h(
      'div',
      { class: 'form-grid calls-filters' },
      h('div', { class: 'field' }, h('label', { for: 'calls-status' }, 'Status'), statusSel),
      h('div', { class: 'field' }, h('label', { for: 'calls-version' }, 'Version'), versionSel),
      h('div', { class: 'field' }, h('label', { for: 'calls-text' }, 'Filter'), text),
    ),
    h(
      'div',
      { class: 'field-check' },
      live,
      h('label', { for: 'calls-live' }, 'Show new calls as they arrive'),
    ),
    status,
    problem,
    empty,
    list,
    h('div', { class: 'actions' }, older),
  );
}
