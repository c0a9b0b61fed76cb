import type { ProblemDetailEntry } from '../http/problem';
import type { HookPlan } from '../mock/plan';

/**
 * A standing order: send webhook `webhook` to `url`, and with `on` ("POST /pets") after every 2xx of
 * that operation, stateless or in a sandbox. Without `on` it is only the default target of on-demand
 * sends. Stored whole per API (Deliveries object); at most MAX_SUBSCRIPTIONS.
 */
export interface Subscription {
  webhook: string;
  url: string;
  on?: string;
}

const MAX_SUBSCRIPTIONS = 50;

/** The subscriptions of a PUT body, or every entry that is wrong with it (with its pointer). */
export function readSubscriptions(
  body: unknown,
  hooks: HookPlan[],
  operations: Set<string>,
): { ok: true; list: Subscription[] } | { ok: false; errors: ProblemDetailEntry[] } {
  const raw = (body as { subscriptions?: unknown } | null)?.subscriptions;
  if (!Array.isArray(raw))
    return {
      ok: false,
      errors: [{ pointer: '/subscriptions', message: 'must be an array of {webhook, url, on?}' }],
    };
  if (raw.length > MAX_SUBSCRIPTIONS)
    return {
      ok: false,
      errors: [{ pointer: '/subscriptions', message: `at most ${MAX_SUBSCRIPTIONS} subscriptions` }],
    };
  const names = new Set(hooks.filter((h) => h.kind === 'webhook').map((h) => h.name));
  const errors: ProblemDetailEntry[] = [];
  const list: Subscription[] = [];
  raw.forEach((entry: unknown, i) => {
    const at = `/subscriptions/${i}`;
    const e = (entry ?? {}) as Record<string, unknown>;
    if (typeof e.webhook !== 'string' || !names.has(e.webhook))
      errors.push({
        pointer: `${at}/webhook`,
        message: `must name a webhook of the description (${[...names].join(', ') || 'it declares none'})`,
      });
    if (typeof e.url !== 'string' || !/^https?:\/\//i.test(e.url))
      errors.push({ pointer: `${at}/url`, message: 'must be an http:// or https:// URL' });
    let on: string | undefined;
    if (e.on !== undefined) {
      on = typeof e.on === 'string' ? normalizeOn(e.on) : undefined;
      if (on === undefined || !operations.has(on))
        errors.push({
          pointer: `${at}/on`,
          message: 'must be an operation of the description as "METHOD /path"',
        });
    }
    if (typeof e.webhook === 'string' && typeof e.url === 'string')
      list.push({ webhook: e.webhook, url: e.url, ...(on !== undefined ? { on } : {}) });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, list };
}

/** "post /pets" → "POST /pets". */
function normalizeOn(on: string): string | undefined {
  const m = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(on);
  return m ? `${m[1].toUpperCase()} ${m[2]}` : undefined;
}
