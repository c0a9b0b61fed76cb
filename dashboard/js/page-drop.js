import { $, announce } from './dom.js';
import { state } from './session.js';
import { setFile } from './upload-source.js';

export function bindPageDrop() {
  // Drop anywhere on the page.
  const overlay = $('#drop-overlay');
  const zone = $('#dropzone');
  let depth = 0;
  const hasFiles = (e) => Array.from(e.dataTransfer?.types || []).includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e) || !state.key) return;
    depth++;
    overlay.hidden = false;
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) {
      overlay.hidden = true;
      zone.classList.remove('dragging');
    }
  });
  document.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    zone.classList.remove('dragging');
    const file = e.dataTransfer.files[0];
    if (file && state.key) {
      setFile(file);
      $('#upload-card').scrollIntoView({ block: 'nearest' });
      announce(`${file.name} ready to publish`);
    }
  });
}
