import { h, announce } from './dom.js';
import { state, client } from './session.js';
import { friendly, showBanner, hideBanner } from './feedback.js';
import { confirmDialog } from './confirm-dialog.js';
import { handleAuthError } from './forget-key.js';
import { apiHref, navigate } from './routes.js';
import { loadApis } from './apis-nav.js';

export async function deleteVersion(api, version, count) {
  const last = count <= 1;
  const ok = await confirmDialog({
    title: `Delete ${api} ${version}?`,
    text: `The mock URL for ${version} stops working immediately${last ? ', and this is the last version of the API' : ''}. This cannot be undone.`,
    ok: 'Delete version',
  });
  if (!ok) return;
  try {
    await client.deleteVersion(api, version);
    announce(`Deleted ${api} ${version}`);
    await loadApis();
    navigate(state.apis.some((a) => a.api === api) ? apiHref(api) : '#/');
  } catch (err) {
    handleAuthError(err);
    showBanner(`Could not delete ${api} ${version}. ${friendly(err)}`, [
      h('button', { type: 'button', class: 'btn btn-small', onclick: hideBanner }, 'Dismiss'),
    ]);
  }
}

export async function deleteApi(api) {
  const ok = await confirmDialog({
    title: `Delete the API ${api}?`,
    text: `All versions of ${api} and their mock URLs are deleted. This cannot be undone.`,
    ok: 'Delete API',
  });
  if (!ok) return;
  try {
    await client.deleteApi(api);
    announce(`Deleted ${api}`);
    await loadApis();
    navigate('#/');
  } catch (err) {
    handleAuthError(err);
    showBanner(`Could not delete ${api}. ${friendly(err)}`, [
      h('button', { type: 'button', class: 'btn btn-small', onclick: hideBanner }, 'Dismiss'),
    ]);
  }
}
