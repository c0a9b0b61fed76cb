// The publish form: validation, upload with progress, and what to do with each answer.
import { h, $, clear, announce } from './dom.js';
import { state, client } from './session.js';
import { detectContentType, isValidApiName, isValidVersion } from './spec-guess.js';
import { apiHref, navigate } from './routes.js';
import { loadApis } from './apis-nav.js';
import { refreshUsageSoon } from './usage-panel.js';
import { applyGuess, clearFile, setFileList } from './upload-source.js';
import { bindPageDrop } from './page-drop.js';
import { filesFromInput } from './folder-read.js';
import { filesBody, hasFiles } from './upload-files.js';
import { hereRoute, uploadResult } from './upload-result.js';
import { failureNotice } from './upload-failure.js';

function setBusy(busy) {
  $('#upload-btn').disabled = busy;
  $('#upload-form').setAttribute('aria-busy', busy ? 'true' : 'false');
}

/** What is wrong with the form, each with the input to focus; marks the invalid inputs. */
function formProblems({ file, text, api, version }, { fileInput, nameInput, versionInput }) {
  const problems = [];
  if (!file && !hasFiles() && !text.trim())
    problems.push(['Choose a file or a folder, drop them on the page, or paste the spec text.', fileInput]);
  if (state.upload.files && !state.upload.entry)
    problems.push(['Choose the entry document among the files.', $('#entry-select')]);
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

const ARCHIVE_TYPES = { zip: 'application/zip', tar: 'application/x-tar' };

/** One document as it is; several files as multipart; an archive as it is, typed by its name. */
function requestBody(file, text) {
  if (!hasFiles()) return { body: file || new Blob([text]), contentType: detectContentType(text || '') };
  const { body, query } = filesBody();
  if (body instanceof FormData) return { body, query };
  const ext = /\.zip$/i.test(body.name) ? 'zip' : /\.tar$/i.test(body.name) ? 'tar' : 'gz';
  return { body, query, contentType: ARCHIVE_TYPES[ext] ?? 'application/gzip' };
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
      ...requestBody(input.file, text),
      onProgress: progressReporter(progress, statusEl),
    });
    progress.hidden = true;
    statusEl.textContent = status === 200 ? 'Unchanged' : 'Published';
    const published = apiHref(data.api || api, data.version || version);
    await loadApis();
    // The result appears in the same task as the navigation to the version it belongs to, so
    // nothing (a person or a test) sees it above the form it no longer belongs to.
    result.replaceChildren(uploadResult(status, data));
    result.dataset.route = published;
    announce(status === 200 ? `${api} ${version} is unchanged` : `Published ${api} ${version}`);
    refreshUsageSoon();
    navigate(published, { focus: false });
    window.scrollTo(0, 0); // the result sits above the version's page, at the top
  } catch (err) {
    progress.hidden = true;
    statusEl.textContent = '';
    result.replaceChildren(await failureNotice(err, input, els.nameInput));
    result.dataset.route = hereRoute();
    result.scrollIntoView({ block: 'nearest' });
  } finally {
    setBusy(false);
  }
}

function formElements() {
  return {
    form: $('#upload-form'),
    fileInput: $('#spec-file'),
    folderInput: $('#spec-folder'),
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
  const { form, fileInput, folderInput, textArea, nameInput, versionInput, errorEl } = els;
  for (const input of [fileInput, folderInput])
    input.addEventListener('change', () => setFileList(filesFromInput(input.files)));
  $('#file-clear').addEventListener('click', () => {
    clearFile();
    fileInput.focus();
  });
  let guessTimer = 0;
  textArea.addEventListener('input', () => {
    if (state.upload.file || hasFiles()) clearFile();
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
    const text = up.file ? up.fileText : hasFiles() ? '' : textArea.value;
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
