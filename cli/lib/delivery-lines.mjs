// Webhook and callback deliveries as lines a person reads in a terminal: one line per attempt, each
// self-contained (time, delivery id, name, target), because with --follow the attempts of several
// deliveries interleave as retries come due.

/** A delivery that may still get attempts (the server retries on its own alarm). */
export function settled(delivery) {
  return !['pending', 'retrying', 'queued', 'sending'].includes(delivery.status);
}

function attemptsOf(delivery) {
  return Array.isArray(delivery.attempts) ? delivery.attempts : [];
}

function outcome(attempt) {
  const parts = [];
  if (attempt.status !== undefined && attempt.status !== null) parts.push(String(attempt.status));
  if (attempt.error) parts.push(attempt.error);
  if (attempt.durationMs !== undefined) parts.push(`${attempt.durationMs} ms`);
  return parts.join('  ') || 'no answer';
}

function head(delivery) {
  const kind = delivery.kind === 'callback' ? 'callback ' : '';
  return `${delivery.id}  ${kind}${delivery.name}  ${delivery.request?.method ?? 'POST'} ${delivery.url}`;
}

/**
 * The lines of the attempts after the first `from` (undefined: nothing printed yet), or of the
 * delivery itself while it has none. The last attempt carries the final status or the next try.
 */
export function deliveryLines(delivery, from) {
  const attempts = attemptsOf(delivery);
  if (attempts.length === 0)
    return from === undefined
      ? [`${delivery.createdAt ?? delivery.at ?? ''}  ${head(delivery)}  ${delivery.status}`]
      : [];
  from ??= 0;
  return attempts.slice(from).map((a, i) => {
    const n = from + i + 1;
    const last = n === attempts.length;
    const final = last && (settled(delivery) || delivery.nextAttemptAt) ? `  ${finalWord(delivery)}` : '';
    return `${a.at ?? ''}  ${head(delivery)}  attempt ${n}: ${outcome(a)}${final}`;
  });
}

function finalWord(delivery) {
  if (!settled(delivery) && delivery.nextAttemptAt) return `(next attempt ${delivery.nextAttemptAt})`;
  return `→ ${delivery.status}`;
}

/** A message as headers then body, indented under a title. */
function message(title, msg) {
  if (!msg) return [];
  const lines = [`${title}${msg.status !== undefined ? ` ${msg.status}` : ''}:`];
  if (msg.method || msg.url) lines.push(`  ${msg.method ?? ''} ${msg.url ?? ''}`.trimEnd());
  for (const [k, v] of Object.entries(msg.headers ?? {})) lines.push(`  ${k}: ${v}`);
  if (msg.body !== undefined && msg.body !== null && msg.body !== '') {
    lines.push('');
    lines.push(...prettyBody(msg.body).map((l) => `  ${l}`));
    if (msg.truncated) lines.push('  … (truncated)');
  }
  return lines;
}

function prettyBody(body) {
  if (typeof body !== 'string') return JSON.stringify(body, null, 2).split('\n');
  try {
    return JSON.stringify(JSON.parse(body), null, 2).split('\n');
  } catch {
    return body.split('\n');
  }
}

/** One delivery in full: what was sent, every attempt, and the receiver's last answer. */
export function deliveryDetail(delivery) {
  return [
    `${head(delivery)}  ${delivery.status}`,
    ...(delivery.on ? [`  triggered by ${delivery.on}`] : []),
    ...message('Sent', delivery.request),
    'Attempts:',
    ...(attemptsOf(delivery).length
      ? attemptsOf(delivery).map((a, i) => `  ${i + 1}. ${a.at ?? ''}  ${outcome(a)}`)
      : ['  none yet']),
    ...message('Answer', delivery.response),
  ];
}
