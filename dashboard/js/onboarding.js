// Getting a key (create or paste), entering the app with it, and the key chip's buttons.
import { $, announce, copyText } from './dom.js';
import { state, client, setKey } from './session.js';
import { friendly } from './feedback.js';
import { confirmDialog } from './confirm-dialog.js';
import { forgetKey } from './forget-key.js';
import { loadApis } from './apis-nav.js';
import { loadUsage } from './usage-panel.js';
import { route } from './router.js';

function maskKey(key) {
  return key.length > 12 ? `${key.slice(0, 6)}…${key.slice(-4)}` : '•'.repeat(Math.min(key.length, 8));
}

export async function enterApp() {
  $('#onboarding').hidden = true;
  $('#app').hidden = false;
  $('#key-chip').hidden = false;
  $('#key-masked').textContent = maskKey(state.key);
  await Promise.all([loadApis(), loadUsage()]);
  await route();
}

export function bindKey() {
  const status = $('#onboarding-status');
  $('#create-key').addEventListener('click', async (e) => {
    const btn = e.currentTarget;
    btn.disabled = true;
    status.textContent = 'Creating your key…';
    try {
      const { data } = await client.createKey();
      setKey(data.key);
      status.textContent = '';
      $('#new-key-value').textContent = data.key;
      $('#new-key-notice').hidden = false;
      announce('Key created');
      await enterApp();
      $('#new-key-copy').focus();
    } catch (err) {
      status.textContent =
        err.status === 403
          ? 'Sign-up is closed on this server. Ask an administrator for a key and paste it here.'
          : friendly(err);
    } finally {
      btn.disabled = false;
    }
  });

  $('#paste-key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('#paste-key');
    const errorEl = $('#paste-key-error');
    const key = input.value.trim();
    errorEl.hidden = true;
    input.removeAttribute('aria-invalid');
    if (!key) {
      errorEl.textContent = 'Paste your API key first.';
      errorEl.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const previous = state.key;
    state.key = key;
    status.textContent = 'Checking the key…';
    try {
      await client.usage();
      setKey(key);
      input.value = '';
      status.textContent = '';
      await enterApp();
    } catch (err) {
      state.key = previous;
      status.textContent = '';
      errorEl.textContent =
        err.status === 401 ? 'That key was not accepted. Check it and try again.' : friendly(err);
      errorEl.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });

  $('#key-forget').addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Forget this key?',
      text: 'The key is removed from this browser only. Your APIs stay published; paste the key again to manage them.',
      ok: 'Forget key',
    });
    if (ok) forgetKey();
  });
  $('#key-copy').addEventListener('click', async () => {
    const ok = await copyText(state.key);
    announce(ok ? 'Key copied' : 'Could not copy the key', ok ? 'info' : 'error');
  });
  $('#new-key-copy').addEventListener('click', async () => {
    const ok = await copyText(state.key);
    announce(ok ? 'Key copied' : 'Could not copy the key', ok ? 'info' : 'error');
  });
  $('#new-key-dismiss').addEventListener('click', () => {
    $('#new-key-notice').hidden = true;
  });
}
