// One operation: a <details> row with method badge, path and summary, and a try-it panel that is
// built the first time it opens.
import { h, nextId, copyButton, clear, announce } from './dom.js';

const FORBIDDEN_HEADERS = new Set(['cookie', 'host', 'content-length', 'connection', 'origin', 'referer']);

export function methodBadge(method) {
  const m = String(method).toLowerCase();
  return h('span', { class: `method method-${m}` }, m.toUpperCase());
}

function schemaOf(param) {
  return param.schema && typeof param.schema === 'object' ? param.schema : {};
}

function typeLabel(schema) {
  const t = Array.isArray(schema.type) ? schema.type.filter((x) => x !== 'null').join('|') : schema.type;
  return [t, schema.format].filter(Boolean).join(', ');
}

function stringifyValue(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return Array.isArray(v) ? v.join(',') : JSON.stringify(v);
  return String(v);
}

/**
 * A reasonable initial value. Required and path parameters get the example (the service fills one
 * in from the schema when the spec has none), the default or the first enum value; optional ones
 * only what the spec itself says, so nothing unasked-for is sent.
 */
export function initialValue(param) {
  const s = schemaOf(param);
  const mandatory = param.required || param.in === 'path';
  for (const candidate of [
    mandatory ? param.example : undefined,
    s.example,
    Array.isArray(s.examples) ? s.examples[0] : undefined,
    s.default,
    Array.isArray(s.enum) ? s.enum[0] : undefined,
    s.const,
  ]) {
    if (candidate !== undefined && candidate !== null) return stringifyValue(candidate);
  }
  if (param.in !== 'path') return '';
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'integer' || type === 'number') return String(Math.max(1, Number(s.minimum ?? 1)));
  if (s.format === 'uuid') return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
  if (s.format === 'date') return '2026-01-01';
  return 'example';
}

export function buildPath(template, values) {
  return template.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(values[name] ?? ''));
}

export function preferHeader({ code, example, seed, dynamic }) {
  const parts = [];
  if (code) parts.push(`code=${code}`);
  if (example) parts.push(`example=${example}`);
  if (seed) parts.push(`seed=${seed}`);
  if (dynamic) parts.push('dynamic=true');
  return parts.join(', ');
}

function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

