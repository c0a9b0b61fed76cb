import type { Ctx, Hint } from '../generate/context';
import { recentMs } from '../generate/formats';
import { EXACT, type FieldKind } from './field-kind-table';

/**
 * Field-name heuristics: `email` gets an email, `createdAt` a recent timestamp. Names are compared
 * after folding case and dropping `_`, `-`, `.` and spaces, so camel, snake and kebab case agree.
 * Callers check every value against the schema and fall back when it does not fit.
 */

const kindCache = new Map<string, FieldKind | null>();

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[_\-.\s]/g, '');
}

export function classify(name: string): FieldKind | null {
  let k = kindCache.get(name);
  if (k !== undefined) return k;
  const n = normalizeName(name);
  k = EXACT[n] ?? null;
  if (k === null) {
    // An Amazon Resource Name: `TopicArn`, `role_arn`, `ARN` (never `yarn`, `warn`).
    if (/(^arn|Arn|ARN|[_-]arn)$/.test(name)) k = 'arn';
    else if (n.endsWith('email')) k = 'email';
    else if (/(avatar|image|photo|picture|thumbnail|logo|icon)(url)?$/.test(n)) k = 'avatar';
    else if (/(url|uri|link|href|website)$/.test(n)) k = 'url';
    else if (/(created|creation)/.test(n) && /(at|on|date|time)$/.test(n)) k = 'created';
    else if (/(updated|modified)/.test(n) && /(at|on|date|time)$/.test(n)) k = 'updated';
    else if (
      /(ed|start|end|expires|due|last|next)(at|on|time|timestamp)$/.test(n) ||
      n.endsWith('timestamp') ||
      n.endsWith('datetime')
    )
      k = 'datetime';
    else if (n.endsWith('birthday') || n.endsWith('birthdate') || n.endsWith('dateofbirth')) k = 'birthday';
    else if (n.endsWith('date')) k = 'date';
    else if (n.endsWith('uuid') || n.endsWith('guid')) k = 'uuid';
    else if (n.endsWith('sid') && n.length > 3) k = 'sid';
    else if (n.endsWith('id') && n.length > 2) k = 'id';
    else if (n.endsWith('ids') && n.length > 3) k = 'id';
    else if (/(domain|domains|domainaliases|hostname)$/.test(n)) k = 'domain';
    else if (n.endsWith('slug')) k = 'slug';
    else if (n.endsWith('branch') || n.endsWith('branches')) k = 'branch';
    else if (n.endsWith('hook') || n.endsWith('webhook')) k = 'url';
    else if (n.endsWith('firstname')) k = 'firstName';
    else if (n.endsWith('lastname')) k = 'lastName';
    else if (n.endsWith('username') || n.endsWith('login')) k = 'username';
    else if (n.endsWith('phone') || n.endsWith('phonenumber')) k = 'phone';
    else if (n.endsWith('city')) k = 'city';
    else if (n.endsWith('countrycode')) k = 'countryCode';
    else if (n.endsWith('country')) k = 'country';
    else if (n.endsWith('zip') || n.endsWith('zipcode') || n.endsWith('postalcode')) k = 'zip';
    else if (n.endsWith('street') || n.endsWith('address')) k = 'street';
    else if (n.endsWith('price') || n.endsWith('amount') || n.endsWith('total') || n.endsWith('cost'))
      k = 'price';
    else if (n.endsWith('count') || n.endsWith('quantity')) k = 'count';
    else if (n.endsWith('description') || n.endsWith('summary') || n.endsWith('message')) k = 'description';
    else if (n.endsWith('title')) k = 'title';
    else if (n.endsWith('name'))
      k = n.startsWith('user') || n.startsWith('author') || n.startsWith('owner') ? 'fullName' : 'label';
    else if (n.endsWith('tags')) k = 'tag';
    else if (n.endsWith('version')) k = 'version';
    else if (n.endsWith('locale') || n.endsWith('locales')) k = 'locale';
    else if (n.endsWith('languages')) k = 'language';
    else if (n.includes('percent')) k = 'percent';
    else if (n.endsWith('month')) k = 'month';
    else if (n.endsWith('year')) k = 'year';
    else if (/^num[a-z]/.test(n) || n.startsWith('numberof')) k = 'numeric';
    else if (n.endsWith('color') || n.endsWith('colour')) k = 'color';
    else if (n.endsWith('status')) k = 'status';
  }
  if (kindCache.size > 5000) kindCache.clear();
  kindCache.set(name, k);
  return k;
}

function siblingTime(hint: Hint, want: FieldKind): number | undefined {
  const sib = hint.siblings;
  if (!sib) return undefined;
  for (const [k, v] of Object.entries(sib)) {
    if (classify(k) !== want) continue;
    if (typeof v === 'string') {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return t;
    }
  }
  return undefined;
}

export function timeFor(kind: FieldKind, ctx: Ctx, hint: Hint): number {
  if (kind === 'updated') return recentMs(ctx, siblingTime(hint, 'created'));
  if (kind === 'created') {
    const updated = siblingTime(hint, 'updated');
    if (updated !== undefined) return updated - Math.floor(ctx.rng.next() * 30 * 86_400_000);
  }
  return recentMs(ctx);
}
