// An API's webhooks and callbacks: what its latest version declares, a form that sends one to a URL
// now, the signing secret, and every delivery live with its attempts and the receiver's answers.
import { h, plural } from './dom.js';
import { state, client } from './session.js';
import { apiHref, pageHref } from './routes.js';
import { apiPageHead } from './view-parts.js';
import { webhookSendForm } from './webhook-send-form.js';
import { webhookSecretPanel } from './webhook-secret.js';
import { deliveriesFeed } from './deliveries-feed.js';

/** The version metadata's `webhooks` as rows: name (what "send" takes), kind, method, target. */
function hooksOf(version) {
  const raw = Array.isArray(version?.webhooks) ? version.webhooks : [];
  return raw.map((w) => ({
    name: w.name,
    kind: w.kind === 'callback' ? 'callback' : 'webhook',
    method: String(w.method || 'post').toUpperCase(),
    target: w.kind === 'callback' ? w.expression || w.url || '' : '',
    operation: w.operation,
    example: w.example,
  }));
}

function hookTable(hooks, latest) {
  if (!hooks.length)
    return h(
      'p',
      { class: 'muted', id: 'hooks-none' },
      `${latest ? `Version ${latest}` : 'This API'} declares no webhooks (OpenAPI 3.1) or callbacks.`,
    );
  return h(
    'ul',
    { class: 'hook-list', id: 'hooks-list' },
    hooks.map((hk) =>
      h(
        'li',
        { class: 'hook-row', 'data-name': hk.name },
        h('span', { class: 'tag' }, hk.kind),
        h('span', { class: `method method-${hk.method.toLowerCase()}` }, hk.method),
        h('code', { class: 'hook-name' }, hk.name),
        hk.target ? h('code', { class: 'muted hook-target' }, hk.target) : null,
        hk.operation ? h('span', { class: 'muted' }, `after ${hk.operation}`) : null,
      ),
    ),
  );
}

function statusFilter() {
  return h(
    'select',
    { id: 'deliveries-status', class: 'input' },
    [
      ['', 'Any status'],
      ['delivered', 'Delivered'],
      ['pending', 'Pending or retrying'],
      ['failed', 'Failed'],
    ].map(([value, label]) => h('option', { value }, label)),
  );
}

export async function webhooksView(api, token) {
  const { data } = await client.getApi(api);
  if (token !== state.routeToken) return null;
  const versions = (data.versions || []).map((v) => v.version);
  const latest = data.latest ? (await client.getVersion(api, data.latest)).data : null;
  if (token !== state.routeToken) return null;
  document.title = `${api} webhooks · specmock`;
  const hooks = hooksOf(latest);

  const list = h('div', { class: 'op-groups call-list', id: 'deliveries-list' });
  const line = h('p', { class: 'muted', role: 'status', id: 'deliveries-line' }, 'Loading…');
  const problem = h('div');
  const status = statusFilter();
  const feed = deliveriesFeed({
    api,
    token,
    list,
    problem,
    filters: () => (status.value ? { status: status.value } : {}),
    changed: () => {
      const n = list.children.length;
      line.textContent = n
        ? `${plural(n, 'delivery', 'deliveries')} · live`
        : 'No deliveries yet. Send one above, or call an operation that declares a callback.';
    },
  });
  status.addEventListener('change', feed.reload);
  await feed.reload();
  feed.start();

  return h(
    'div',
    { class: 'card' },
    ...apiPageHead({
      api,
      apiLink: apiHref(api),
      page: 'Webhooks',
      title: `Webhooks of ${api}`,
      sibling: { href: pageHref('calls', api), label: 'Calls' },
    }),
    h('h3', { class: 'subhead' }, 'Webhooks and callbacks'),
    hookTable(hooks, data.latest),
    h('h3', { class: 'subhead' }, 'Send a test delivery'),
    webhookSendForm({
      api,
      hooks,
      versions,
      onSent: () => feed.poll(),
      lastUrl: list.firstElementChild?.dataset.url ?? '',
    }),
    webhookSecretPanel(api, data.webhookSecret),
    h('h3', { class: 'subhead' }, 'Deliveries'),
    h(
      'div',
      { class: 'field deliveries-filter' },
      h('label', { for: 'deliveries-status' }, 'Status'),
      status,
    ),
    line,
    problem,
    list,
  );
}
