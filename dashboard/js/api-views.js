// The home view and one API's view (its versions).
import { h, formatDate, plural } from './dom.js';
import { state, client } from './session.js';
import { apiHref, pageHref } from './routes.js';
import { accessPanel } from './access-panel.js';
import { urlRow, codeBlock, viewHeading, breadcrumbs } from './view-parts.js';
import { deleteApi, deleteVersion } from './delete-actions.js';
import { sandboxesPanel } from './sandboxes-panel.js';

export function homeView() {
  const origin = location.origin;
  const publish = `curl -X PUT \\\n  -H "Authorization: Bearer $SPECMOCK_KEY" \\\n  -H "Content-Type: application/yaml" \\\n  --data-binary @openapi.yaml \\\n  ${origin}/v1/apis/my-api/versions/1.0.0`;
  return h(
    'div',
    { class: 'card' },
    viewHeading(state.apis.length ? 'Choose an API' : 'No APIs yet'),
    h(
      'p',
      null,
      state.apis.length
        ? 'Pick an API from the list to see its versions, mock URLs and operations, or publish a new spec above.'
        : 'Publish your first spec above. You get a mock URL right away.',
    ),
    h('h3', { class: 'subhead' }, 'Publish from CI'),
    h(
      'p',
      { class: 'muted' },
      'Re-publishing identical content is a no-op (HTTP 200), so a pipeline can publish on every run.',
    ),
    codeBlock('curl', publish),
  );
}

export async function apiView(api, token) {
  const { data } = await client.getApi(api);
  if (token !== state.routeToken) return null;
  const versions = Array.isArray(data.versions) ? data.versions : [];
  document.title = `${api} · specmock`;
  const del = h('button', { type: 'button', class: 'btn btn-danger btn-small' }, 'Delete API');
  del.addEventListener('click', () => deleteApi(api));
  return h(
    'div',
    { class: 'card' },
    breadcrumbs([
      ['APIs', '#/'],
      [api, null],
    ]),
    viewHeading(api, del),
    h(
      'nav',
      { class: 'actions api-pages', 'aria-label': `${api} tools` },
      h('a', { class: 'btn btn-small', href: pageHref('calls', api) }, 'Calls (live log)'),
      h('a', { class: 'btn btn-small', href: pageHref('behaviour', api) }, 'Behaviour: latency and errors'),
      h('a', { class: 'btn btn-small', href: pageHref('webhooks', api) }, 'Webhooks and deliveries'),
      versions.length > 1
        ? h('a', { class: 'btn btn-small', href: pageHref('compare', api) }, 'Compare versions')
        : null,
    ),
    data.latestUrl ? urlRow('Latest URL', data.latestUrl) : null,
    data.visibility ? accessPanel(api, data) : null,
    h('h3', { class: 'subhead' }, plural(versions.length, 'version')),
    versions.length === 0
      ? h('p', { class: 'muted' }, 'No versions.')
      : h(
          'ul',
          { class: 'version-list' },
          versions.map((v) => {
            const delV = h(
              'button',
              {
                type: 'button',
                class: 'btn btn-small btn-ghost btn-danger-text',
                'aria-label': `Delete version ${v.version}`,
              },
              'Delete',
            );
            delV.addEventListener('click', () => deleteVersion(api, v.version, versions.length));
            return h(
              'li',
              { class: 'version-row' },
              h(
                'span',
                { class: 'version-main' },
                h('a', { href: apiHref(api, v.version), class: 'version-link' }, v.version),
                v.version === data.latest ? h('span', { class: 'tag' }, 'latest') : null,
              ),
              h('span', { class: 'muted version-title' }, v.title || ''),
              h(
                'span',
                { class: 'muted version-meta' },
                h('time', { datetime: v.createdAt }, formatDate(v.createdAt)),
                ` · ${plural(v.operations, 'operation')}`,
              ),
              delV,
            );
          }),
        ),
    sandboxesPanel(api, data.latest),
  );
}
