import { h, $, plural } from './dom.js';
import { state, client } from './session.js';
import { errorNotice } from './feedback.js';
import { handleAuthError } from './forget-key.js';
import { currentRoute, apiHref } from './routes.js';

export async function loadApis() {
  const nav = $('#apis-nav');
  try {
    const { data } = await client.listApis();
    state.apis = Array.isArray(data?.apis) ? data.apis : [];
    renderApisNav();
  } catch (err) {
    handleAuthError(err);
    nav.replaceChildren(errorNotice(err, loadApis));
  }
}

export function renderApisNav() {
  const nav = $('#apis-nav');
  const { api: current } = currentRoute();
  if (state.apis.length === 0) {
    nav.replaceChildren(h('p', { class: 'muted' }, 'No APIs yet. Publish a spec to create one.'));
    return;
  }
  const sorted = [...state.apis].sort((a, b) =>
    String(b.updatedAt || '').localeCompare(String(a.updatedAt || '')),
  );
  nav.replaceChildren(
    h(
      'ul',
      { class: 'api-list' },
      sorted.map((a) =>
        h(
          'li',
          null,
          h(
            'a',
            { href: apiHref(a.api), class: 'api-link', 'aria-current': a.api === current ? 'page' : false },
            h('span', { class: 'api-name' }, a.api),
            h(
              'span',
              { class: 'muted api-meta' },
              `${a.latest ? `latest ${a.latest}` : 'no versions'} · ${plural(a.versions, 'version')}`,
            ),
          ),
        ),
      ),
    ),
  );
}
