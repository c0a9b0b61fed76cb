// One logged mock call: a summary line that expands to its problems, request and response.
import { h, formatDate, copyButton } from './dom.js';

function statusClass(status) {
  return `status status-${String(status)[0]}xx`;
}

function headerLines(headers) {
  return Object.entries(headers || {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function prettyBody(body, headers) {
  if (body === null || body === undefined) return '';
  const type = headers?.['content-type'] || '';
  if (/json/.test(type)) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return body;
}

export function message(title, msg) {
  const body = prettyBody(msg.body, msg.headers);
  return h(
    'section',
    { class: 'call-part' },
    h('h4', null, title),
    h('pre', { class: 'code call-pre', tabindex: '0' }, h('code', null, headerLines(msg.headers))),
    body
      ? [
          h(
            'div',
            { class: 'code-block-bar' },
            h('span', { class: 'muted' }, msg.truncated ? 'Body (truncated at 16 KiB)' : 'Body'),
            copyButton(msg.body, 'Copy', `${title.toLowerCase()} body`),
          ),
          h('pre', { class: 'code call-pre', tabindex: '0' }, h('code', null, body)),
        ]
      : h('p', { class: 'muted' }, 'No body.'),
  );
}

export function callTarget(call) {
  return `${call.path}${call.query ? `?${call.query}` : ''}`;
}

export function renderCall(call) {
  const problems = Array.isArray(call.problems) ? call.problems : [];
  return h(
    'details',
    { class: 'op call', 'data-id': call.id, 'data-status': String(call.status) },
    h(
      'summary',
      { class: 'op-summary call-summary' },
      h('span', { class: statusClass(call.status) }, String(call.status)),
      h('span', { class: `method method-${call.method.toLowerCase()}` }, call.method),
      h('code', { class: 'op-path call-path' }, callTarget(call)),
      h(
        'span',
        { class: 'muted call-meta' },
        h('time', { datetime: call.at }, formatDate(call.at)),
        ` · ${call.durationMs} ms · ${call.version}`,
        call.sandbox ? ` · sandbox ${call.sandbox}` : '',
      ),
      call.steered
        ? h('span', { class: 'tag tag-warn', title: 'Changed by the behaviour settings' }, call.steered)
        : null,
      problems.length
        ? h('span', { class: 'tag' }, problems.length === 1 ? '1 problem' : `${problems.length} problems`)
        : null,
    ),
    h(
      'div',
      { class: 'tryit call-body' },
      call.operation ? h('p', { class: 'muted' }, 'Operation ', h('code', null, call.operation)) : null,
      problems.length
        ? h(
            'section',
            { class: 'call-part' },
            h('h4', null, 'Why it was refused'),
            h(
              'ul',
              { class: 'call-problems' },
              problems.map((p) =>
                h(
                  'li',
                  null,
                  p.location
                    ? h('code', null, p.location.join('.'))
                    : p.pointer
                      ? h('code', null, p.pointer)
                      : null,
                  p.location || p.pointer ? ' ' : '',
                  p.message,
                ),
              ),
            ),
          )
        : null,
      message('Request', call.request || {}),
      message('Response', call.response || {}),
    ),
  );
}
