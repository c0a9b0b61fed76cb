import { mirrorReason } from './reason-phrase';
import type { JsonValue, Schema } from '../plan';
import { matches, type CheckOptions } from '../generate/check';
import type { Ctx } from '../generate/context';
import { formatInstant, instantOf, instantStyleOf } from './instants';

/**
 * Consistency inside one object, once its properties exist: lifecycle times in order
 * (created ≤ updated ≤ closed), parts no larger than their totals (messagesUnread ≤ messagesTotal,
 * remaining ≤ limit), and an HTTP-like `status`/`code` that mirrors the response's status. Each
 * change is checked against the property's own schema and skipped when it would not fit.
 */

type SchemaOf = (name: string) => Schema | undefined;

/** Every value checked here was made for another member (or is a reformatted time): `outside`. */
const checkOpts = (ctx: Ctx): CheckOptions => ({
  defs: ctx.defs,
  direction: ctx.direction,
  strictAccess: false,
  outside: true,
});

const fold = (s: string) => s.toLowerCase().replace(/[_\-.\s]/g, '');

/** Lifecycle rank of a time field: 0 birth, 1 later change, 2 end; undefined when not one. */
function rankOf(name: string): number | undefined {
  const n = fold(name);
  if (/(create|creation|inserted|registered|joined|submitted|start|began|begin|issued|opened)/.test(n))
    return 0;
  if (/(update|modified|edited|pushed|lastseen|lastactivity|changed|sent|delivered)/.test(n)) return 1;
  if (
    /(closed|merged|deleted|completed|finished|ended|endat|enddate|endtime|resolved|archived|cancell?ed|expire|until|due)/.test(
      n,
    )
  )
    return 2;
  return undefined;
}

function reformat(model: JsonValue, ms: number): JsonValue | undefined {
  if (typeof model === 'number') return model >= 1e12 ? ms : Math.floor(ms / 1000);
  if (typeof model !== 'string') return undefined;
  const style = instantStyleOf(model);
  return style ? formatInstant(ms, style) : undefined;
}

function orderTimes(out: Record<string, JsonValue>, roles: Roles, schemaOf: SchemaOf, ctx: Ctx): void {
  const fields: { name: string; rank: number; t: number }[] = [];
  for (const [name, rank] of roles.times) {
    if (!(name in out)) continue;
    const t = instantOf(out[name]);
    if (t !== undefined) fields.push({ name, rank, t });
  }
  if (fields.length < 2 || new Set(fields.map((f) => f.rank)).size < 2) return;
  const byRank = [...fields].sort((a, b) => a.rank - b.rank);
  if (ordered(byRank)) return;
  const times = fields.map((f) => f.t).sort((a, b) => a - b);
  const next: Record<string, JsonValue> = {};
  for (let i = 0; i < byRank.length; i++) {
    const v = reformat(out[byRank[i].name], times[i]);
    const s = schemaOf(byRank[i].name);
    if (v === undefined || s === undefined || !matches(s, v, checkOpts(ctx))) return;
    next[byRank[i].name] = v;
  }
  Object.assign(out, next);
}

/** Every field is at or after every field of a lower rank. */
function ordered(byRank: { rank: number; t: number }[]): boolean {
  let maxBefore = -Infinity;
  let maxThis = -Infinity;
  let rank = -1;
  for (const f of byRank) {
    if (f.rank !== rank) {
      maxBefore = Math.max(maxBefore, maxThis);
      maxThis = -Infinity;
      rank = f.rank;
    }
    if (f.t < maxBefore) return false;
    maxThis = Math.max(maxThis, f.t);
  }
  return true;
}

const TOTALS = ['total', 'limit', 'max', 'capacity', 'quota', 'amount'];
const TOTAL = new RegExp(`(${TOTALS.join('|')})`);

/** The name without its "total" word (`messagestotal` → `messages`; `total` wins over `quota`). */
function stemOf(folded: string): string | undefined {
  for (const t of TOTALS) {
    const at = folded.indexOf(t);
    if (at >= 0) return folded.slice(0, at) + folded.slice(at + t.length);
  }
  return undefined;
}
const PART =
  /(unread|read|used|remaining|available|free|open|closed|active|completed|failed|count|current|consumed|sent|pending|refunded|captured|capturable|received|reversed|disputed)/;

/** Pairs (part, total) among declared siblings. */
function partTotals(names: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const total of names) {
    const stem = stemOf(fold(total));
    if (stem === undefined) continue;
    for (const part of names) {
      if (part === total) continue;
      const p = fold(part);
      // `amount_refunded` is a part of `amount` (a charge's refunds never exceed it).
      const rest =
        fold(total) === 'amount'
          ? p.startsWith('amount')
            ? p.slice(6)
            : undefined
          : stem
            ? p.startsWith(stem)
              ? p.slice(stem.length)
              : p.endsWith(stem)
                ? p.slice(0, -stem.length)
                : undefined
            : p;
      // A part is not itself a total (`quotaRemaining` pairs with `quotaTotal`, `maxCount` with nothing).
      if (rest !== undefined && PART.test(rest) && !TOTAL.test(rest)) pairs.push([part, total]);
    }
  }
  return pairs;
}

