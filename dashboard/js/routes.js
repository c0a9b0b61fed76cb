// The hash routes: #/, #/apis/{api}[/{version}], and an API's #/calls/{api}, #/behaviour/{api},
// #/webhooks/{api} and #/compare/{api}[/{from}/{to}].
import { state } from './session.js';

const API_PAGES = ['calls', 'behaviour', 'webhooks', 'compare'];

export function currentRoute() {
  const parts = location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts[0] === 'apis' && parts[1]) return { api: parts[1], version: parts[2] || null, page: null };
  if (API_PAGES.includes(parts[0]) && parts[1])
    return { api: parts[1], version: null, page: parts[0], rest: parts.slice(2) };
  return { api: null, version: null, page: null };
}

export function pageHref(page, api) {
  return `#/${page}/${encodeURIComponent(api)}`;
}

export function apiHref(api, version) {
  return `#/apis/${encodeURIComponent(api)}${version ? `/${encodeURIComponent(version)}` : ''}`;
}

/**
 * Go to a route. The hashchange listener (app.js) renders it; for the route already shown the event
 * is sent by hand, so the views that navigate never import the router that imports them.
 */
export function navigate(hash, { focus = true } = {}) {
  state.nextFocus = focus;
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
