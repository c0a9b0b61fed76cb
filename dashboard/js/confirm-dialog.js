import { $ } from './dom.js';

export function confirmDialog({ title, text, ok = 'Delete' }) {
  const dialog = $('#confirm-dialog');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  $('#confirm-ok').textContent = ok;
  dialog.returnValue = '';
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        resolve(dialog.returnValue === 'confirm');
        if (opener && opener.isConnected) opener.focus();
      },
      { once: true },
    );
    dialog.showModal();
  });
}
