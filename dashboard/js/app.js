import { h, $, clear, announce, copyButton, copyText, formatDate, formatNumber, formatBytes } from './dom.js';
import { createClient } from './api.js';
import { guessFromText, detectContentType, isValidApiName, isValidVersion, nextFreeVersion } from './spec-guess.js';
import { renderUsage } from './usage.js';
import { renderOperation, initialValue, buildPath, credentialLines } from './tryit.js';

const KEY_STORAGE = 'specmock.key';

function loadKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}
function saveKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    /* private mode: keep it in memory only */
  }
}

const state = {
  key: loadKey(),
  apis: [],
  routeToken: 0,
  focusView: false,
  upload: { file: null, fileText: '', nameDirty: false, versionDirty: false },
};
const client = createClient(() => state.key);

// ---------------------------------------------------------------- friendly errors

function retryAfter(err) {
  const v = err.headers?.get?.('retry-after');
  return v ? ` Try again in ${v} s.` : ' Try again in a moment.';
}

/** One sentence a person can act on. */
function friendly(err) {
  if (!err || err.kind === 'network') {
    return "Can't reach specmock right now. Check your connection or that the service is running, then try again.";
  }
  const p = err.problem || {};
  switch (err.status) {
    case 401:
      return 'This API key was not accepted. Forget it, then create or paste another one.';
    case 429:
      return `Rate limit reached: ${p.detail || 'too many requests.'}${retryAfter(err)}`;
    default:
      if (err.status >= 500) return `specmock ran into a problem (HTTP ${err.status}). ${p.detail || ''} Try again in a moment.`.trim();
      return [p.title, p.detail].filter(Boolean).join(': ') || `Request failed with HTTP ${err.status}.`;
  }
}

function errorNotice(err, retry) {
  return h('div', { class: 'notice notice-error', role: 'alert' },
    h('p', null, friendly(err)),
    retry ? h('button', { type: 'button', class: 'btn btn-small', onclick: retry }, 'Try again') : null);
}

function showBanner(message, actions = []) {
  const banner = $('#banner');
  banner.replaceChildren(h('p', null, message), ...actions);
  banner.hidden = false;
}
function hideBanner() {
  $('#banner').hidden = true;
}

function handleAuthError(err) {
  if (err?.status === 401) {
    showBanner('Your API key was not accepted. It may have been deleted or mistyped.', [
      h('button', { type: 'button', class: 'btn btn-small', onclick: forgetKey }, 'Forget this key'),
    ]);
    return true;
  }
  return false;
}

/** Problem details: title, detail and each errors[] entry with where it is. */
function renderProblem(problem, sourceText) {
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  const lines = sourceText ? sourceText.split(/\r?\n/) : null;
  return h('div', { class: 'problem' },
    h('p', { class: 'problem-title' }, h('strong', null, problem.title || 'Rejected'), problem.status ? h('span', { class: 'muted' }, ` (HTTP ${problem.status})`) : null),
    problem.detail && !(errors.length === 1 && errors[0].message && problem.detail.includes(errors[0].message))
      ? h('p', { class: 'problem-detail' }, problem.detail)
      : null,
    errors.length
      ? h('ul', { class: 'problem-errors' }, errors.slice(0, 50).map((e) => {
        const where = [];
        if (e.pointer !== undefined) where.push(h('code', { class: 'pointer' }, e.pointer || '/'));
        if (e.line) where.push(h('span', { class: 'loc' }, `line ${e.line}${e.column ? `, column ${e.column}` : ''}`));
        if (Array.isArray(e.location) && e.location.length) where.push(h('span', { class: 'loc' }, e.location.join('.')));
        let excerpt = null;
        if (lines && e.line && lines[e.line - 1] !== undefined) {
          // The target line with up to two lines before it, and a caret under the column.
          const from = Math.max(1, e.line - 2);
          const context = [];
          for (let n = from; n <= e.line; n++) context.push(`${String(n).padStart(4)} | ${lines[n - 1].slice(0, 200)}`);
          if (context.some((l) => l.slice(7).trim())) {
            excerpt = h('pre', { class: 'excerpt' }, h('code', null,
              context.join('\n'),
              e.column ? `\n       ${' '.repeat(Math.min(e.column - 1, 200))}^` : ''));
          }
        }
        return h('li', null, where.length ? h('span', { class: 'where' }, where) : null, h('span', { class: 'msg' }, e.message || ''), excerpt);
      }))
      : null,
    errors.length > 50 ? h('p', { class: 'muted' }, `…and ${errors.length - 50} more.`) : null);
}

