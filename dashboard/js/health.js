import { h } from './dom.js';
import { state, client } from './session.js';
import { showBanner, hideBanner } from './feedback.js';
import { enterApp } from './onboarding.js';

let healthTimer = 0;
export async function checkHealth() {
  try {
    await client.health();
    if (healthTimer) {
      healthTimer = 0;
      hideBanner();
      if (state.key) enterApp();
    }
    return true;
  } catch (err) {
    if (err.kind === 'network' || err.status >= 500) {
      showBanner(
        'specmock is unreachable right now. The dashboard retries every 10 seconds; your key and work are kept.',
        [h('button', { type: 'button', class: 'btn btn-small', onclick: checkHealth }, 'Retry now')],
      );
      clearTimeout(healthTimer);
      healthTimer = setTimeout(checkHealth, 10000);
    }
    return false;
  }
}