export function curlFor({ method, url, headers, body }) {
  const parts = ['curl', '-i'];
  if (method.toUpperCase() !== 'GET') parts.push('-X', method.toUpperCase());
  for (const [k, v] of Object.entries(headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (body !== undefined && body !== '') parts.push('--data-raw', shellQuote(body));
  parts.push(shellQuote(url));
  return parts.join(' ');
}

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

/** Example credentials for the first security requirement; the mock checks presence, not value. */
export function credentialLines(op, schemes) {
  const requirement = Array.isArray(op.security) && op.security.length ? op.security[0] : null;
  if (!requirement) return [];
  if (requirement.length === 0) return [];
  const lines = [];
  for (const name of requirement) {
    const scheme = schemes && schemes[name];
    if (!scheme) {
      lines.push('Authorization: Bearer mock-token');
    } else if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name) {
      lines.push(`${scheme.name}: mock-key`);
    } else if (scheme.type === 'http' && scheme.scheme === 'basic') {
      lines.push('Authorization: Basic dXNlcjpwYXNzd29yZA==');
    } else if (scheme.type !== 'apiKey') {
      lines.push('Authorization: Bearer mock-token');
    }
  }
  return [...new Set(lines)];
}

function statusClass(status) {
  if (status >= 500) return 'status-5xx';
  if (status >= 400) return 'status-4xx';
  if (status >= 300) return 'status-3xx';
  return 'status-2xx';
}

export function renderOperation(op, ctx) {
  const details = h('details', { class: 'op', 'data-op': `${op.method.toUpperCase()} ${op.path}` });
  const summary = h(
    'summary',
    { class: 'op-summary' },
    methodBadge(op.method),
    h('code', { class: 'op-path' }, op.path),
    h('span', { class: 'op-desc' }, op.summary || op.id || ''),
    op.deprecated ? h('span', { class: 'tag tag-warn' }, 'deprecated') : null,
    Array.isArray(op.security) && op.security.length && !op.security.some((r) => r.length === 0)
      ? h('span', { class: 'tag', title: 'Requires credentials' }, 'auth')
      : null,
  );
  details.append(summary);
  let built = false;
  details.addEventListener('toggle', () => {
    if (details.open && !built) {
      built = true;
      details.append(buildPanel(op, ctx));
    }
  });
  return details;
}

function buildPanel(op, ctx) {
  const fields = [];
  const params = Array.isArray(op.parameters) ? op.parameters : [];
  const groups = { path: [], query: [], header: [], cookie: [] };
  for (const p of params) (groups[p.in] || (groups[p.in] = [])).push(p);

  const panel = h('form', { class: 'tryit', novalidate: true });
  const paramSection = h('div', { class: 'tryit-params' });
  for (const where of ['path', 'query', 'header', 'cookie']) {
    const list = groups[where];
    if (!list || list.length === 0) continue;
    const fs = h(
      'fieldset',
      { class: 'fieldset' },
      h('legend', null, `${where[0].toUpperCase()}${where.slice(1)} parameters`),
    );
    for (const p of list) {
      const id = nextId('param');
      const s = schemaOf(p);
      const hintId = `${id}-hint`;
      const input = h('input', {
        id,
        name: p.name,
        type: 'text',
        class: 'input',
        value: initialValue(p),
        required: p.required || where === 'path',
        disabled: where === 'cookie',
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder:
          p.example !== undefined && p.example !== null ? `e.g. ${stringifyValue(p.example)}` : false,
        'aria-describedby': hintId,
      });
      fields.push({ param: p, input });
      fs.append(
        h(
          'div',
          { class: 'field' },
          h(
            'label',
            { for: id },
            h('code', null, p.name),
            p.required || where === 'path' ? h('span', { class: 'req', title: 'required' }, ' *') : null,
          ),
          input,
          h(
            'span',
            { id: hintId, class: 'hint' },
            [
              typeLabel(s),
              Array.isArray(s.enum) ? `one of ${s.enum.map(stringifyValue).join(', ')}` : '',
              where === 'cookie' ? 'browsers cannot set cookies from fetch; use curl' : '',
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
      );
    }
    paramSection.append(fs);
  }
  if (paramSection.childElementCount) panel.append(paramSection);

  let bodyArea = null;
  const rb = op.requestBody;
  if (rb) {
    const id = nextId('body');
    const initial =
      rb.example === undefined || rb.example === null
        ? /json/.test(rb.contentType || '')
          ? '{}'
          : ''
        : typeof rb.example === 'string' && !/json/.test(rb.contentType || '')
          ? rb.example
          : JSON.stringify(rb.example, null, 2);
    bodyArea = h('textarea', {
      id,
      class: 'input code',
      rows: Math.min(14, Math.max(4, initial.split('\n').length + 1)),
      spellcheck: 'false',
    });
    bodyArea.value = initial;
    panel.append(
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          { for: id },
          'Request body ',
          h(
            'span',
            { class: 'muted' },
            `(${rb.contentType || 'no media type'}${rb.required ? ', required' : ''})`,
          ),
        ),
        bodyArea,
      ),
    );
  }

  const extraId = nextId('extra');
  const creds = credentialLines(op, ctx.securitySchemes);
  const extraArea = h('textarea', {
    id: extraId,
    class: 'input code',
    rows: Math.max(2, creds.length + 1),
    spellcheck: 'false',
    placeholder: 'X-Request-Id: 123',
    'aria-describedby': `${extraId}-hint`,
  });
  extraArea.value = creds.join('\n');
  panel.append(
    h(
      'div',
      { class: 'field' },
      h('label', { for: extraId }, 'Extra headers'),
      extraArea,
      h(
        'span',
        { id: `${extraId}-hint`, class: 'hint' },
        creds.length
          ? 'One "Name: value" per line. This operation requires credentials; the mock checks that they are present, not their value.'
          : 'One "Name: value" per line.',
      ),
    ),
  );

  // Response preferences, sent as a Prism-compatible Prefer header.
  const responses = Array.isArray(op.responses) ? op.responses : [];
  const statusId = nextId('status');
  const exampleId = nextId('example');
  const seedId = nextId('seed');
  const dynId = nextId('dynamic');
  const statusSel = h(
    'select',
    { id: statusId, class: 'input' },
    h('option', { value: '' }, 'Default'),
    responses
      .filter((r) => /^\d{3}$/.test(String(r.status)))
      .map((r) =>
        h('option', { value: r.status }, `${r.status}${r.description ? ` — ${r.description}` : ''}`),
      ),
  );
  const exampleSel = h('select', { id: exampleId, class: 'input' });
  const fillExamples = () => {
    const chosen = statusSel.value
      ? responses.filter((r) => String(r.status) === statusSel.value)
      : responses;
    const names = [...new Set(chosen.flatMap((r) => (Array.isArray(r.examples) ? r.examples : [])))];
    exampleSel.replaceChildren(
      h('option', { value: '' }, names.length ? 'Default' : 'None defined'),
      ...names.map((n) => h('option', { value: n }, n)),
    );
    exampleSel.disabled = names.length === 0;
  };
  statusSel.addEventListener('change', fillExamples);
  fillExamples();
  const seedInput = h('input', {
    id: seedId,
    class: 'input',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'e.g. 42',
  });
  const dynBox = h('input', { id: dynId, type: 'checkbox' });
  panel.append(
    h(
      'fieldset',
      { class: 'fieldset prefs' },
      h('legend', null, 'Response'),
      h('div', { class: 'field' }, h('label', { for: statusId }, 'Status'), statusSel),
      h('div', { class: 'field' }, h('label', { for: exampleId }, 'Example'), exampleSel),
      h('div', { class: 'field' }, h('label', { for: seedId }, 'Seed'), seedInput),
      h(
        'div',
        { class: 'field field-check' },
        dynBox,
        h('label', { for: dynId }, 'Dynamic (ignore examples)'),
      ),
    ),
  );

  const errorBox = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const sendBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Send');
  const output = h('div', { class: 'tryit-output' });

  function currentRequest() {
    const values = {};
    const query = new URLSearchParams();
    const headers = {};
    const missing = [];
    for (const { param, input } of fields) {
      const v = input.value;
      if (param.in === 'cookie') continue;
      if (v === '') {
        if (param.in === 'path' || param.required) missing.push(param.name);
        continue;
      }
      if (param.in === 'path') values[param.name] = v;
      else if (param.in === 'query') query.append(param.name, v);
      else if (param.in === 'header' && !FORBIDDEN_HEADERS.has(param.name.toLowerCase()))
        headers[param.name] = v;
    }
    for (const line of extraArea.value.split('\n')) {
      const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (m && !FORBIDDEN_HEADERS.has(m[1].toLowerCase())) headers[m[1]] = m[2];
    }
    const prefer = preferHeader({
      code: statusSel.value,
      example: exampleSel.value,
      seed: seedInput.value.trim(),
      dynamic: dynBox.checked,
    });
    if (prefer) headers.Prefer = prefer;
    // A private API's mock needs its token; Authorization stays free for the mocked API's own auth.
    if (ctx.mockToken) headers['X-Specmock-Token'] = ctx.mockToken;
    let body;
    if (bodyArea && op.method.toLowerCase() !== 'get' && op.method.toLowerCase() !== 'head') {
      body = bodyArea.value;
      if (body !== '' && rb.contentType) headers['Content-Type'] = rb.contentType;
    }
    const qs = query.toString();
    const path = `${ctx.mockPath()}${buildPath(op.path, values)}${qs ? `?${qs}` : ''}`;
    return {
      method: op.method.toUpperCase(),
      path,
      url: new URL(path, location.href).href,
      headers,
      body,
      missing,
    };
  }

  panel.addEventListener('submit', async (e) => {
    e.preventDefault();
    const req = currentRequest();
    errorBox.hidden = true;
    if (req.missing.length) {
      errorBox.textContent = `Fill in the required parameter${req.missing.length > 1 ? 's' : ''}: ${req.missing.join(', ')}.`;
      errorBox.hidden = false;
      return;
    }
    sendBtn.disabled = true;
    sendBtn.textContent = 'Sending…';
    clear(output).append(h('p', { class: 'muted' }, `${req.method} ${req.path}`));
    const started = performance.now();
    try {
      const res = await fetch(req.path, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        cache: 'no-store',
      });
      const text = await res.text();
      const ms = Math.round(performance.now() - started);
      showResponse(output, req, res, text, ms);
      announce(`Response ${res.status} in ${ms} ms`, 'info', { visual: false });
    } catch (err) {
      clear(output).append(
        h(
          'div',
          { class: 'notice notice-error', role: 'alert' },
          h('strong', null, 'The request failed. '),
          'The mock server could not be reached. Check your connection and try again.',
        ),
      );
    } finally {
      sendBtn.disabled = false;
      sendBtn.textContent = 'Send';
      ctx.onSent?.();
    }
  });

  panel.append(
    errorBox,
    h(
      'div',
      { class: 'actions' },
      sendBtn,
      copyButton(() => curlFor(currentRequest()), 'Copy as curl', 'curl command'),
    ),
    output,
  );
  return panel;
}

function showResponse(output, req, res, text, ms) {
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
