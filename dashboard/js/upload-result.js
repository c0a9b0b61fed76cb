// What a publish answered (shown above the version it published: the files a multi-file upload
// used, the warnings), and where the publish form and its result are shown.
import { h, $, formatNumber } from './dom.js';

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
  );
}

/** Where a result belongs: the route it is shown on (`#/` for the home view). */
export function hereRoute() {
  return location.hash || '#/';
}

/**
 * The publish form belongs to the home view, and a publish's result to the route it was shown
 * for (the published version, or the form that refused it): neither is pinned above other pages.
 */
export function placePublish(home) {
  $('#upload-card').hidden = !home;
  const result = $('#upload-result');
  if (result.dataset.route !== hereRoute()) result.replaceChildren();
}
