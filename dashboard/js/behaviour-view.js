// An API's behaviour settings: latency, injected errors and forced responses, for the whole API and
// per operation. The form edits a copy of the stored settings and saves them as a whole (PUT).
import { h, fill, announce, nextId } from './dom.js';
import { state, client } from './session.js';
import { friendly } from './feedback.js';
import { apiHref, pageHref } from './routes.js';
import { apiPageHead } from './view-parts.js';

function numberField(label, value, attrs = {}) {
  const id = nextId('bh');
  const input = h('input', {
    id,
    class: 'input',
    type: 'number',
    inputmode: 'numeric',
    value: value ?? '',
    ...attrs,
  });
  return { input, el: h('div', { class: 'field' }, h('label', { for: id }, label), input) };
}

function textField(label, value, attrs = {}) {
  const id = nextId('bh');
  const input = h('input', {
    id,
    class: 'input',
    type: 'text',
    autocomplete: 'off',
    value: value ?? '',
    ...attrs,
  });
  return { input, el: h('div', { class: 'field' }, h('label', { for: id }, label), input) };
}

/** Latency and error inputs for the API or one operation; read() gives back the rule. */
function ruleFields(rule, { forcing = false } = {}) {
  const min = numberField('Latency min (ms)', rule.latency?.minMs, {
    min: 0,
    max: 30000,
    step: 1,
    'data-k': 'minMs',
  });
  const max = numberField('Latency max (ms)', rule.latency?.maxMs, {
    min: 0,
    max: 30000,
    step: 1,
    'data-k': 'maxMs',
  });
  const rate = numberField('Error rate (%)', rule.errors ? Math.round(rule.errors.rate * 1000) / 10 : '', {
    min: 0,
    max: 100,
    step: 'any',
    'data-k': 'rate',
  });
  const status = numberField('Error status', rule.errors?.status, {
    min: 400,
    max: 599,
    step: 1,
    placeholder: '500',
    'data-k': 'errorStatus',
  });
  const fields = [min, max, rate, status];
  let forceStatus;
  let forceExample;
  if (forcing) {
    forceStatus = numberField('Forced status', rule.status, {
      min: 100,
      max: 599,
      step: 1,
      'data-k': 'status',
    });
    forceExample = textField('Forced example', rule.example, {
      'data-k': 'example',
      placeholder: 'example name',
    });
    fields.push(forceStatus, forceExample);
  }
  const read = () => {
    const out = {};
    const num = (input) => (input.value.trim() === '' ? undefined : Number(input.value));
    const lo = num(min.input);
    const hi = num(max.input);
    if (lo !== undefined || hi !== undefined) out.latency = { minMs: lo ?? 0, maxMs: hi ?? lo ?? 0 };
    const r = num(rate.input);
    if (r !== undefined) out.errors = { rate: r / 100, status: num(status.input) ?? 500 };
    if (forceStatus && num(forceStatus.input) !== undefined) out.status = num(forceStatus.input);
    if (forceExample && forceExample.input.value.trim()) out.example = forceExample.input.value.trim();
    return out;
  };
  return {
    el: h(
      'div',
      { class: 'form-grid behaviour-grid' },
      fields.map((f) => f.el),
    ),
    read,
  };
}

/** The per-operation rules: one fieldset per operation, added from the latest version's list. */
function operationRules(settings, ops) {
  const rows = h('div', { class: 'behaviour-ops', id: 'behaviour-ops' });
  const readers = new Map();
  const add = (key, rule = {}) => {
    if (readers.has(key)) return;
    const fields = ruleFields(rule, { forcing: true });
    const remove = h(
      'button',
      { type: 'button', class: 'btn btn-small btn-ghost btn-danger-text' },
      'Remove',
    );
    const row = h(
      'fieldset',
      { class: 'behaviour-op', 'data-op': key },
      h('legend', null, h('code', { class: 'op-path' }, key)),
      fields.el,
      h('div', { class: 'actions' }, remove),
    );
    remove.addEventListener('click', () => {
      readers.delete(key);
      row.remove();
    });
    readers.set(key, fields.read);
    rows.append(row);
  };
  for (const [key, rule] of Object.entries(settings.operations || {})) add(key, rule);

  const opKey = (op) => `${op.method.toUpperCase()} ${op.path}`;
  const picker = h(
    'select',
    { id: 'behaviour-op-pick', class: 'input' },
    h('option', { value: '' }, ops.length ? 'Choose an operation' : 'No operations in the latest version'),
    ops.map((op) => h('option', { value: opKey(op) }, opKey(op))),
  );
  const addButton = h('button', { type: 'button', class: 'btn btn-small' }, 'Add operation');
  addButton.addEventListener('click', () => {
    if (picker.value) add(picker.value);
  });
  const read = () => Object.fromEntries([...readers].map(([key, readRule]) => [key, readRule()]));
  const clear = () => {
    rows.replaceChildren();
    readers.clear();
  };
  const el = [
    rows,
    h(
      'div',
      { class: 'input-row' },
      h('label', { for: 'behaviour-op-pick', class: 'visually-hidden' }, 'Operation'),
      picker,
      addButton,
    ),
  ];
  return { el, read, clear };
}

