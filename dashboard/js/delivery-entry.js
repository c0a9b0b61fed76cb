// One webhook or callback delivery: a summary line that expands to what was sent, every attempt and
// the receiver's answer, with a button to send it again.
import { h, formatDate } from './dom.js';
import { message } from './call-entry.js';

const SETTLED_OK = ['delivered', 'succeeded', 'ok'];
const PENDING = ['pending', 'retrying', 'queued', 'sending'];

/** Still being tried: the feed reads it again until it settles. */
export function isPending(delivery) {
  return PENDING.includes(delivery.status);
}

function statusTag(delivery) {
  const cls = SETTLED_OK.includes(delivery.status)
    ? 'status-2xx'
    : isPending(delivery)
      ? 'status-3xx'
      : 'status-5xx';
  return h('span', { class: `status ${cls} delivery-status` }, delivery.status);
}

function attemptRows(attempts) {
  if (!attempts.length) return h('p', { class: 'muted' }, 'No attempt yet.');
  return h(
    'ol',
    { class: 'delivery-attempts' },
    attempts.map((a) =>
      h(
        'li',
        { class: 'delivery-attempt' },
        h('time', { datetime: a.at }, formatDate(a.at)),
        a.status !== undefined && a.status !== null
          ? h('span', { class: `status status-${String(a.status)[0]}xx` }, String(a.status))
          : null,
        a.durationMs !== undefined ? h('span', { class: 'muted' }, `${a.durationMs} ms`) : null,
        a.error ? h('span', { class: 'delivery-error' }, a.error) : null,
      ),
    ),
  );
}

/** The receiver's answer: the delivery's, else the last attempt that has one. */
function answerOf(delivery, attempts) {
  if (delivery.response) return delivery.response;
  return [...attempts].reverse().find((a) => a.response)?.response;
}

export function renderDelivery(delivery, { onRedeliver }) {
  const attempts = Array.isArray(delivery.attempts) ? delivery.attempts : [];
  const last = attempts[attempts.length - 1];
  const answer = answerOf(delivery, attempts);
  const again = h('button', { type: 'button', class: 'btn btn-small' }, 'Redeliver');
  again.addEventListener('click', () => onRedeliver(delivery, again));
  return h(
    'details',
    {
      class: 'op call delivery',
      'data-id': delivery.id,
      'data-status': delivery.status,
      'data-url': delivery.url,
    },
    h(
      'summary',
      { class: 'op-summary call-summary' },
      statusTag(delivery),
      h('span', { class: 'tag' }, delivery.kind === 'callback' ? 'callback' : 'webhook'),
      h('code', { class: 'delivery-name' }, delivery.name),
      h('code', { class: 'op-path call-path' }, delivery.url),
      h(
        'span',
        { class: 'muted call-meta' },
        h('time', { datetime: delivery.createdAt }, formatDate(delivery.createdAt)),
        ` · ${attempts.length === 1 ? '1 attempt' : `${attempts.length} attempts`}`,
        last && last.status !== undefined && last.status !== null ? ` · answered ${last.status}` : '',
      ),
    ),
    h(
      'div',
      { class: 'tryit call-body' },
      delivery.on ? h('p', { class: 'muted' }, 'Sent after ', h('code', null, delivery.on)) : null,
      message('Sent', delivery.request || {}),
      h('section', { class: 'call-part' }, h('h4', null, 'Attempts'), attemptRows(attempts)),
      answer ? message(`Receiver's answer (${answer.status})`, answer) : null,
      h('div', { class: 'actions' }, again),
    ),
  );
}
