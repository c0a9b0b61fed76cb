// The calls list's data: first page, older pages, and new calls by polling `?after=<newest id>`
// every two seconds while the view is open and the tab visible. One cheap indexed query on the
// API's log object per tick and nothing held open: an SSE or WebSocket stream from the Durable
// Object would keep it awake and billed for as long as a tab is open; a plain poll works through
// every proxy.
import { announce, plural } from './dom.js';
import { state, client } from './session.js';
import { errorNotice } from './feedback.js';
import { renderCall, callTarget } from './call-entry.js';

const POLL_MS = 2000;
const PAGE = 50;
const MAX_SHOWN = 500;

/**
 * Drives `list` (a container of call entries). `filters()` gives the server-side filters,
 * `matches(el)` the client-side text filter, `changed()` is called after every change.
 */
export function callsFeed({ api, token, list, older, problem, filters, matches, changed, live }) {
  let newest = 0;
  let oldest = Infinity;
  let generation = 0;

  const entry = (call) => {
    const el = renderCall(call);
    el.dataset.search = [call.method, callTarget(call), call.operation || '', String(call.status)]
      .join(' ')
      .toLowerCase();
    el.hidden = !matches(el);
    return el;
  };
  const track = (calls) => {
    for (const c of calls) {
      newest = Math.max(newest, Number(c.id));
      oldest = Math.min(oldest, Number(c.id));
    }
  };
  const show = (err, retry) => problem.replaceChildren(err ? errorNotice(err, retry) : '');

  async function reload() {
    const mine = ++generation;
    newest = 0;
    oldest = Infinity;
    try {
      const { data } = await client.requests(api, { ...filters(), limit: String(PAGE) });
      if (mine !== generation) return;
      show(null);
      list.replaceChildren(...data.requests.map(entry));
      track(data.requests);
      older.hidden = data.requests.length < PAGE;
    } catch (err) {
      show(err, reload);
    }
    changed();
  }

  async function loadOlder() {
    const mine = generation;
    try {
      const params = { ...filters(), limit: String(PAGE), before: String(oldest) };
      const { data } = await client.requests(api, params);
      if (mine !== generation) return;
      list.append(...data.requests.map(entry));
      track(data.requests);
      older.hidden = data.requests.length < PAGE;
    } catch (err) {
      show(err, loadOlder);
    }
    changed();
  }

  async function poll() {
    if (token !== state.routeToken || !list.isConnected) return;
    const mine = generation;
    if (live() && !document.hidden) {
      try {
        const params = { ...filters(), after: String(newest), limit: '200' };
        const { data } = await client.requests(api, params);
        if (mine === generation && data.requests.length) {
          list.prepend(...data.requests.map(entry));
          track(data.requests);
          while (list.children.length > MAX_SHOWN) list.lastElementChild.remove();
          changed();
          announce(plural(data.requests.length, 'new call'), 'info', { visual: false });
        }
        show(null);
      } catch (err) {
        show(err, reload);
      }
    }
    setTimeout(poll, POLL_MS);
  }

  return {
    reload,
    loadOlder,
    start: () => setTimeout(poll, POLL_MS),
  };
}
