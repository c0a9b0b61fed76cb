import { h, $ } from './dom.js';
import { state } from './session.js';
import { errorNotice } from './feedback.js';
import { handleAuthError } from './forget-key.js';
import { currentRoute, apiHref } from './routes.js';
import { renderApisNav } from './apis-nav.js';
import { viewHeading } from './view-parts.js';
import { homeView, apiView } from './api-views.js';
import { versionView } from './version-view.js';
import { callsView } from './calls-view.js';
import { behaviourView } from './behaviour-view.js';
import { compareView } from './compare-view.js';
import { placePublish } from './upload-result.js';
import { webhooksView } from './webhooks-view.js';

export async function route() {
  const token = ++state.routeToken;
  const view = $('#view');
  renderApisNav();
  if (!state.key) return;
  const { api, version, page, rest } = currentRoute();
  // The publish form is the home view's; on a phone an API's pages come before the list of APIs.
  placePublish(!api);
  $('#app').dataset.page = api ? 'api' : 'home';
  if (!api) {
    document.title = 'specmock dashboard';
    view.replaceChildren(homeView());
    return;
  }
  view.setAttribute('aria-busy', 'true');
  const routeId = `${page || 'apis'}/${api}/${version || ''}/${(rest || []).join('/')}`;
  if (!view.firstChild || view.dataset.route !== routeId) {
    view.replaceChildren(h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading…')));
  }
  try {
    const el =
      page === 'calls'
        ? await callsView(api, token)
        : page === 'behaviour'
          ? await behaviourView(api, token)
          : page === 'webhooks'
            ? await webhooksView(api, token)
            : page === 'compare'
              ? await compareView(api, token, rest)
              : version
                ? await versionView(api, version, token)
                : await apiView(api, token);
    if (!el) return;
    view.replaceChildren(el);
    view.dataset.route = routeId;
    if (state.focusView) $('.view-title', view)?.focus();
  } catch (err) {
    if (token !== state.routeToken) return;
    handleAuthError(err);
    view.dataset.route = '';
    if (err.status === 404) {
      view.replaceChildren(
        h(
          'div',
          { class: 'card' },
          viewHeading(version ? 'Version not found' : 'API not found'),
          h(
            'p',
            null,
            version
              ? `${api} has no version ${version}; it may have been deleted.`
              : `There is no API named ${api}, or it was deleted.`,
          ),
          h(
            'a',
            { href: version ? apiHref(api) : '#/', class: 'btn' },
            version ? `Back to ${api}` : 'Back to your APIs',
          ),
        ),
      );
    } else {
      view.replaceChildren(h('div', { class: 'card' }, errorNotice(err, route)));
    }
  } finally {
    view.removeAttribute('aria-busy');
    state.focusView = false;
  }
}
