// What a publish answered: the mock URLs, the files a multi-file upload used, the warnings.
import { h, formatNumber } from './dom.js';
import { apiHref } from './routes.js';
import { urlRow } from './view-parts.js';

function filesLine(files) {
  if (!files) return null;
  const ignored = files.ignored || [];
  return h(
    'div',
    { class: 'files-used' },
    h(
      'p',
      null,
      `From ${files.used.length} file${files.used.length === 1 ? '' : 's'}, entry `,
      h('code', null, files.entry),
      ignored.length ? `; ${ignored.length} not referenced, not kept.` : '.',
    ),
    ignored.length
      ? h(
          'details',
          null,
          h('summary', null, 'Files not referenced'),
          h(
            'ul',
            null,
            ignored.map((p) => h('li', null, h('code', null, p))),
          ),
        )
      : null,
  );
}

export function uploadResult(status, data) {
  const unchanged = status === 200;
  const warnings = Array.isArray(data.warnings) ? data.warnings : [];
  return h(
    'div',
    {
      class: `notice ${unchanged ? 'notice-info' : 'notice-success'}`,
      'data-result': unchanged ? 'unchanged' : 'created',
    },
    h(
      'p',
      null,
      h('strong', null, unchanged ? 'Unchanged. ' : 'Published. '),
      unchanged
        ? `${data.api} ${data.version} already has exactly this content.`
        : `${data.api} ${data.version} is live with ${formatNumber(data.operations)} operation${data.operations === 1 ? '' : 's'}.`,
    ),
    filesLine(data.files),
    h(
      'div',
      { class: 'urls' },
      urlRow('Mock URL', data.mockUrl),
      data.latestUrl ? urlRow('Latest URL', data.latestUrl) : null,
    ),
    warnings.length
      ? h(
          'details',
          { class: 'warnings' },
          h('summary', null, `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`),
          h(
            'ul',
            null,
            warnings.map((w) =>
              h('li', null, w.pointer ? h('code', { class: 'pointer' }, w.pointer) : null, ' ', w.message),
            ),
          ),
        )
      : null,
    h(
      'p',
      null,
      h('a', { href: apiHref(data.api, data.version), class: 'btn btn-small' }, 'View operations and try it'),
    ),
  );
}