// ---------------------------------------------------------------- confirmation dialog

function confirmDialog({ title, text, ok = 'Delete' }) {
  const dialog = $('#confirm-dialog');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  $('#confirm-ok').textContent = ok;
  dialog.returnValue = '';
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      if (opener && opener.isConnected) opener.focus();
    }, { once: true });
    dialog.showModal();
  });
}

// ---------------------------------------------------------------- key

function maskKey(key) {
  return key.length > 12 ? `${key.slice(0, 6)}…${key.slice(-4)}` : '•'.repeat(Math.min(key.length, 8));
}

function setKey(key) {
  state.key = key;
  saveKey(key);
}

function forgetKey() {
  setKey('');
  state.apis = [];
  hideBanner();
  $('#new-key-notice').hidden = true;
  clear($('#upload-result'));
  clear($('#view'));
  announce('Key forgotten');
  location.hash = '#/';
  showOnboarding();
}

function showOnboarding() {
  $('#app').hidden = true;
  $('#key-chip').hidden = true;
  $('#onboarding').hidden = false;
  document.title = 'specmock dashboard';
}

async function enterApp() {
  $('#onboarding').hidden = true;
  $('#app').hidden = false;
  $('#key-chip').hidden = false;
  $('#key-masked').textContent = maskKey(state.key);
  await Promise.all([loadApis(), loadUsage()]);
  await route();
}

function bindKey() {
  const status = $('#onboarding-status');
  $('#create-key').addEventListener('click', async (e) => {
    const btn = e.currentTarget;
    btn.disabled = true;
    status.textContent = 'Creating your key…';
    try {
      const { data } = await client.createKey();
      setKey(data.key);
      status.textContent = '';
      $('#new-key-value').textContent = data.key;
      $('#new-key-notice').hidden = false;
      announce('Key created');
      await enterApp();
      $('#new-key-copy').focus();
    } catch (err) {
      status.textContent = err.status === 403
        ? 'Sign-up is closed on this server. Ask an administrator for a key and paste it here.'
        : friendly(err);
    } finally {
      btn.disabled = false;
    }
  });

  $('#paste-key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('#paste-key');
    const errorEl = $('#paste-key-error');
    const key = input.value.trim();
    errorEl.hidden = true;
    input.removeAttribute('aria-invalid');
    if (!key) {
      errorEl.textContent = 'Paste your API key first.';
      errorEl.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const previous = state.key;
    state.key = key;
    status.textContent = 'Checking the key…';
    try {
      await client.usage();
      setKey(key);
      input.value = '';
      status.textContent = '';
      await enterApp();
    } catch (err) {
      state.key = previous;
      status.textContent = '';
      errorEl.textContent = err.status === 401 ? 'That key was not accepted. Check it and try again.' : friendly(err);
      errorEl.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });

  $('#key-forget').addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Forget this key?',
      text: 'The key is removed from this browser only. Your APIs stay published; paste the key again to manage them.',
      ok: 'Forget key',
    });
    if (ok) forgetKey();
  });
  $('#key-copy').addEventListener('click', async () => {
    const ok = await copyText(state.key);
    announce(ok ? 'Key copied' : 'Could not copy the key', ok ? 'info' : 'error');
  });
  $('#new-key-copy').addEventListener('click', async () => {
    const ok = await copyText(state.key);
    announce(ok ? 'Key copied' : 'Could not copy the key', ok ? 'info' : 'error');
  });
  $('#new-key-dismiss').addEventListener('click', () => {
    $('#new-key-notice').hidden = true;
  });
}

// ---------------------------------------------------------------- usage

let usageTimer = 0;
function refreshUsageSoon() {
  clearTimeout(usageTimer);
  usageTimer = setTimeout(loadUsage, 700);
}

