// The publish form: validation, upload with progress, and what to do with each answer.
import { h, $, clear, announce, formatNumber } from './dom.js';
import { state, client } from './session.js';
import { friendly, errorNotice, renderProblem } from './feedback.js';
import { handleAuthError } from './forget-key.js';
import { detectContentType, isValidApiName, isValidVersion, nextFreeVersion } from './spec-guess.js';
import { apiHref, navigate } from './routes.js';
import { loadApis } from './apis-nav.js';
import { refreshUsageSoon } from './usage-panel.js';
import { urlRow } from './view-parts.js';
import { applyGuess, setFile, clearFile } from './upload-source.js';
import { bindPageDrop } from './page-drop.js';

function setBusy(busy) {
  $('#upload-btn').disabled = busy;
  $('#upload-form').setAttribute('aria-busy', busy ? 'true' : 'false');
}

function uploadResult(status, data) {
  const unchanged = status === 200;
  const warnings = Array.isArray(data.warnings) ? data.warnings : [];
  return h(
    'div',
    {
      class: `notice ${unchanged ? 'notice-info' : 'notice-success'}`,
      'data-result': unchanged ? 'unchanged' : 'created',
    },
    h(
      'p',
      null,
      h('strong', null, unchanged ? 'Unchanged. ' : 'Published. '),
      unchanged
        ? `${data.api} ${data.version} already has exactly this content.`
        : `${data.api} ${data.version} is live with ${formatNumber(data.operations)} operation${data.operations === 1 ? '' : 's'}.`,
    ),
    h(
      'div',
      { class: 'urls' },
      urlRow('Mock URL', data.mockUrl),
      data.latestUrl ? urlRow('Latest URL', data.latestUrl) : null,
    ),
    warnings.length
      ? h(
          'details',
          { class: 'warnings' },
          h('summary', null, `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`),
          h(
            'ul',
            null,
            warnings.map((w) =>
              h('li', null, w.pointer ? h('code', { class: 'pointer' }, w.pointer) : null, ' ', w.message),
            ),
          ),
        )
      : null,
    h(
      'p',
      null,
      h('a', { href: apiHref(data.api, data.version), class: 'btn btn-small' }, 'View operations and try it'),
    ),
  );
}

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

/** What is wrong with the form, each with the input to focus; marks the invalid inputs. */
function formProblems({ file, text, api, version }, { fileInput, nameInput, versionInput }) {
  const problems = [];
  if (!file && !text.trim())
    problems.push(['Choose a file, drop one on the page, or paste the spec text.', fileInput]);
  if (!isValidApiName(api)) {
    problems.push([
      api
        ? 'The API name may only contain lowercase letters, digits and dashes (up to 63), starting with a letter or digit.'
        : 'Enter an API name.',
      nameInput,
    ]);
    nameInput.setAttribute('aria-invalid', 'true');
  }
  if (!isValidVersion(version)) {
    problems.push([
      version
        ? 'The version may only contain letters, digits, ".", "_" and "-" (up to 64), and cannot be "latest".'
        : 'Enter a version.',
      versionInput,
    ]);
    versionInput.setAttribute('aria-invalid', 'true');
  }
  return problems;
}

function progressReporter(progress, statusEl) {
  return (p) => {
    if (p.phase === 'upload' && p.total) {
      progress.value = Math.round((p.loaded / p.total) * 100);
      statusEl.textContent = `Uploading… ${Math.round((p.loaded / p.total) * 100)}%`;
    } else if (p.phase === 'processing') {
      progress.removeAttribute('value'); // indeterminate while the service checks the spec
      statusEl.textContent = 'Checking the spec…';
    }
  };
}

/** The notice for a failed publish: a conflict offers the next free version, a 403 a new name. */
async function failureNotice(err, { api, version, text }, nameInput) {
  if (handleAuthError(err) || err.kind === 'network') return errorNotice(err);
  if (err.status === 409 && !String(err.problem?.type ?? '').endsWith('/limit-reached')) {
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
  return h(
    'div',
    { class: 'notice notice-error' },
    renderProblem(err.problem || { title: friendly(err) }, text),
  );
}

async function publish(input, els) {
  const { progress, statusEl, result } = els;
  const { api, version, text } = input;
  setBusy(true);
  clear(result);
  progress.hidden = false;
  progress.value = 0;
  progress.setAttribute('value', '0');
  statusEl.textContent = 'Uploading…';
  try {
    const { status, data } = await client.upload({
      api,
      version,
      body: input.file || new Blob([text]),
      contentType: detectContentType(text || ''),
      onProgress: progressReporter(progress, statusEl),
    });
    progress.hidden = true;
    statusEl.textContent = status === 200 ? 'Unchanged' : 'Published';
    result.replaceChildren(uploadResult(status, data));
    announce(status === 200 ? `${api} ${version} is unchanged` : `Published ${api} ${version}`);
    await loadApis();
    refreshUsageSoon();
    navigate(apiHref(data.api || api, data.version || version), { focus: false });
  } catch (err) {
    progress.hidden = true;
    statusEl.textContent = '';
    result.replaceChildren(await failureNotice(err, input, els.nameInput));
    result.scrollIntoView({ block: 'nearest' });
  } finally {
    setBusy(false);
  }
}

function formElements() {
  return {
    form: $('#upload-form'),
    fileInput: $('#spec-file'),
    textArea: $('#spec-text'),
    nameInput: $('#api-name'),
    versionInput: $('#api-version'),
    errorEl: $('#upload-error'),
    progress: $('#upload-progress'),
    statusEl: $('#upload-status'),
    result: $('#upload-result'),
  };
}

export function bindUpload() {
  const els = formElements();
  const { form, fileInput, textArea, nameInput, versionInput, errorEl } = els;
  fileInput.addEventListener('change', () => {
    if (fileInput.files && fileInput.files[0]) setFile(fileInput.files[0]);
  });
  $('#file-clear').addEventListener('click', () => {
    clearFile();
    fileInput.focus();
  });
  let guessTimer = 0;
  textArea.addEventListener('input', () => {
    if (state.upload.file) clearFile();
    clearTimeout(guessTimer);
    guessTimer = setTimeout(() => {
      guessTimer = 0;
      applyGuess(textArea.value);
    }, 150);
  });
  nameInput.addEventListener('input', () => {
    state.upload.nameDirty = nameInput.value !== '';
    nameInput.removeAttribute('aria-invalid');
  });
  versionInput.addEventListener('input', () => {
    state.upload.versionDirty = versionInput.value !== '';
    versionInput.removeAttribute('aria-invalid');
  });
  bindPageDrop();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorEl.hidden = true;
    if (guessTimer) {
      clearTimeout(guessTimer);
      guessTimer = 0;
      if (!state.upload.file) applyGuess(textArea.value);
    }
    const up = state.upload;
    const text = up.file ? up.fileText : textArea.value;
    const input = { file: up.file, text, api: nameInput.value.trim(), version: versionInput.value.trim() };
    const problems = formProblems(input, els);
    if (problems.length) {
      errorEl.replaceChildren(...problems.map(([msg]) => h('span', { class: 'err-line' }, msg)));
      errorEl.hidden = false;
      problems[0][1].focus();
      return;
    }
    await publish(input, els);
  });
}
