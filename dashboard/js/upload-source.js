// The spec to publish: a chosen or dropped file, or pasted text; either fills in name and version.
import { $, clear, formatBytes } from './dom.js';
import { state } from './session.js';
import { guessFromText } from './spec-guess.js';

export function applyGuess(text) {
  const guess = guessFromText(text);
  const name = $('#api-name');
  const version = $('#api-version');
  if (!state.upload.nameDirty && guess.name) name.value = guess.name;
  if (!state.upload.versionDirty && guess.versionSuggestion) version.value = guess.versionSuggestion;
}

export async function setFile(file) {
  const up = state.upload;
  up.file = file;
  up.fileText = '';
  $('#spec-text').value = '';
  $('#paste-details').open = false;
  $('#file-name').textContent = `${file.name} · ${formatBytes(file.size)}`;
  $('#file-chip').hidden = false;
  $('#upload-error').hidden = true;
  clear($('#upload-result'));
  try {
    up.fileText = await file.text();
    applyGuess(up.fileText);
  } catch {
    up.fileText = '';
  }
}

export function clearFile() {
  state.upload.file = null;
  state.upload.fileText = '';
  $('#spec-file').value = '';
  $('#file-chip').hidden = true;
}
