// The spec to publish: a chosen or dropped file, several files or a folder, an archive, or pasted
// text; each fills in name and version from the (entry) document.
import { $, clear, formatBytes } from './dom.js';
import { state } from './session.js';
import { guessFromText } from './spec-guess.js';
import { clearFiles, isArchive, setArchive, setFiles } from './upload-files.js';

export function applyGuess(text) {
  const guess = guessFromText(text);
  const name = $('#api-name');
  const version = $('#api-version');
  if (!state.upload.nameDirty && guess.name) name.value = guess.name;
  if (!state.upload.versionDirty && guess.versionSuggestion) version.value = guess.versionSuggestion;
}

function startOver() {
  state.upload.file = null;
  state.upload.fileText = '';
  $('#spec-text').value = '';
  $('#paste-details').open = false;
  $('#upload-error').hidden = true;
  clear($('#upload-result'));
}

async function setFile(file) {
  startOver();
  if (isArchive(file)) {
    setArchive(file);
    return;
  }
  clearFiles();
  const up = state.upload;
  up.file = file;
  $('#file-name').textContent = `${file.name} · ${formatBytes(file.size)}`;
  $('#file-chip').hidden = false;
  try {
    up.fileText = await file.text();
    applyGuess(up.fileText);
  } catch {
    up.fileText = '';
  }
}

/** Files from a folder, a multiple choice or a drop: one plain file is just a file. */
export async function setFileList(list) {
  if (list.length === 0) return;
  if (list.length === 1 && !list[0].path.includes('/')) {
    await setFile(list[0].file);
    return;
  }
  startOver();
  const entry = await setFiles(list);
  if (entry) applyGuess(entry);
}

export function clearFile() {
  state.upload.file = null;
  state.upload.fileText = '';
  clearFiles();
  $('#spec-file').value = '';
  $('#spec-folder').value = '';
  $('#file-chip').hidden = true;
}
