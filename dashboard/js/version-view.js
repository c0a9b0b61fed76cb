// One version: URLs, snippets, warnings, and its operations grouped by tag with a filter.
import { h, announce, formatDate, plural } from './dom.js';
import { state, client } from './session.js';
import { friendly } from './feedback.js';
import { apiHref } from './routes.js';
import { urlRow, viewHeading, breadcrumbs } from './view-parts.js';
import { snippets } from './snippets.js';
import { renderOperation } from './tryit.js';
import { refreshUsageSoon } from './usage-panel.js';
import { deleteVersion } from './delete-actions.js';

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

function deleteButton(api, version) {
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
  return del;
}

function downloadButton(api, version) {
  const download = h('button', { type: 'button', class: 'btn btn-small' }, 'Download source');
  download.addEventListener('click', async () => {
    download.disabled = true;
    try {
      const { blob, contentType } = await client.source(api, version);
      const ext = /zip/.test(contentType)
        ? 'zip'
        : /gzip/.test(contentType)
          ? 'tar.gz'
          : /x-tar/.test(contentType)
            ? 'tar'
            : /json/.test(contentType)
              ? 'json'
              : 'yaml';
      const url = URL.createObjectURL(blob);
      const a = h(
        'a',
        { href: url, download: `${api}-${version}.${ext}`, class: 'visually-hidden' },
        'download',
      );
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
  return download;
}

function operationGroups(ops, ctx) {
  const groupsBox = h('div', { class: 'op-groups' });
  for (const [tag, list] of groupByTag(ops)) {
    groupsBox.append(
      h(
        'section',
        { class: 'op-group', 'data-tag': tag },
        h(
          'h4',
          { class: 'op-group-title' },
          tag,
          h(
            'span',
            { class: 'muted count', 'aria-label': plural(list.length, 'operation') },
            ` ${list.length}`,
          ),
        ),
        list.map((op) => {
          const el = renderOperation(op, ctx);
          el.dataset.search = [op.method, op.path, op.summary, op.id, ...(op.tags || [])]
            .join(' ')
            .toLowerCase();
          return el;
        }),
      ),
    );
  }
  return groupsBox;
}

/** Hides the operations (and groups) that do not match, and keeps each group's count in step. */
function bindFilter(filter, groupsBox, noMatch) {
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
      const count = group.querySelector('.count');
      count.textContent = ` ${visible}`;
      count.setAttribute('aria-label', plural(visible, 'operation'));
      if (visible) any = true;
    }
    noMatch.hidden = any;
  });
}

function warningsList(warnings) {
  if (!warnings.length) return null;
  return h(
    'details',
    { class: 'warnings' },
    h('summary', null, plural(warnings.length, 'warning')),
    h(
      'ul',
      null,
      warnings.map((w) =>
        h('li', null, w.pointer ? h('code', { class: 'pointer' }, w.pointer) : null, ' ', w.message),
      ),
    ),
  );
}

/** A version published as several files: its entry and every file it uses. */
function sourceFiles(source) {
  if (!source) return null;
  return h(
    'details',
    { class: 'file-list' },
    h('summary', null, `Files (entry ${source.entry})`),
    h(
      'ul',
      null,
      source.files.map((p) => h('li', null, h('code', null, p))),
    ),
  );
}

function versionHeader(api, version, meta, ops) {
  return [
    breadcrumbs([
      ['APIs', '#/'],
      [api, apiHref(api)],
      [version, null],
    ]),
    viewHeading(
      `${meta.title || api}`,
      h('span', { class: 'head-actions' }, downloadButton(api, version), deleteButton(api, version)),
    ),
    h(
      'p',
      { class: 'meta muted' },
      h('span', { class: 'tag' }, version),
      ` ${meta.dialect || ''}`,
      meta.createdAt
        ? [' · published ', h('time', { datetime: meta.createdAt }, formatDate(meta.createdAt))]
        : null,
      ` · ${plural(ops.length, 'operation')}`,
      meta.source ? [' · from ', plural(meta.source.files.length, 'file')] : null,
    ),
    sourceFiles(meta.source),
    meta.description ? h('p', { class: 'description' }, String(meta.description).slice(0, 600)) : null,
    h(
      'div',
      { class: 'urls' },
      urlRow('Mock URL', meta.mockUrl),
      meta.latestUrl ? urlRow('Latest URL', meta.latestUrl) : null,
    ),
    h(
      'details',
      { class: 'snippets' },
      h('summary', null, 'Snippets: curl and fetch'),
      h('div', { class: 'snippet-grid' }, snippets(meta)),
    ),
  ];
}

export async function versionView(api, version, token) {
  const [{ data: meta }, access] = await Promise.all([
    client.getVersion(api, version),
    client.getApi(api).then(
      ({ data }) => data,
      () => null,
    ),
  ]);
  if (token !== state.routeToken) return null;
  document.title = `${api} ${version} · specmock`;
  const ops = Array.isArray(meta.operations) ? meta.operations : [];
  const mockPath = () => new URL(meta.mockUrl, location.href).pathname.replace(/\/$/, '');
  const ctx = {
    mockPath,
    onSent: refreshUsageSoon,
    securitySchemes: meta.securitySchemes || null,
    // A private mock's try-it sends the token the owner holds.
    mockToken: access?.visibility === 'private' ? access.mockToken : null,
  };
  const filterId = 'op-filter';
  const filter = h('input', {
    id: filterId,
    class: 'input',
    type: 'search',
    placeholder: 'Filter by path, method, summary or tag',
    autocomplete: 'off',
  });
  const groupsBox = operationGroups(ops, ctx);
  const noMatch = h('p', { class: 'muted', hidden: true }, 'No operation matches the filter.');
  bindFilter(filter, groupsBox, noMatch);
  return h(
    'div',
    { class: 'card' },
    versionHeader(api, version, meta, ops),
    warningsList(Array.isArray(meta.warnings) ? meta.warnings : []),
    h('h3', { class: 'subhead' }, 'Operations'),
    ops.length
      ? h('div', { class: 'field op-filter' }, h('label', { for: filterId }, 'Filter operations'), filter)
      : h('p', { class: 'muted' }, 'This spec defines no operations.'),
    noMatch,
    groupsBox,
  );
}