async function loadUsage() {
  const box = $('#usage');
  try {
    const { data } = await client.usage();
    renderUsage(box, data);
  } catch (err) {
    handleAuthError(err);
    box.replaceChildren(errorNotice(err, loadUsage));
  }
}

// ---------------------------------------------------------------- API list

async function loadApis() {
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

function currentRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] === 'apis' && parts[1]) return { api: parts[1], version: parts[2] || null };
  return { api: null, version: null };
}

function apiHref(api, version) {
  return `#/apis/${encodeURIComponent(api)}${version ? `/${encodeURIComponent(version)}` : ''}`;
}

function renderApisNav() {
  const nav = $('#apis-nav');
  const { api: current } = currentRoute();
  if (state.apis.length === 0) {
    nav.replaceChildren(h('p', { class: 'muted' }, 'No APIs yet. Publish a spec to create one.'));
    return;
  }
  const sorted = [...state.apis].sort((a, b) => String(b.updatedAt || '').localeCompare(String(a.updatedAt || '')));
  nav.replaceChildren(h('ul', { class: 'api-list' }, sorted.map((a) => h('li', null,
    h('a', { href: apiHref(a.api), class: 'api-link', 'aria-current': a.api === current ? 'page' : false },
      h('span', { class: 'api-name' }, a.api),
      h('span', { class: 'muted api-meta' },
        `${a.latest ? `latest ${a.latest}` : 'no versions'} · ${formatNumber(a.versions)} version${a.versions === 1 ? '' : 's'}`))))));
}

// ---------------------------------------------------------------- views

function urlRow(label, url) {
  return h('div', { class: 'url-row' },
    h('span', { class: 'url-label' }, label),
    h('code', { class: 'url' }, url),
    copyButton(url, 'Copy', `${label.toLowerCase()}`));
}

function codeBlock(label, text) {
  return h('div', { class: 'code-block' },
    h('div', { class: 'code-block-bar' }, h('span', { class: 'muted' }, label), copyButton(text, 'Copy', `${label} snippet`)),
    h('pre', { class: 'code', tabindex: '0' }, h('code', null, text)));
}

function viewHeading(text, extra) {
  return h('div', { class: 'view-head' }, h('h2', { class: 'view-title', tabindex: '-1' }, text), extra);
}

function breadcrumbs(items) {
  return h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, h('ol', null, items.map(([label, href], i) =>
    h('li', null, href && i < items.length - 1 ? h('a', { href }, label) : h('span', { 'aria-current': 'page' }, label)))));
}

function homeView() {
  const origin = location.origin;
  const publish = `curl -X PUT \\\n  -H "Authorization: Bearer $SPECMOCK_KEY" \\\n  -H "Content-Type: application/yaml" \\\n  --data-binary @openapi.yaml \\\n  ${origin}/v1/apis/my-api/versions/1.0.0`;
  return h('div', { class: 'card' },
    viewHeading(state.apis.length ? 'Choose an API' : 'No APIs yet'),
    h('p', null, state.apis.length
      ? 'Pick an API from the list to see its versions, mock URLs and operations, or publish a new spec above.'
      : 'Publish your first spec above. You get a mock URL right away.'),
    h('h3', { class: 'subhead' }, 'Publish from CI'),
    h('p', { class: 'muted' }, 'Re-publishing identical content is a no-op (HTTP 200), so a pipeline can publish on every run.'),
    codeBlock('curl', publish));
}

