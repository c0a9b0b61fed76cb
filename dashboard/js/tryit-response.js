// How the try-it panel shows a mock's answer: status line, headers and the (pretty-printed) body.
import { h, copyButton, clear } from './dom.js';

function prettyBody(text, contentType) {
  if (!text) return '(empty body)';
  if (/json/i.test(contentType || '') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* fall through */
    }
  }
  return text;
}

const REASONS = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function statusClass(status) {
  if (status >= 500) return 'status-5xx';
  if (status >= 400) return 'status-4xx';
  if (status >= 300) return 'status-3xx';
  return 'status-2xx';
}

export function showResponse(output, req, res, text, ms) {
  const ct = res.headers.get('content-type') || '';
  const headerRows = [];
  res.headers.forEach((value, name) => headerRows.push([name, value]));
  headerRows.sort((a, b) => a[0].localeCompare(b[0]));
  const body = prettyBody(text, ct);
  clear(output).append(
    h(
      'div',
      { class: 'response-line' },
      h(
        'span',
        { class: `status ${statusClass(res.status)}`, 'data-status': res.status },
        `${res.status} ${res.statusText || REASONS[res.status] || ''}`.trim(),
      ),
      h('span', { class: 'muted' }, `${ms} ms`),
      h('span', { class: 'muted' }, `${new Blob([text]).size} bytes`),
      ct ? h('code', { class: 'muted ct' }, ct.split(';')[0]) : null,
    ),
    h(
      'details',
      { class: 'headers' },
      h('summary', null, `Headers (${headerRows.length})`),
      h(
        'dl',
        { class: 'header-list' },
        headerRows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
    ),
    h(
      'div',
      { class: 'code-block' },
      h(
        'div',
        { class: 'code-block-bar' },
        h('span', { class: 'muted' }, 'Body'),
        copyButton(() => body, 'Copy', 'response body'),
      ),
      h('pre', { class: 'code response-body', tabindex: '0' }, h('code', null, body)),
    ),
  );
}
