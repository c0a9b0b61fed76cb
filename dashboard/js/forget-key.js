// What happens when the key goes away: forgotten on purpose, or rejected by the service.
import { h, $, clear, announce } from './dom.js';
import { state, setKey } from './session.js';
import { showBanner, hideBanner } from './feedback.js';

export function forgetKey() {
  setKey('');
  state.apis = [];
  hideBanner();
  $('#new-key-notice').hidden = true;
  clear($('#upload-result'));
  clear($('#view'));
  announce('Key forgotten');
  location.hash = '#/';
  showOnboarding();
}

export function showOnboarding() {
  $('#app').hidden = true;
  $('#key-chip').hidden = true;
  $('#onboarding').hidden = false;
  document.title = 'specmock dashboard';
}

export function handleAuthError(err) {
  if (err?.status === 401) {
    showBanner('Your API key was not accepted. It may have been deleted or mistyped.', [
      h('button', { type: 'button', class: 'btn btn-small', onclick: forgetKey }, 'Forget this key'),
    ]);
    return true;
  }
  return false;
}
