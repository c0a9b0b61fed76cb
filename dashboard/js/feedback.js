import { h, $ } from './dom.js';

function retryAfter(err) {
  const v = err.headers?.get?.('retry-after');
  return v ? ` Try again in ${v} s.` : ' Try again in a moment.';
}

/** One sentence a person can act on. */
export function friendly(err) {
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
      if (err.status >= 500)
        return `specmock ran into a problem (HTTP ${err.status}). ${p.detail || ''} Try again in a moment.`.trim();
      return [p.title, p.detail].filter(Boolean).join(': ') || `Request failed with HTTP ${err.status}.`;
  }
}

export function errorNotice(err, retry) {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', null, friendly(err)),
    retry ? h('button', { type: 'button', class: 'btn btn-small', onclick: retry }, 'Try again') : null,
  );
}

export function showBanner(message, actions = []) {
  const banner = $('#banner');
  banner.replaceChildren(h('p', null, message), ...actions);
  banner.hidden = false;
}
export function hideBanner() {
  $('#banner').hidden = true;
}

/**
 * Problem details: title, detail and each errors[] entry with where it is. `source` is the uploaded
 * text, or for several files a function from an entry's `file` to that file's text (line excerpts).
 */
export function renderProblem(problem, source) {
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  const textOf = typeof source === 'function' ? source : () => source;
  return h(
    'div',
    { class: 'problem' },
    h(
      'p',
      { class: 'problem-title' },
      h('strong', null, problem.title || 'Rejected'),
      problem.status ? h('span', { class: 'muted' }, ` (HTTP ${problem.status})`) : null,
    ),
    problem.detail &&
      !(errors.length === 1 && errors[0].message && problem.detail.includes(errors[0].message))
      ? h('p', { class: 'problem-detail' }, problem.detail)
      : null,
    errors.length
      ? h(
          'ul',
          { class: 'problem-errors' },
          errors.slice(0, 50).map((e) => {
            const where = [];
            const text = textOf(e.file);
            const lines = text ? text.split(/\r?\n/) : null;
            if (e.file) where.push(h('code', { class: 'pointer' }, e.file));
            if (e.pointer !== undefined) where.push(h('code', { class: 'pointer' }, e.pointer || '/'));
            if (e.line)
              where.push(
                h('span', { class: 'loc' }, `line ${e.line}${e.column ? `, column ${e.column}` : ''}`),
              );
            if (Array.isArray(e.location) && e.location.length)
              where.push(h('span', { class: 'loc' }, e.location.join('.')));
            let excerpt = null;
            if (lines && e.line && lines[e.line - 1] !== undefined) {
              // The target line with up to two lines before it, and a caret under the column.
              const from = Math.max(1, e.line - 2);
              const context = [];
              for (let n = from; n <= e.line; n++)
                context.push(`${String(n).padStart(4)} | ${lines[n - 1].slice(0, 200)}`);
              if (context.some((l) => l.slice(7).trim())) {
                excerpt = h(
                  'pre',
                  { class: 'excerpt' },
                  h(
                    'code',
                    null,
                    context.join('\n'),
                    e.column ? `\n       ${' '.repeat(Math.min(e.column - 1, 200))}^` : '',
                  ),
                );
              }
            }
            return h(
              'li',
              null,
              where.length ? h('span', { class: 'where' }, where) : null,
              h('span', { class: 'msg' }, e.message || ''),
              excerpt,
            );
          }),
        )
      : null,
    errors.length > 50 ? h('p', { class: 'muted' }, `…and ${errors.length - 50} more.`) : null,
  );
}
