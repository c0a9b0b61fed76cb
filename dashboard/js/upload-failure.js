// A refused publish: the problem with its pointers (file#pointer for several files), and the way
// forward: the next free version on a conflict, a new name on 403, the entry when it is ambiguous.
import { h, $ } from './dom.js';
import { state, client } from './session.js';
import { friendly, errorNotice, renderProblem } from './feedback.js';
import { handleAuthError } from './forget-key.js';
import { nextFreeVersion } from './spec-guess.js';
import { chooseEntry, fileText } from './upload-files.js';

async function conflictHelp(api, version) {
  let versions = [];
  try {
    const { data } = await client.getApi(api);
    versions = (data.versions || []).map((v) => v.version);
  } catch {
    versions = [version];
  }
  const next = nextFreeVersion(version, versions);
  const btn = h('button', { type: 'button', class: 'btn btn-primary btn-small' }, `Publish as ${next}`);
  btn.addEventListener('click', () => {
    $('#api-version').value = next;
    state.upload.versionDirty = true;
    $('#upload-form').requestSubmit();
  });
  return h(
    'div',
    { class: 'suggest' },
    h(
      'p',
      null,
      `Versions are immutable. ${version} already exists with different content; the next free version is `,
      h('code', null, next),
      '.',
    ),
    btn,
  );
}

/** The service could not tell which file is the entry: offer its candidates. */
function entryHelp(candidates) {
  const select = h(
    'select',
    { class: 'input', 'aria-label': 'Entry document' },
    candidates.map((p) => h('option', { value: p }, p)),
  );
  const btn = h('button', { type: 'button', class: 'btn btn-primary btn-small' }, 'Publish with this entry');
  btn.addEventListener('click', () => {
    chooseEntry(select.value);
    $('#upload-form').requestSubmit();
  });
  return h('div', { class: 'suggest' }, h('p', null, 'Which file is the entry document?'), select, btn);
}

/** The notice for a failed publish. */
export async function failureNotice(err, { api, version, text }, nameInput) {
  if (handleAuthError(err) || err.kind === 'network') return errorNotice(err);
  const type = String(err.problem?.type ?? '');
  if (err.status === 409 && !type.endsWith('/limit-reached')) {
    return h(
      'div',
      { class: 'notice notice-warn' },
      renderProblem(err.problem),
      await conflictHelp(api, version),
    );
  }
  if (err.status === 403) {
    nameInput.setAttribute('aria-invalid', 'true');
    return h(
      'div',
      { class: 'notice notice-error' },
      renderProblem(err.problem),
      h('p', null, `The name ${api} belongs to another key. Choose a different API name.`),
    );
  }
  const candidates = err.problem?.candidates;
  if (type.endsWith('/entry-required') && Array.isArray(candidates) && candidates.length > 0) {
    return h('div', { class: 'notice notice-warn' }, renderProblem(err.problem), entryHelp(candidates));
  }
  // Excerpts come from the file an error names (several files), else from the one document.
  const source = (file) => (file ? fileText(file) : text || fileText(state.upload.entry));
  return h(
    'div',
    { class: 'notice notice-error' },
    renderProblem(err.problem || { title: friendly(err) }, source),
  );
}