async function apiView(api, token) {
  const { data } = await client.getApi(api);
  if (token !== state.routeToken) return null;
  const versions = Array.isArray(data.versions) ? data.versions : [];
  document.title = `${api} · specmock`;
  const del = h('button', { type: 'button', class: 'btn btn-danger btn-small' }, 'Delete API');
  del.addEventListener('click', () => deleteApi(api));
  return h('div', { class: 'card' },
    breadcrumbs([['APIs', '#/'], [api, null]]),
    viewHeading(api, del),
    data.latestUrl ? urlRow('Latest URL', data.latestUrl) : null,
    h('h3', { class: 'subhead' }, `Versions (${versions.length})`),
    versions.length === 0
      ? h('p', { class: 'muted' }, 'No versions.')
      : h('ul', { class: 'version-list' }, versions.map((v) => {
        const delV = h('button', { type: 'button', class: 'btn btn-small btn-ghost btn-danger-text', 'aria-label': `Delete version ${v.version}` }, 'Delete');
        delV.addEventListener('click', () => deleteVersion(api, v.version, versions.length));
        return h('li', { class: 'version-row' },
          h('span', { class: 'version-main' },
            h('a', { href: apiHref(api, v.version), class: 'version-link' }, v.version),
            v.version === data.latest ? h('span', { class: 'tag' }, 'latest') : null),
          h('span', { class: 'muted version-title' }, v.title || ''),
          h('span', { class: 'muted version-meta' },
            h('time', { datetime: v.createdAt }, formatDate(v.createdAt)),
            ` · ${formatNumber(v.operations)} operation${v.operations === 1 ? '' : 's'}`),
          delV);
      })));
}

function pickSnippetOperation(ops) {
  const simple = (o) => !(o.parameters || []).some((p) => p.in === 'path' || (p.required && p.in !== 'path'));
  return ops.find((o) => o.method === 'get' && simple(o)) || ops.find((o) => o.method === 'get') || ops[0];
}

function snippets(meta) {
  const ops = meta.operations || [];
  const op = pickSnippetOperation(ops);
  const base = meta.mockUrl.replace(/\/$/, '');
  let url = base;
  let method = 'GET';
  let hasBody = false;
  let example = '{}';
  let contentType = 'application/json';
  if (op) {
    const values = {};
    const query = new URLSearchParams();
    for (const p of op.parameters || []) {
      const v = initialValue(p);
      if (p.in === 'path') values[p.name] = v || '1';
      else if (p.in === 'query' && p.required && v) query.append(p.name, v);
    }
    const qs = query.toString();
    url = `${base}${buildPath(op.path, values)}${qs ? `?${qs}` : ''}`;
    method = op.method.toUpperCase();
    if (op.requestBody && method !== 'GET') {
      hasBody = true;
      example = JSON.stringify(op.requestBody.example ?? {});
      contentType = op.requestBody.contentType || contentType;
    }
  }
  const code = op ? (op.responses || []).find((r) => /^2\d\d$/.test(String(r.status)))?.status : undefined;
  const headers = [['Prefer', code ? `code=${code}, seed=1` : 'seed=1']];
  if (hasBody) headers.push(['Content-Type', contentType]);
  for (const line of op ? credentialLines(op, meta.securitySchemes) : []) {
    const i = line.indexOf(':');
    headers.push([line.slice(0, i), line.slice(i + 1).trim()]);
  }
  const q = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
  const curl = [`curl -i${method === 'GET' ? '' : ` -X ${method}`} ${q(url)}`];
  for (const [k, v] of headers) curl.push(`  -H ${q(`${k}: ${v}`)}`);
  if (hasBody) curl.push(`  --data-raw ${q(example)}`);
  const fetchLines = [
    `const res = await fetch(${JSON.stringify(url)}, {`,
    method === 'GET' ? null : `  method: '${method}',`,
    `  headers: { ${headers.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} },`,
    hasBody ? `  body: JSON.stringify(${example}),` : null,
    '});',
    'console.log(res.status, await res.json());',
  ].filter(Boolean);
  return [codeBlock('curl', curl.join(' \\\n')), codeBlock('fetch', fetchLines.join('\n'))];
}

function groupByTag(ops) {
  const groups = new Map();
  for (const op of ops) {
    const tag = Array.isArray(op.tags) && op.tags.length ? op.tags[0] : 'Other';
    if (!groups.has(tag)) groups.set(tag, []);
    groups.get(tag).push(op);
  }
  if (groups.has('Other') && groups.size > 1) {
    const other = groups.get('Other');
    groups.delete('Other');
    groups.set('Other', other);
  }
  return groups;
}

