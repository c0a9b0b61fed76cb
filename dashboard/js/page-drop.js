import { $, announce } from './dom.js';
import { state } from './session.js';
import { setFileList } from './upload-source.js';
import { filesFromDrop } from './folder-read.js';
import { currentRoute, navigate } from './routes.js';

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
  document.addEventListener('drop', async (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    zone.classList.remove('dragging');
    if (!state.key) return;
    // A folder or several files publish together; the entries must be read during the event.
    const list = await filesFromDrop(e.dataTransfer);
    if (list.length === 0) return;
    // The publish form is on the home view only.
    if (currentRoute().api) navigate('#/', { focus: false });
    await setFileList(list);
    $('#upload-card').scrollIntoView({ block: 'nearest' });
    announce(
      list.length === 1 ? `${list[0].file.name} ready to publish` : `${list.length} files ready to publish`,
    );
  });
}
