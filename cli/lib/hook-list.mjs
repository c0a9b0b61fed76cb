// The webhooks and callbacks of a version, from its metadata (GET /v1/apis/{api}/versions/{v}),
// as `webhooks list` prints them: the name `webhooks send` takes, kind, method and target.

/** `{ name, kind: 'webhook'|'callback', method, target, operation? }` per webhook or callback. */
export function hookList(version) {
  const raw = Array.isArray(version.webhooks) ? version.webhooks : [];
  return raw.map((w) => ({
    name: w.name,
    kind: w.kind === 'callback' ? 'callback' : 'webhook',
    method: (w.method ?? 'post').toUpperCase(),
    target: w.kind === 'callback' ? (w.expression ?? w.url ?? '') : '(the URL you send it to)',
    ...(w.operation ? { operation: w.operation } : {}),
    ...(w.summary ? { summary: w.summary } : {}),
  }));
}
