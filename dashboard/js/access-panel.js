// Who may call an API's mock: public, or private with a mock token the owner can copy and rotate.
import { h, fill, announce, copyButton } from './dom.js';
import { client } from './session.js';
import { friendly } from './feedback.js';
import { confirmDialog } from './confirm-dialog.js';

export function accessPanel(api, data) {
  const box = h('section', { class: 'access', 'aria-labelledby': 'access-title', id: 'access' });
  const render = (access) => {
    const isPrivate = access.visibility === 'private';
    const toggle = h(
      'button',
      { type: 'button', class: 'btn btn-small', id: 'access-toggle' },
      isPrivate ? 'Make public' : 'Make private',
    );
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      try {
        const { data: next } = await client.setVisibility(api, isPrivate ? 'public' : 'private');
        render(next);
        announce(next.visibility === 'private' ? `${api} is now private` : `${api} is now public`);
      } catch (err) {
        announce(`Could not change the visibility. ${friendly(err)}`, 'error');
        toggle.disabled = false;
      }
    });
    const rotate = h(
      'button',
      { type: 'button', class: 'btn btn-small btn-ghost', id: 'access-rotate' },
      'Rotate token',
    );
    rotate.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: 'Rotate the mock token?',
        text: 'The current token stops working at once; every client must switch to the new one.',
        ok: 'Rotate',
      });
      if (!ok) return;
      try {
        const { data: next } = await client.rotateMockToken(api);
        render(next);
        announce('Mock token rotated');
      } catch (err) {
        announce(`Could not rotate the token. ${friendly(err)}`, 'error');
      }
    });
    fill(
      box,
      h(
        'div',
        { class: 'card-head' },
        h('h3', { class: 'subhead', id: 'access-title' }, 'Access'),
        h(
          'span',
          { class: isPrivate ? 'tag tag-warn' : 'tag', id: 'access-visibility' },
          isPrivate ? 'private' : 'public',
        ),
      ),
      h(
        'p',
        { class: 'muted' },
        isPrivate
          ? 'Mock calls need the token in the X-Specmock-Token header or a ?__token= query parameter. Calls without it get 401 and do not count against your quota.'
          : 'Anyone with a mock URL can call it; the calls count against your quota.',
      ),
      access.mockToken
        ? h(
            'div',
            { class: 'url-row' },
            h('span', { class: 'url-label' }, 'Mock token'),
            h('code', { class: 'url', id: 'access-token' }, access.mockToken),
            copyButton(access.mockToken, 'Copy', 'mock token'),
            rotate,
          )
        : null,
      h('div', { class: 'actions' }, toggle),
    );
  };
  render(data);
  return box;
}