async function versionView(api, version, token) {
  const { data: meta } = await client.getVersion(api, version);
  if (token !== state.routeToken) return null;
  document.title = `${api} ${version} · specmock`;
  const ops = Array.isArray(meta.operations) ? meta.operations : [];
  const mockPath = () => new URL(meta.mockUrl, location.href).pathname.replace(/\/$/, '');
  const ctx = { mockPath, onSent: refreshUsageSoon, securitySchemes: meta.securitySchemes || null };

  const del = h('button', { type: 'button', class: 'btn btn-danger btn-small' }, 'Delete version');
  del.addEventListener('click', async () => {
    let count = 2;
    try {
      const { data } = await client.getApi(api);
      count = (data.versions || []).length;
    } catch {
      /* the confirmation still works */
    }
    deleteVersion(api, version, count);
  });

  const download = h('button', { type: 'button', class: 'btn btn-small' }, 'Download source');
  download.addEventListener('click', async () => {
    download.disabled = true;
    try {
      const { blob, contentType } = await client.source(api, version);
      const ext = /json/.test(contentType) ? 'json' : 'yaml';
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `${api}-${version}.${ext}`, class: 'visually-hidden' }, 'download');
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      announce(`Could not download the source. ${friendly(err)}`, 'error');
    } finally {
      download.disabled = false;
    }
  });

  const warnings = Array.isArray(meta.warnings) ? meta.warnings : [];
  const filterId = 'op-filter';
  const filter = h('input', { id: filterId, class: 'input', type: 'search', placeholder: 'Filter by path, method, summary or tag', autocomplete: 'off' });
  const groupsBox = h('div', { class: 'op-groups' });
  const groups = groupByTag(ops);
  for (const [tag, list] of groups) {
    groupsBox.append(h('section', { class: 'op-group', 'data-tag': tag },
      h('h4', { class: 'op-group-title' }, tag, h('span', { class: 'muted count' }, ` ${list.length}`)),
      list.map((op) => {
        const el = renderOperation(op, ctx);
        el.dataset.search = [op.method, op.path, op.summary, op.id, ...(op.tags || [])].join(' ').toLowerCase();
        return el;
      })));
  }
  const noMatch = h('p', { class: 'muted', hidden: true }, 'No operation matches the filter.');
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    let any = false;
    for (const group of groupsBox.querySelectorAll('.op-group')) {
      let visible = 0;
      for (const op of group.querySelectorAll('details.op')) {
        const show = !q || op.dataset.search.includes(q);
        op.hidden = !show;
        if (show) visible++;
      }
      group.hidden = visible === 0;
      if (visible) any = true;
    }
    noMatch.hidden = any;
  });

  return h('div', { class: 'card' },
    breadcrumbs([['APIs', '#/'], [api, apiHref(api)], [version, null]]),
    viewHeading(`${meta.title || api}`, h('span', { class: 'head-actions' }, download, del)),
    h('p', { class: 'meta muted' },
      h('span', { class: 'tag' }, version),
      ` ${meta.dialect || ''}`,
      meta.createdAt ? [' · published ', h('time', { datetime: meta.createdAt }, formatDate(meta.createdAt))] : null,
      ` · ${ops.length} operation${ops.length === 1 ? '' : 's'}`),
    meta.description ? h('p', { class: 'description' }, String(meta.description).slice(0, 600)) : null,
    h('div', { class: 'urls' }, urlRow('Mock URL', meta.mockUrl), meta.latestUrl ? urlRow('Latest URL', meta.latestUrl) : null),
    h('details', { class: 'snippets' }, h('summary', null, 'Snippets: curl and fetch'), h('div', { class: 'snippet-grid' }, snippets(meta))),
    warnings.length
      ? h('details', { class: 'warnings' },
        h('summary', null, `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`),
        h('ul', null, warnings.map((w) => h('li', null, w.pointer ? h('code', { class: 'pointer' }, w.pointer) : null, ' ', w.message))))
      : null,
    h('h3', { class: 'subhead' }, 'Operations'),
    ops.length ? h('div', { class: 'field op-filter' }, h('label', { for: filterId }, 'Filter operations'), filter) : h('p', { class: 'muted' }, 'This spec defines no operations.'),
    noMatch,
    groupsBox);
}

