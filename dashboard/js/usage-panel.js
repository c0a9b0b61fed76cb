import { $ } from './dom.js';
import { client } from './session.js';
import { errorNotice } from './feedback.js';
import { handleAuthError } from './forget-key.js';
import { renderUsage } from './usage.js';

let usageTimer = 0;
export function refreshUsageSoon() {
  clearTimeout(usageTimer);
  usageTimer = setTimeout(loadUsage, 700);
}

export async function loadUsage() {
  const box = $('#usage');
  try {
    const { data } = await client.usage();
    renderUsage(box, data);
  } catch (err) {
    handleAuthError(err);
    box.replaceChildren(errorNotice(err, loadUsage));
  }
}
