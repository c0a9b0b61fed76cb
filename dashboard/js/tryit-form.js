// The try-it form's controls: one field per parameter, the request body, extra headers and the
// response preferences. Each builder returns its element and the inputs the request is read from.
import { h, nextId } from './dom.js';
import { schemaOf, typeLabel, stringifyValue, initialValue, credentialLines } from './tryit-request.js';

const PLACES = ['path', 'query', 'header', 'cookie'];

function paramField(p, where) {
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
    placeholder: p.example !== undefined && p.example !== null ? `e.g. ${stringifyValue(p.example)}` : false,
    'aria-describedby': hintId,
  });
  const hint = [
    typeLabel(s),
    Array.isArray(s.enum) ? `one of ${s.enum.map(stringifyValue).join(', ')}` : '',
    where === 'cookie' ? 'browsers cannot set cookies from fetch; use curl' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const el = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      h('code', null, p.name),
      p.required || where === 'path' ? h('span', { class: 'req', title: 'required' }, ' *') : null,
    ),
    input,
    h('span', { id: hintId, class: 'hint' }, hint),
  );
  return { el, input };
}

/** One fieldset per parameter location; `fields` pairs each parameter with its input. */
export function paramSection(op) {
  const fields = [];
  const params = Array.isArray(op.parameters) ? op.parameters : [];
  const groups = { path: [], query: [], header: [], cookie: [] };
  for (const p of params) (groups[p.in] || (groups[p.in] = [])).push(p);
  const section = h('div', { class: 'tryit-params' });
  for (const where of PLACES) {
    const list = groups[where];
    if (!list || list.length === 0) continue;
    const fs = h(
      'fieldset',
      { class: 'fieldset' },
      h('legend', null, `${where[0].toUpperCase()}${where.slice(1)} parameters`),
    );
    for (const p of list) {
      const { el, input } = paramField(p, where);
      fields.push({ param: p, input });
      fs.append(el);
    }
    section.append(fs);
  }
  return { section, fields };
}

function initialBody(rb) {
  if (rb.example === undefined || rb.example === null) return /json/.test(rb.contentType || '') ? '{}' : '';
  return typeof rb.example === 'string' && !/json/.test(rb.contentType || '')
    ? rb.example
    : JSON.stringify(rb.example, null, 2);
}

export function bodyField(rb) {
  const id = nextId('body');
  const initial = initialBody(rb);
  const area = h('textarea', {
    id,
    class: 'input code',
    rows: Math.min(14, Math.max(4, initial.split('\n').length + 1)),
    spellcheck: 'false',
  });
  area.value = initial;
  const el = h(
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
    area,
  );
  return { el, area };
}

export function extraHeadersField(op, schemes) {
  const extraId = nextId('extra');
  const creds = credentialLines(op, schemes);
  const area = h('textarea', {
    id: extraId,
    class: 'input code',
    rows: Math.max(2, creds.length + 1),
    spellcheck: 'false',
    placeholder: 'X-Request-Id: 123',
    'aria-describedby': `${extraId}-hint`,
  });
  area.value = creds.join('\n');
  const el = h(
    'div',
    { class: 'field' },
    h('label', { for: extraId }, 'Extra headers'),
    area,
    h(
      'span',
      { id: `${extraId}-hint`, class: 'hint' },
      creds.length
        ? 'One "Name: value" per line. This operation requires credentials; the mock checks that they are present, not their value.'
        : 'One "Name: value" per line.',
    ),
  );
  return { el, area };
}

function statusSelect(id, responses) {
  return h(
    'select',
    { id, class: 'input' },
    h('option', { value: '' }, 'Default'),
    responses
      .filter((r) => /^\d{3}$/.test(String(r.status)))
      .map((r) =>
        h('option', { value: r.status }, `${r.status}${r.description ? ` — ${r.description}` : ''}`),
      ),
  );
}

/** The example picker lists the examples of the chosen status (or of every status). */
function bindExamples(statusSel, exampleSel, responses) {
  const fill = () => {
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
  statusSel.addEventListener('change', fill);
  fill();
}

/** Response preferences, sent as a Prism-compatible Prefer header. */
export function responsePrefs(op) {
  const responses = Array.isArray(op.responses) ? op.responses : [];
  const [statusId, exampleId, seedId, dynId] = ['status', 'example', 'seed', 'dynamic'].map((p) => nextId(p));
  const statusSel = statusSelect(statusId, responses);
  const exampleSel = h('select', { id: exampleId, class: 'input' });
  bindExamples(statusSel, exampleSel, responses);
  const seedInput = h('input', {
    id: seedId,
    class: 'input',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'e.g. 42',
  });
  const dynBox = h('input', { id: dynId, type: 'checkbox' });
  const el = h(
    'fieldset',
    { class: 'fieldset prefs' },
    h('legend', null, 'Response'),
    h('div', { class: 'field' }, h('label', { for: statusId }, 'Status'), statusSel),
    h('div', { class: 'field' }, h('label', { for: exampleId }, 'Example'), exampleSel),
    h('div', { class: 'field' }, h('label', { for: seedId }, 'Seed'), seedInput),
    h('div', { class: 'field field-check' }, dynBox, h('label', { for: dynId }, 'Dynamic (ignore examples)')),
  );
  return { el, statusSel, exampleSel, seedInput, dynBox };
}
