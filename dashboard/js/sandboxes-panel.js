// One API's stateful sandboxes: list them with their URLs, create one (optionally seeded), reset
// or delete each. The panel reloads itself after every action; other views are untouched.
import { h, announce, copyButton, formatDate, nextId } from './dom.js';
import { client } from './session.js';
import { friendly } from './feedback.js';
import { confirmDialog } from './confirm-dialog.js';
import { handleAuthError } from './forget-key.js';

const sandboxes = {
  list: (api) => client.request('GET', `/v1/sandboxes?api=${encodeURIComponent(api)}`),
  create: (body) =>
    client.request('POST', '/v1/sandboxes', {
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
  reset: (id) => client.request('POST', `/v1/sandboxes/${encodeURIComponent(id)}/reset`),
  remove: (id) => client.request('DELETE', `/v1/sandboxes/${encodeURIComponent(id)}`),
};

export function sandboxesPanel(api, latest) {
  const list = h(
    'div',
    { class: 'sandbox-list', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const status = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const panel = {
    fail(what, err) {
      handleAuthError(err);
      status.textContent = `Could not ${what}. ${friendly(err)}`;
      status.hidden = false;
    },
    async run(what, call, done) {
      status.hidden = true;
      try {
        await call();
        announce(done);
        await panel.reload();
      } catch (err) {
        panel.fail(what, err);
      }
    },
    async reload() {
      try {
        const { data } = await sandboxes.list(api);
        list.replaceChildren(renderList(data.sandboxes ?? [], panel));
      } catch (err) {
        list.replaceChildren(h('p', { class: 'muted' }, 'Sandboxes could not be loaded.'));
        panel.fail('load the sandboxes', err);
      }
    },
  };
  panel.reload();
  return h(
    'section',
    { class: 'sandboxes', 'aria-label': 'Sandboxes' },
    h('h3', { class: 'subhead' }, 'Sandboxes'),
    h(
      'p',
      { class: 'muted' },
      'A stateful copy of the latest version for one test run: seeded, isolated, resettable. It expires after 24 hours idle.',
    ),
    createForm(api, latest, panel),
    status,
    list,
  );
}

function createForm(api, latest, panel) {
  const seedId = nextId('sandbox-seed');
  const seed = h('input', {
    id: seedId,
    class: 'input',
    type: 'text',
    maxlength: '200',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'optional, e.g. ci-run-42',
  });
  const create = h('button', { type: 'submit', class: 'btn btn-small', disabled: !latest }, 'Create sandbox');
  const form = h(
    'form',
    { class: 'sandbox-create input-row', novalidate: true },
    h('label', { for: seedId, class: 'sandbox-seed-label' }, 'Seed'),
    seed,
    create,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    create.disabled = true;
    const body = { api, version: 'latest', ...(seed.value.trim() ? { seed: seed.value.trim() } : {}) };
    await panel.run('create a sandbox', () => sandboxes.create(body), 'Sandbox created');
    seed.value = '';
    create.disabled = false;
  });
  return form;
}

function renderList(items, panel) {
  if (items.length === 0)
    return h('p', { class: 'muted' }, 'No sandboxes. A sandbox keeps what you POST, PUT, PATCH and DELETE.');
  return h(
    'ul',
    { class: 'version-list' },
    items.map((s) => sandboxRow(s, panel)),
  );
}

function sandboxRow(s, panel) {
  const button = (label, extra = '') =>
    h(
      'button',
      { type: 'button', class: `btn btn-small btn-ghost${extra}`, 'aria-label': `${label} sandbox ${s.id}` },
      label,
    );
  const reset = button('Reset');
  reset.addEventListener('click', () =>
    panel.run('reset the sandbox', () => sandboxes.reset(s.id), 'Sandbox reset to its seeded start'),
  );
  const del = button('Delete', ' btn-danger-text');
  del.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Delete this sandbox?',
      text: 'Its URL stops working and everything written to it is gone. This cannot be undone.',
      ok: 'Delete sandbox',
    });
    if (ok) await panel.run('delete the sandbox', () => sandboxes.remove(s.id), 'Sandbox deleted');
  });
  return h(
    'li',
    { class: 'sandbox-row', 'data-sandbox': s.id },
    h('code', { class: 'url sandbox-url' }, s.sandboxUrl),
    h(
      'span',
      { class: 'muted sandbox-meta' },
      `${s.version}${s.seed ? ` · seed ${s.seed}` : ''} · expires `,
      h('time', { datetime: s.expiresAt }, formatDate(s.expiresAt)),
    ),
    h('span', { class: 'sandbox-actions' }, copyButton(s.sandboxUrl, 'Copy', 'sandbox URL'), reset, del),
  );
}
