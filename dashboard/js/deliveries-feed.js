// The deliveries list's data: the first page, then new deliveries by polling `?after=<newest>` every
// two seconds while the view is open and the tab visible (as the calls feed does), and the ones
// still being retried read again each tick until they settle, so new attempts show up in place.
import { announce, plural } from './dom.js';
import { state } from './session.js';
import { hooksApi } from './webhooks-api.js';
import { errorNotice, friendly } from './feedback.js';
import { renderDelivery, isPending } from './delivery-entry.js';

const POLL_MS = 2000;
const PAGE = 50;
const MAX_SHOWN = 300;

const cursorOf = (d) => String(d.seq ?? d.id);

/** Drives `list`; `filters()` gives the server-side filters, `changed()` runs after every change. */
export function deliveriesFeed({ api, token, list, problem, filters, changed }) {
  let cursor;
  let generation = 0;
  const open = new Set();

  const redeliver = async (delivery, button) => {
    button.disabled = true;
    try {
      const { data } = await hooksApi.redeliver(api, delivery.id);
      announce(`Sending ${delivery.name} again (${data.id})`);
      await poll({ once: true });
    } catch (err) {
      announce(`Could not redeliver. ${friendly(err)}`, 'error');
    } finally {
      button.disabled = false;
    }
  };
  const entry = (d) => {
    if (isPending(d)) open.add(d.id);
    else open.delete(d.id);
    return renderDelivery(d, { onRedeliver: redeliver });
  };
  /** Replaces a shown delivery by its newer state, keeping it expanded if it was. */
  const update = (d) => {
    const old = [...list.children].find((el) => el.dataset.id === d.id);
    const el = entry(d);
    if (!old) return list.prepend(el);
    el.open = old.open;
    old.replaceWith(el);
  };
  const show = (err, retry) => problem.replaceChildren(err ? errorNotice(err, retry) : '');

  async function reload() {
    const mine = ++generation;
    cursor = undefined;
    open.clear();
    try {
      const { data } = await hooksApi.deliveries(api, { ...filters(), limit: String(PAGE) });
      if (mine !== generation) return;
      show(null);
      const page = data.deliveries || [];
      list.replaceChildren(...page.map(entry));
      if (page.length) cursor = cursorOf(page[0]);
    } catch (err) {
      show(err, reload);
    }
    changed();
  }

  async function poll({ once = false } = {}) {
    if (token !== state.routeToken || !list.isConnected) return;
    const mine = generation;
    if (once || !document.hidden) {
      try {
        const params = { ...filters(), limit: '200', ...(cursor ? { after: cursor } : {}) };
        const { data } = await hooksApi.deliveries(api, params);
        const fresh = data.deliveries || [];
        if (mine === generation) {
          if (fresh.length) cursor = cursorOf(fresh[0]);
          for (const d of [...fresh].reverse()) update(d);
          const seen = new Set(fresh.map((d) => d.id));
          for (const id of [...open].filter((i) => !seen.has(i)))
            update((await hooksApi.delivery(api, id)).data);
          while (list.children.length > MAX_SHOWN) list.lastElementChild.remove();
          if (fresh.length)
            announce(plural(fresh.length, 'new delivery', 'new deliveries'), 'info', { visual: false });
          changed();
        }
        show(null);
      } catch (err) {
        show(err, reload);
      }
    }
    if (!once) setTimeout(poll, POLL_MS);
  }

  return { reload, poll: () => poll({ once: true }), start: () => setTimeout(poll, POLL_MS) };
}