/** Saves through PUT and shows what the server said, pointers included. */
function saver(api) {
  const errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true, id: 'behaviour-errors' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save settings');
  const status = h('span', { class: 'muted', role: 'status', id: 'behaviour-status' });
  const store = async (value) => {
    errorBox.hidden = true;
    save.disabled = true;
    try {
      await client.putBehaviour(api, value);
      status.textContent = Object.keys(value).length
        ? 'Saved: the next mock call uses these settings.'
        : 'All settings removed.';
      announce('Behaviour settings saved');
    } catch (err) {
      const errors = err.problem?.errors || [];
      fill(
        errorBox,
        h('strong', null, friendly(err)),
        errors.length
          ? h(
              'ul',
              null,
              errors.map((e) => h('li', null, h('code', null, e.pointer || '/'), ' ', e.message)),
            )
          : null,
      );
      errorBox.hidden = false;
      status.textContent = '';
    } finally {
      save.disabled = false;
    }
  };
  return { errorBox, save, status, store };
}

export async function behaviourView(api, token) {
  const [{ data: settings }, ops] = await Promise.all([
    client.getBehaviour(api),
    client.getVersion(api, 'latest').then(
      ({ data }) => (Array.isArray(data.operations) ? data.operations : []),
      () => [],
    ),
  ]);
  if (token !== state.routeToken) return null;
  document.title = `${api} behaviour · specmock`;

  const apiRule = ruleFields(settings);
  const seed = textField('Seed', settings.seed, { placeholder: 'any text: another draw of failing calls' });
  const operations = operationRules(settings, ops);
  const { errorBox, save, status, store } = saver(api);
  const reset = h('button', { type: 'button', class: 'btn' }, 'Remove all settings');
  const collect = () => {
    const out = { ...apiRule.read() };
    if (seed.input.value.trim()) out.seed = seed.input.value.trim();
    const perOperation = operations.read();
    if (Object.keys(perOperation).length) out.operations = perOperation;
    return out;
  };
  const form = h(
    'form',
    { id: 'behaviour-form', novalidate: true },
    h('h3', { class: 'subhead' }, 'Every call of the API'),
    apiRule.el,
    h('div', { class: 'form-grid' }, seed.el),
    h('h3', { class: 'subhead' }, 'Per operation'),
    h(
      'p',
      { class: 'muted' },
      'An operation’s own latency or errors replace the API’s; a forced status or example answers every call.',
    ),
    operations.el,
    errorBox,
    h('div', { class: 'actions' }, save, reset, status),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    store(collect());
  });
  reset.addEventListener('click', async () => {
    await store({});
    operations.clear();
    for (const input of form.querySelectorAll('input')) input.value = '';
  });

  return h(
    'div',
    { class: 'card' },
    ...apiPageHead({
      api,
      apiLink: apiHref(api),
      page: 'Behaviour',
      title: `Behaviour of ${api}`,
      sibling: { href: pageHref('calls', api), label: 'Calls' },
    }),
    h(
      'p',
      { class: 'muted' },
      'Slow down or fail mock calls without changing the requests. Which calls fail depends only on the request and the seed, so a CI run sees the same failures every time. A request’s own Prefer header still wins, and steered responses carry ',
      h('code', null, 'x-specmock-steered'),
      '.',
    ),
    form,
  );
}
