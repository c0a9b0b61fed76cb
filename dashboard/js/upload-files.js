// Several files (a folder, or files chosen together) or one archive to publish as one description:
// which files, which one is the entry document (detected, or chosen here), and the request body.
import { h, $, clear, formatBytes } from './dom.js';
import { state } from './session.js';
import { guessEntry } from './entry-guess.js';

const ARCHIVE = /\.(?:zip|tar\.gz|tgz|tar)$/i;

export function isArchive(file) {
  return ARCHIVE.test(file.name);
}

/** The files of a folder or a multiple choice; the entry is detected from their text. */
export async function setFiles(list) {
  const up = state.upload;
  up.files = await Promise.all(list.map(async (f) => ({ ...f, text: await f.file.text().catch(() => '') })));
  up.archive = null;
  const guess = guessEntry(up.files);
  up.entry = guess.entry ?? '';
  up.candidates = guess.candidates;
  renderFiles();
  return entryText();
}

/** A .zip or .tar.gz goes up as it is; the service finds the entry (or asks for it). */
export function setArchive(file) {
  const up = state.upload;
  up.files = null;
  up.archive = file;
  up.entry = '';
  up.candidates = [];
  renderFiles();
}

export function clearFiles() {
  const up = state.upload;
  up.files = null;
  up.archive = null;
  up.entry = '';
  up.candidates = [];
  clear($('#files-panel'));
  $('#files-panel').hidden = true;
}

export function hasFiles() {
  return Boolean(state.upload.files || state.upload.archive);
}

/** The entry document's text (for the name and version guesses and error excerpts). */
function entryText() {
  return fileText(state.upload.entry);
}

export function fileText(path) {
  return state.upload.files?.find((f) => f.path === path)?.text;
}

/** The body of the publish request: multipart with one part per file, or the archive as it is. */
export function filesBody() {
  const up = state.upload;
  if (up.archive) return { body: up.archive, query: up.entry ? { entry: up.entry } : {} };
  const form = new FormData();
  for (const f of up.files) form.append('file', f.file, f.path);
  if (up.entry) form.append('entry', up.entry);
  return { body: form, query: {} };
}

export function chooseEntry(path) {
  state.upload.entry = path;
  if (state.upload.files) renderFiles();
}

function renderFiles() {
  const up = state.upload;
  const panel = $('#files-panel');
  panel.hidden = false;
  const total = up.archive ? up.archive.size : up.files.reduce((n, f) => n + f.file.size, 0);
  $('#file-name').textContent = up.archive
    ? `${up.archive.name} · ${formatBytes(total)}`
    : `${up.files.length} files · ${formatBytes(total)}`;
  $('#file-chip').hidden = false;
  const parts = up.archive
    ? [h('p', { class: 'hint' }, 'The archive is published as it is; the entry document is found in it.')]
    : [up.candidates.length > 0 ? entryField() : null, fileList()];
  panel.replaceChildren(...parts.filter(Boolean));
}

function entryField() {
  const up = state.upload;
  const select = h(
    'select',
    { id: 'entry-select', class: 'input', 'aria-describedby': 'entry-hint' },
    up.entry ? null : h('option', { value: '' }, 'Choose the entry document…'),
    up.candidates.map((p) => h('option', { value: p, selected: p === up.entry }, p)),
  );
  select.addEventListener('change', () => chooseEntry(select.value));
  const hint = up.entry
    ? 'Detected: the one file with openapi or swagger at its top that no other file references.'
    : `${up.candidates.length} files could be the entry document; choose one.`;
  return h(
    'div',
    { class: 'field entry-field' },
    h('label', { for: 'entry-select' }, 'Entry document'),
    select,
    h('span', { id: 'entry-hint', class: up.entry ? 'hint' : 'hint hint-warn' }, hint),
  );
}

function fileList() {
  const up = state.upload;
  return h(
    'details',
    { class: 'file-list' },
    h('summary', null, `The ${up.files.length} files`),
    h(
      'ul',
      null,
      up.files.map((f) =>
        h(
          'li',
          null,
          h('code', null, f.path),
          f.path === up.entry ? h('span', { class: 'file-badge' }, 'entry') : null,
        ),
      ),
    ),
  );
}