function capParts(out: Record<string, JsonValue>, roles: Roles, schemaOf: SchemaOf, ctx: Ctx): void {
  for (const [part, total] of roles.pairs) {
    const p = out[part];
    const t = out[total];
    if (typeof p !== 'number' || typeof t !== 'number' || p <= t) continue;
    const ps = schemaOf(part);
    const ts = schemaOf(total);
    const lowered = [Math.floor(t * ctx.rng.next()), t, Math.floor(t)].find(
      (v) => v <= t && ps !== undefined && matches(ps, v, checkOpts(ctx)),
    );
    if (lowered !== undefined) out[part] = lowered;
    else if (ts !== undefined && matches(ts, p, checkOpts(ctx))) out[total] = p;
  }
}

const STATUS_NAMES = new Set([
  'status',
  'code',
  'statuscode',
  'httpstatus',
  'httpcode',
  'httpstatuscode',
  'statusnumber',
]);

const STATE_NAMES = new Set(['state', 'status']);
/** Times only an ended item has (not a due date or an expiry, which a live one has too). */
const ENDED = /(closed|merged|completed|finished|resolved|cancell?ed|archived)/;
const LIVE = new Set(['open', 'active', 'draft', 'pending', 'inprogress', 'running', 'queued']);

/** An open issue was never closed and an open pull request never merged: its end times are null. */
function liveHasNoEnd(out: Record<string, JsonValue>, roles: Roles, schemaOf: SchemaOf, ctx: Ctx): void {
  const state = roles.state !== undefined ? out[roles.state] : undefined;
  if (typeof state !== 'string' || !LIVE.has(fold(state))) return;
  for (const name of roles.ends ?? []) {
    if (out[name] === null || out[name] === undefined) continue;
    const s = schemaOf(name);
    if (s !== undefined && matches(s, null, checkOpts(ctx))) out[name] = null;
  }
}

function mirrorStatus(out: Record<string, JsonValue>, roles: Roles, schemaOf: SchemaOf, ctx: Ctx): void {
  const status = ctx.realism.status;
  if (status === undefined) return;
  for (const name of roles.status) {
    if (!(name in out)) continue;
    const v = out[name];
    const numeric = typeof v === 'number';
    const httpLike = numeric ? v >= 100 && v <= 599 : typeof v === 'string' && /^[1-5]\d\d$/.test(v);
    // `status` on an error body is the HTTP status; `code` only when it already looks like one.
    const speaks = httpLike || (status >= 400 && fold(name) !== 'code' && (numeric || typeof v === 'string'));
    if (!speaks || v === status || v === String(status)) continue;
    const want = numeric ? status : String(status);
    const s = schemaOf(name);
    if (s !== undefined && matches(s, want, checkOpts(ctx))) out[name] = want;
  }
}

/** Which declared properties take part in each rule: derived once per schema, not per body. */
interface Roles {
  times: [string, number][];
  pairs: [string, string][];
  status: string[];
  /** A lifecycle state member (`state`) and the times that only an ended item has (`closed_at`). */
  state?: string;
  ends?: string[];
  none: boolean;
}

const rolesCache = new WeakMap<object, Roles>();

function rolesOf(key: object, names: Iterable<string>): Roles {
  let r = rolesCache.get(key);
  if (r) return r;
  const list = [...names];
  const times: [string, number][] = [];
  for (const n of list) {
    const rank = rankOf(n);
    if (rank !== undefined) times.push([n, rank]);
  }
  const pairs = partTotals(list);
  const status = list.filter((n) => STATUS_NAMES.has(fold(n)));
  const distinct = new Set(times.map((t) => t[1])).size;
  const state = list.find((n) => STATE_NAMES.has(fold(n)));
  const ends = times.filter(([n]) => ENDED.test(fold(n))).map(([n]) => n);
  r = {
    times,
    pairs,
    status,
    ...(state !== undefined && ends.length ? { state, ends } : {}),
    none: distinct < 2 && !pairs.length && !status.length && !(state !== undefined && ends.length),
  };
  rolesCache.set(key, r);
  return r;
}

/** `key` identifies the object's schema (its declared `names`) for the per-schema cache. */
export function harmonize(
  out: Record<string, JsonValue>,
  key: object,
  names: Iterable<string>,
  schemaOf: SchemaOf,
  ctx: Ctx,
  depth: number,
): void {
  // The body and an `error` object right inside it speak for the response.
  if (depth <= 1 && (ctx.realism.status ?? 200) >= 400) mirrorReason(out, schemaOf, ctx);
  const roles = rolesOf(key, names);
  if (roles.none) return;
  orderTimes(out, roles, schemaOf, ctx);
  capParts(out, roles, schemaOf, ctx);
  liveHasNoEnd(out, roles, schemaOf, ctx);
  if (depth <= 1) mirrorStatus(out, roles, schemaOf, ctx);
}
