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

function controls(versions) {
  return {
    statusSel: h(
      'select',
      { id: 'calls-status', class: 'input' },
      [
        ['', 'Any status'],
        ['2xx', '2xx success'],
        ['4xx', '4xx refused'],
        ['5xx', '5xx error'],
      ].map(([value, label]) => h('option', { value }, label)),
    ),
    versionSel: h(
      'select',
      { id: 'calls-version', class: 'input' },
      h('option', { value: '' }, 'Any version'),
      versions.map((v) => h('option', { value: v }, v)),
    ),
    text: h('input', {
      id: 'calls-text',
      class: 'input',
      type: 'search',
      placeholder: 'Path, method or operation',
      autocomplete: 'off',
    }),
    live: h('input', { id: 'calls-live', type: 'checkbox', checked: true }),
    status: h('p', { class: 'muted', role: 'status', id: 'calls-status-line' }, 'Loading…'),
    list: h('div', { class: 'op-groups call-list', id: 'calls-list' }),
    empty: h('p', { class: 'muted', hidden: true, id: 'calls-empty' }),
    older: h('button', { type: 'button', class: 'btn btn-small', hidden: true }, 'Load older calls'),
    problem: h('div'),
  };
}

// The feed: the view's controls plus the ids that bound what is shown, and a generation that
// drops answers to a filter that has since changed.
function serverFilters({ ui }) {
  const p = {};
  if (ui.statusSel.value) p.status = ui.statusSel.value;
  if (ui.versionSel.value) p.version = ui.versionSel.value;
  return p;
}

function matchesText({ ui }, el) {
  const q = ui.text.value.trim().toLowerCase();
  return !q || el.dataset.search.includes(q);
}

function entry(feed, call) {
  const el = renderCall(call);
  el.dataset.search = [call.method, callTarget(call), call.operation || '', String(call.status)]
    .join(' ')
    .toLowerCase();
  el.hidden = !matchesText(feed, el);
  return el;
}

function refreshCounts({ ui }) {
  const all = ui.list.children.length;
  const shown = [...ui.list.children].filter((el) => !el.hidden).length;
  ui.empty.hidden = shown > 0;
  ui.empty.textContent = all
    ? 'No call matches the filter.'
    : 'No calls yet. Call the mock (for example from a version’s try-it) and they appear here.';
  ui.status.textContent = `${plural(shown, 'call')} shown${ui.live.checked ? ' · live' : ' · paused'}`;
}

function track(feed, calls) {
  for (const c of calls) {
    feed.newest = Math.max(feed.newest, Number(c.id));
    feed.oldest = Math.min(feed.oldest, Number(c.id));
  }
}

async function reload(feed) {
  const { ui } = feed;
  const mine = ++feed.generation;
  feed.newest = 0;
  feed.oldest = Infinity;
  try {
    const { data: page } = await client.requests(feed.api, { ...serverFilters(feed), limit: '50' });
    if (mine !== feed.generation) return;
    ui.problem.replaceChildren();
    ui.list.replaceChildren(...page.requests.map((c) => entry(feed, c)));
    track(feed, page.requests);
    ui.older.hidden = page.requests.length < 50;
  } catch (err) {
    ui.problem.replaceChildren(errorNotice(err, () => reload(feed)));
  }
  refreshCounts(feed);
}

async function loadOlder(feed) {
  const { ui } = feed;
  const mine = feed.generation;
  const { data: page } = await client.requests(feed.api, {
    ...serverFilters(feed),
    limit: '50',
    before: String(feed.oldest),
  });
  if (mine !== feed.generation) return;
  ui.list.append(...page.requests.map((c) => entry(feed, c)));
  track(feed, page.requests);
  ui.older.hidden = page.requests.length < 50;
  refreshCounts(feed);
}

async function poll(feed) {
  const { ui } = feed;
  if (feed.token !== state.routeToken || !ui.list.isConnected) return;
  const mine = feed.generation;
  if (ui.live.checked && !document.hidden) {
    try {
      const { data: page } = await client.requests(feed.api, {
        ...serverFilters(feed),
        after: String(feed.newest),
        limit: '200',
      });
      if (mine === feed.generation && page.requests.length) {
        ui.list.prepend(...page.requests.map((c) => entry(feed, c)));
        track(feed, page.requests);
        while (ui.list.children.length > MAX_SHOWN) ui.list.lastElementChild.remove();
        refreshCounts(feed);
        announce(`${plural(page.requests.length, 'new call')}`, 'info', { visual: false });
      }
      ui.problem.replaceChildren();
    } catch (err) {
      ui.problem.replaceChildren(errorNotice(err, () => reload(feed)));
    }
  }
  setTimeout(() => poll(feed), POLL_MS);
}

function bindFeed(feed) {
  const { ui } = feed;
  ui.statusSel.addEventListener('change', () => reload(feed));
  ui.versionSel.addEventListener('change', () => reload(feed));
  ui.text.addEventListener('input', () => {
    for (const el of ui.list.children) el.hidden = !matchesText(feed, el);
    refreshCounts(feed);
  });
  ui.live.addEventListener('change', () => refreshCounts(feed));
  ui.older.addEventListener('click', () =>
    loadOlder(feed).catch((err) => ui.problem.replaceChildren(errorNotice(err))),
  );
}

export async function callsView(api, token) {
  const { data } = await client.getApi(api);
  if (token !== state.routeToken) return null;
  document.title = `${api} calls · specmock`;
  const ui = controls((data.versions || []).map((v) => v.version));
  const feed = { api, token, ui, newest: 0, oldest: Infinity, generation: 0 };
  bindFeed(feed);
  await reload(feed);
  setTimeout(() => poll(feed), POLL_MS);
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
      h('div', { class: 'field' }, h('label', { for: 'calls-status' }, 'Status'), ui.statusSel),
      h('div', { class: 'field' }, h('label', { for: 'calls-version' }, 'Version'), ui.versionSel),
      h('div', { class: 'field' }, h('label', { for: 'calls-text' }, 'Filter'), ui.text),
    ),
    h(
      'div',
      { class: 'field-check' },
      ui.live,
      h('label', { for: 'calls-live' }, 'Show new calls as they arrive'),
    ),
    ui.status,
    ui.problem,
    ui.empty,
    ui.list,
    h('div', { class: 'actions' }, ui.older),
  );
}
