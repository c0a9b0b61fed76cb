// The API's webhook signing secret: hidden until asked, copied, rotated (the old one stops signing
// at once), with the few lines a receiver needs to check the Specmock-Signature header.
import { h, announce, copyButton } from './dom.js';
import { hooksApi } from './webhooks-api.js';
import { friendly } from './feedback.js';
import { confirmDialog } from './confirm-dialog.js';
import { codeBlock } from './view-parts.js';

const VERIFY = `import { createHmac, timingSafeEqual } from 'node:crypto';

// rawBody: the body exactly as received (before any JSON parsing);
// header: the Specmock-Signature header, "t=<unix seconds>,v1=<hex>".
export function verifySpecmock(rawBody, header, secret, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=')));
  const t = Number(parts.t);
  if (!t || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}`;

export function webhookSecretPanel(api, initial) {
  const box = h('section', { class: 'access', id: 'hook-secret', 'aria-labelledby': 'hook-secret-title' });
  let shown = false;
  const render = (secret) => {
    const value = h(
      'code',
      { class: 'url', id: 'hook-secret-value' },
      shown ? secret : '•'.repeat(Math.min(32, secret.length)),
    );
    const toggle = h(
      'button',
      { type: 'button', class: 'btn btn-small btn-ghost', 'aria-pressed': String(shown) },
      shown ? 'Hide' : 'Show',
    );
    toggle.addEventListener('click', () => {
      shown = !shown;
      render(secret);
    });
    const rotate = h(
      'button',
      { type: 'button', class: 'btn btn-small', id: 'hook-secret-rotate' },
      'Rotate',
    );
    rotate.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: 'Rotate the signing secret?',
        text: 'Deliveries are signed with the new secret from now on; receivers that check the old one will refuse them.',
        ok: 'Rotate',
      });
      if (!ok) return;
      rotate.disabled = true;
      try {
        const { data } = await hooksApi.rotateSecret(api);
        render(data.webhookSecret);
        announce('Signing secret rotated');
      } catch (err) {
        announce(`Could not rotate the secret. ${friendly(err)}`, 'error');
        rotate.disabled = false;
      }
    });
    box.replaceChildren(
      h('h3', { class: 'subhead', id: 'hook-secret-title' }, 'Signing secret'),
      h(
        'p',
        { class: 'muted' },
        'Every delivery carries Specmock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with this secret>, plus Specmock-Delivery and Specmock-Webhook.',
      ),
      h(
        'div',
        { class: 'url-row' },
        h('span', { class: 'url-label' }, 'Secret'),
        value,
        toggle,
        copyButton(secret, 'Copy', 'signing secret'),
        rotate,
      ),
      h('details', null, h('summary', null, 'Verify a delivery (Node)'), codeBlock('verify.mjs', VERIFY)),
    );
  };
  if (initial) render(initial);
  else box.replaceChildren(h('p', { class: 'muted' }, 'This API has no signing secret yet.'));
  return box;
}
