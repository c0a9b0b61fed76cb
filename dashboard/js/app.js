// The dashboard's entry: binds the page once and shows onboarding or the app.
import { $, announce } from './dom.js';
import { state } from './session.js';
import { showOnboarding } from './forget-key.js';
import { bindKey, enterApp } from './onboarding.js';
import { bindUpload } from './upload.js';
import { loadApis } from './apis-nav.js';
import { loadUsage } from './usage-panel.js';
import { route } from './router.js';
import { checkHealth } from './health.js';

function start() {
  bindKey();
  bindUpload();
  $('#refresh-apis').addEventListener('click', async () => {
    await loadApis();
    announce('API list refreshed');
  });
  $('#refresh-usage').addEventListener('click', async () => {
    await loadUsage();
    announce('Usage refreshed');
  });
  window.addEventListener('hashchange', () => {
    state.focusView = state.nextFocus ?? true;
    state.nextFocus = undefined;
    route();
  });
  window.addEventListener('online', checkHealth);
  checkHealth();
  if (state.key) enterApp();
  else showOnboarding();
}

start();
