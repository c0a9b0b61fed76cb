// One operation: a <details> row with method badge, path and summary, and a try-it panel that is
// built the first time it opens.
import { h, copyButton, clear, announce } from './dom.js';
import { curlFor, requestFrom } from './tryit-request.js';
import { paramSection, bodyField, extraHeadersField, responsePrefs } from './tryit-form.js';
import { showResponse } from './tryit-response.js';

function methodBadge(method) {
  const m = String(method).toLowerCase();
  return h('span', { class: `method method-${m}` }, m.toUpperCase());
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
  const panel = h('form', { class: 'tryit', novalidate: true });
  const params = paramSection(op);
  if (params.section.childElementCount) panel.append(params.section);
  const body = op.requestBody ? bodyField(op.requestBody) : null;
  if (body) panel.append(body.el);
  const extra = extraHeadersField(op, ctx.securitySchemes);
  const prefs = responsePrefs(op);
  panel.append(extra.el, prefs.el);
  const form = { fields: params.fields, bodyArea: body?.area ?? null, extraArea: extra.area, prefs };
  const currentRequest = () => requestFrom(op, ctx, form);

  const errorBox = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const sendBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Send');
  const output = h('div', { class: 'tryit-output' });
  panel.addEventListener('submit', (e) => {
    e.preventDefault();
    send(currentRequest(), { errorBox, sendBtn, output }, ctx);
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

async function send(req, { errorBox, sendBtn, output }, ctx) {
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
  } catch {
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
}
