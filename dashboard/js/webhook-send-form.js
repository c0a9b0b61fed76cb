// "Send a test delivery": one webhook or callback of the API to a URL now, with the payload the
// server makes (the webhook's example, else generated from its schema; a seed picks another) or one
// the user writes, which the server checks against the webhook's schema.
import { h, announce } from './dom.js';
import { hooksApi } from './webhooks-api.js';
import { friendly, renderProblem } from './feedback.js';

const field = (id, label, control, hint) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('span', { class: 'hint' }, hint) : null,
  );

/** The last receiver URL used for the API, so a reload keeps it (private mode: not kept). */
const urlMemo = {
  get: (api) => {
    try {
      return localStorage.getItem(`specmock.webhookUrl.${api}`) || '';
    } catch {
      return '';
    }
  },
  set: (api, url) => {
    try {
      localStorage.setItem(`specmock.webhookUrl.${api}`, url);
    } catch {
      /* not kept */
    }
  },
};

function nameControl(hooks) {
  if (!hooks.length)
    return h('input', { id: 'hook-name', class: 'input', type: 'text', required: true, autocomplete: 'off' });
  return h(
    'select',
    { id: 'hook-name', class: 'input' },
    hooks.map((hk) => h('option', { value: hk.name }, `${hk.name} (${hk.kind})`)),
  );
}

/** The parsed payload textarea: undefined when empty, else the JSON value or an error message. */
function readPayload(text) {
  if (!text.trim()) return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `The payload is not JSON: ${e.message}` };
  }
}

/** `onSent(delivery)` runs after the server accepted the delivery (202). */
export function webhookSendForm({ api, hooks, versions, onSent, lastUrl = '' }) {
  const name = nameControl(hooks);
  const url = h('input', {
    id: 'hook-url',
    class: 'input',
    type: 'url',
    required: true,
    placeholder: 'http://127.0.0.1:9911/hook',
    autocomplete: 'url',
    // This browser's last URL for the API, else where the API's newest delivery went.
    value: urlMemo.get(api) || lastUrl,
  });
  const version = h(
    'select',
    { id: 'hook-version', class: 'input' },
    h('option', { value: '' }, 'Latest'),
    versions.map((v) => h('option', { value: v }, v)),
  );
  const seed = h('input', { id: 'hook-seed', class: 'input', type: 'text', autocomplete: 'off' });
  const payload = h('textarea', {
    id: 'hook-payload',
    class: 'input code',
    rows: '8',
    spellcheck: 'false',
    placeholder: 'Empty: the webhook’s example, or a payload generated from its schema.',
  });
  const example = h('button', { type: 'button', class: 'btn btn-small btn-ghost' }, 'Insert the example');
  const exampleOf = () => hooks.find((hk) => hk.name === name.value)?.example;
  const syncExample = () => {
    example.hidden = exampleOf() === undefined;
  };
  example.addEventListener('click', () => {
    payload.value = JSON.stringify(exampleOf(), null, 2);
  });
  name.addEventListener('change', syncExample);
  syncExample();
  const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'hook-send' }, 'Send');
  const result = h('div', { id: 'hook-result', 'aria-live': 'polite' });

  const form = h(
    'form',
    { id: 'hook-form', class: 'hook-form', novalidate: true },
    h(
      'div',
      { class: 'form-grid' },
      field('hook-name', 'Webhook or callback', name),
      field('hook-url', 'Receiver URL', url),
      field('hook-version', 'Version', version),
      field('hook-seed', 'Seed (optional)', seed, 'Another generated payload.'),
    ),
    h(
      'details',
      { class: 'hook-payload' },
      h('summary', null, 'Payload (optional)'),
      field('hook-payload', 'JSON body to send', payload),
      h('div', { class: 'actions' }, example),
    ),
    h('div', { class: 'actions' }, send),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit({ api, name, url, version, seed, payload, send, result, onSent });
  });
  return form;
}

async function submit({ api, name, url, version, seed, payload, send, result, onSent }) {
  const body = readPayload(payload.value);
  const target = url.value.trim();
  if (!target || !name.value.trim() || body.error) {
    const why = body.error || (target ? 'Name the webhook to send.' : 'Enter the receiver’s URL.');
    result.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, why));
    return;
  }
  send.disabled = true;
  result.replaceChildren();
  try {
    const { data } = await hooksApi.send(api, name.value.trim(), {
      url: target,
      ...(version.value ? { version: version.value } : {}),
      ...(seed.value.trim() ? { seed: seed.value.trim() } : {}),
      ...(body.value !== undefined ? { payload: body.value } : {}),
    });
    urlMemo.set(api, target);
    announce(`Sending ${name.value} to ${target}`);
    onSent(data);
  } catch (err) {
    result.replaceChildren(
      err.kind === 'http' && err.problem && err.status < 500
        ? renderProblem(err.problem)
        : h('p', { class: 'notice notice-error', role: 'alert' }, friendly(err)),
    );
  } finally {
    send.disabled = false;
  }
}