async function route() {
  const token = ++state.routeToken;
  const view = $('#view');
  renderApisNav();
  if (!state.key) return;
  const { api, version } = currentRoute();
  if (!api) {
    document.title = 'specmock dashboard';
    view.replaceChildren(homeView());
    return;
  }
  view.setAttribute('aria-busy', 'true');
  if (!view.firstChild || view.dataset.route !== `${api}/${version || ''}`) {
    view.replaceChildren(h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading…')));
  }
  try {
    const el = version ? await versionView(api, version, token) : await apiView(api, token);
    if (!el) return;
    view.replaceChildren(el);
    view.dataset.route = `${api}/${version || ''}`;
    if (state.focusView) $('.view-title', view)?.focus();
  } catch (err) {
    if (token !== state.routeToken) return;
    handleAuthError(err);
    view.dataset.route = '';
    if (err.status === 404) {
      view.replaceChildren(h('div', { class: 'card' },
        viewHeading(version ? 'Version not found' : 'API not found'),
        h('p', null, version ? `${api} has no version ${version}; it may have been deleted.` : `There is no API named ${api}, or it was deleted.`),
        h('a', { href: version ? apiHref(api) : '#/', class: 'btn' }, version ? `Back to ${api}` : 'Back to your APIs')));
    } else {
      view.replaceChildren(h('div', { class: 'card' }, errorNotice(err, route)));
    }
  } finally {
    view.removeAttribute('aria-busy');
    state.focusView = false;
  }
}

function navigate(hash, { focus = true } = {}) {
  if (location.hash === hash) {
    state.focusView = focus;
    route();
  } else {
    state.nextFocus = focus;
    location.hash = hash;
  }
}

// ---------------------------------------------------------------- delete

async function deleteVersion(api, version, count) {
  const last = count <= 1;
  const ok = await confirmDialog({
    title: `Delete ${api} ${version}?`,
    text: `The mock URL for ${version} stops working immediately${last ? ', and this is the last version of the API' : ''}. This cannot be undone.`,
    ok: 'Delete version',
  });
  if (!ok) return;
  try {
    await client.deleteVersion(api, version);
    announce(`Deleted ${api} ${version}`);
    await loadApis();
    navigate(state.apis.some((a) => a.api === api) ? apiHref(api) : '#/');
  } catch (err) {
    handleAuthError(err);
    showBanner(`Could not delete ${api} ${version}. ${friendly(err)}`, [h('button', { type: 'button', class: 'btn btn-small', onclick: hideBanner }, 'Dismiss')]);
  }
}

async function deleteApi(api) {
  const ok = await confirmDialog({
    title: `Delete the API ${api}?`,
    text: `All versions of ${api} and their mock URLs are deleted. This cannot be undone.`,
    ok: 'Delete API',
  });
  if (!ok) return;
  try {
    await client.deleteApi(api);
    announce(`Deleted ${api}`);
    await loadApis();
    navigate('#/');
  } catch (err) {
    handleAuthError(err);
    showBanner(`Could not delete ${api}. ${friendly(err)}`, [h('button', { type: 'button', class: 'btn btn-small', onclick: hideBanner }, 'Dismiss')]);
  }
}

// ---------------------------------------------------------------- upload

function applyGuess(text) {
  const guess = guessFromText(text);
  const name = $('#api-name');
  const version = $('#api-version');
  if (!state.upload.nameDirty && guess.name) name.value = guess.name;
  if (!state.upload.versionDirty && guess.versionSuggestion) version.value = guess.versionSuggestion;
}

async function setFile(file) {
  const up = state.upload;
  up.file = file;
  up.fileText = '';
  $('#spec-text').value = '';
  $('#paste-details').open = false;
  $('#file-name').textContent = `${file.name} · ${formatBytes(file.size)}`;
  $('#file-chip').hidden = false;
  $('#upload-error').hidden = true;
  clear($('#upload-result'));
  try {
    up.fileText = await file.text();
    applyGuess(up.fileText);
  } catch {
    up.fileText = '';
  }
}

function clearFile() {
  state.upload.file = null;
  state.upload.fileText = '';
  $('#spec-file').value = '';
  $('#file-chip').hidden = true;
}

function setBusy(busy) {
  $('#upload-btn').disabled = busy;
  $('#upload-form').setAttribute('aria-busy', busy ? 'true' : 'false');
}

function uploadResult(status, data) {
  const unchanged = status === 200;
  const warnings = Array.isArray(data.warnings) ? data.warnings : [];
  return h('div', { class: `notice ${unchanged ? 'notice-info' : 'notice-success'}`, 'data-result': unchanged ? 'unchanged' : 'created' },
    h('p', null,
      h('strong', null, unchanged ? 'Unchanged. ' : 'Published. '),
      unchanged
        ? `${data.api} ${data.version} already has exactly this content.`
        : `${data.api} ${data.version} is live with ${formatNumber(data.operations)} operation${data.operations === 1 ? '' : 's'}.`),
    h('div', { class: 'urls' }, urlRow('Mock URL', data.mockUrl), data.latestUrl ? urlRow('Latest URL', data.latestUrl) : null),
    warnings.length
      ? h('details', { class: 'warnings' }, h('summary', null, `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`),
        h('ul', null, warnings.map((w) => h('li', null, w.pointer ? h('code', { class: 'pointer' }, w.pointer) : null, ' ', w.message))))
      : null,
    h('p', null, h('a', { href: apiHref(data.api, data.version), class: 'btn btn-small' }, 'View operations and try it')));
}

async function conflictHelp(api, version) {
  let versions = [];
  try {
    const { data } = await client.getApi(api);
    versions = (data.versions || []).map((v) => v.version);
  } catch {
    versions = [version];
  }
  const next = nextFreeVersion(version, versions);
  const btn = h('button', { type: 'button', class: 'btn btn-primary btn-small' }, `Publish as ${next}`);
  btn.addEventListener('click', () => {
    $('#api-version').value = next;
    state.upload.versionDirty = true;
    $('#upload-form').requestSubmit();
  });
  return h('div', { class: 'suggest' },
    h('p', null, `Versions are immutable. ${version} already exists with different content; the next free version is `, h('code', null, next), '.'),
    btn);
}

function bindUpload() {
  const form = $('#upload-form');
  const fileInput = $('#spec-file');
  const textArea = $('#spec-text');
  const nameInput = $('#api-name');
  const versionInput = $('#api-version');
  const errorEl = $('#upload-error');
  const progress = $('#upload-progress');
  const statusEl = $('#upload-status');
  const result = $('#upload-result');

  fileInput.addEventListener('change', () => {
    if (fileInput.files && fileInput.files[0]) setFile(fileInput.files[0]);
  });
  $('#file-clear').addEventListener('click', () => {
    clearFile();
    fileInput.focus();
  });
  let guessTimer = 0;
  textArea.addEventListener('input', () => {
    if (state.upload.file) clearFile();
    clearTimeout(guessTimer);
    guessTimer = setTimeout(() => {
      guessTimer = 0;
      applyGuess(textArea.value);
    }, 150);
  });
  nameInput.addEventListener('input', () => {
    state.upload.nameDirty = nameInput.value !== '';
    nameInput.removeAttribute('aria-invalid');
  });
  versionInput.addEventListener('input', () => {
    state.upload.versionDirty = versionInput.value !== '';
    versionInput.removeAttribute('aria-invalid');
  });

  // Drop anywhere on the page.
  const overlay = $('#drop-overlay');
  const zone = $('#dropzone');
  let depth = 0;
  const hasFiles = (e) => Array.from(e.dataTransfer?.types || []).includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e) || !state.key) return;
    depth++;
    overlay.hidden = false;
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) {
      overlay.hidden = true;
      zone.classList.remove('dragging');
    }
  });
  document.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    zone.classList.remove('dragging');
    const file = e.dataTransfer.files[0];
    if (file && state.key) {
      setFile(file);
      $('#upload-card').scrollIntoView({ block: 'nearest' });
      announce(`${file.name} ready to publish`);
    }
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorEl.hidden = true;
    if (guessTimer) {
      clearTimeout(guessTimer);
      guessTimer = 0;
      if (!state.upload.file) applyGuess(textArea.value);
    }
    const up = state.upload;
    const text = up.file ? up.fileText : textArea.value;
    const api = nameInput.value.trim();
    const version = versionInput.value.trim();
    const problems = [];
    if (!up.file && !text.trim()) problems.push(['Choose a file, drop one on the page, or paste the spec text.', fileInput]);
    if (!isValidApiName(api)) {
      problems.push([api ? 'The API name may only contain lowercase letters, digits and dashes (up to 63), starting with a letter or digit.' : 'Enter an API name.', nameInput]);
      nameInput.setAttribute('aria-invalid', 'true');
    }
    if (!isValidVersion(version)) {
      problems.push([version ? 'The version may only contain letters, digits, ".", "_" and "-" (up to 64), and cannot be "latest".' : 'Enter a version.', versionInput]);
      versionInput.setAttribute('aria-invalid', 'true');
    }
    if (problems.length) {
      errorEl.replaceChildren(...problems.map(([msg]) => h('span', { class: 'err-line' }, msg)));
      errorEl.hidden = false;
      problems[0][1].focus();
      return;
    }
    const body = up.file || new Blob([text]);
    const contentType = detectContentType(text || '');
    setBusy(true);
    clear(result);
    progress.hidden = false;
    progress.value = 0;
    progress.setAttribute('value', '0');
    statusEl.textContent = 'Uploading…';
    try {
      const { status, data } = await client.upload({
        api,
        version,
        body,
        contentType,
        onProgress: (p) => {
          if (p.phase === 'upload' && p.total) {
            progress.value = Math.round((p.loaded / p.total) * 100);
            statusEl.textContent = `Uploading… ${Math.round((p.loaded / p.total) * 100)}%`;
          } else if (p.phase === 'processing') {
            progress.removeAttribute('value'); // indeterminate while the service checks the spec
            statusEl.textContent = 'Checking the spec…';
          }
        },
      });
      progress.hidden = true;
      statusEl.textContent = status === 200 ? 'Unchanged' : 'Published';
      result.replaceChildren(uploadResult(status, data));
      announce(status === 200 ? `${api} ${version} is unchanged` : `Published ${api} ${version}`);
      await loadApis();
      refreshUsageSoon();
      navigate(apiHref(data.api || api, data.version || version), { focus: false });
    } catch (err) {
      progress.hidden = true;
      statusEl.textContent = '';
      if (handleAuthError(err) || err.kind === 'network') {
        result.replaceChildren(errorNotice(err));
      } else if (err.status === 409) {
        result.replaceChildren(h('div', { class: 'notice notice-warn' }, renderProblem(err.problem), await conflictHelp(api, version)));
      } else if (err.status === 403) {
        result.replaceChildren(h('div', { class: 'notice notice-error' }, renderProblem(err.problem),
          h('p', null, `The name ${api} belongs to another key. Choose a different API name.`)));
        nameInput.setAttribute('aria-invalid', 'true');
      } else {
        result.replaceChildren(h('div', { class: 'notice notice-error' }, renderProblem(err.problem || { title: friendly(err) }, text)));
      }
      result.scrollIntoView({ block: 'nearest' });
    } finally {
      setBusy(false);
    }
  });
}

// ---------------------------------------------------------------- health and start

let healthTimer = 0;
async function checkHealth() {
  try {
    await client.health();
    if (healthTimer) {
      healthTimer = 0;
      hideBanner();
      if (state.key) enterApp();
    }
    return true;
  } catch (err) {
    if (err.kind === 'network' || err.status >= 500) {
      showBanner("specmock is unreachable right now. The dashboard retries every 10 seconds; your key and work are kept.", [
        h('button', { type: 'button', class: 'btn btn-small', onclick: checkHealth }, 'Retry now'),
      ]);
      clearTimeout(healthTimer);
      healthTimer = setTimeout(checkHealth, 10000);
    }
    return false;
  }
}

function start() {
  bindKey();
  bindUpload();
  $('#refresh-apis').addEventListener('click', async () => {
    await loadApis();
    announce('API list refreshed');
  });
  $('#refresh-usage').addEventListener('click', async () => {
    await loadUsage();
    announce('Usage refreshed');
  });
  window.addEventListener('hashchange', () => {
    state.focusView = state.nextFocus ?? true;
    state.nextFocus = undefined;
    route();
  });
  window.addEventListener('online', checkHealth);
  checkHealth();
  if (state.key) enterApp();
  else showOnboarding();
}

start();
