import type { Ctx } from '../generate/context';
import { recentMs } from '../generate/formats';

/**
 * Points in time in the notations real APIs use: ISO 8601 (with or without milliseconds, `Z` or an
 * offset, `T` or a space), plain dates, RFC 2822 / RFC 1123 (email and HTTP dates), and epoch
 * seconds or milliseconds written as digits.
 */

export type InstantStyle =
  | { k: 'iso'; millis: boolean; zone: 'Z' | '+00:00' | ''; sep: 'T' | ' ' }
  | { k: 'date' }
  | { k: 'rfc2822'; zone: 'GMT' | '+0000' | 'UTC' }
  | { k: 'epoch'; ms: boolean };

const ISO = /^\d{4}-\d\d-\d\d([T ])\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;
const RFC2822 = /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d(?::\d\d)? (GMT|UTC|[+-]\d{4})$/;

export function instantStyleOf(s: string): InstantStyle | undefined {
  const iso = ISO.exec(s);
  if (iso) {
    const zone = iso[3] === undefined ? '' : iso[3] === 'Z' ? 'Z' : '+00:00';
    return { k: 'iso', millis: iso[2] !== undefined, zone, sep: iso[1] === ' ' ? ' ' : 'T' };
  }
  if (/^\d{4}-\d\d-\d\d$/.test(s)) return { k: 'date' };
  const rfc = RFC2822.exec(s);
  if (rfc) return { k: 'rfc2822', zone: rfc[1] === 'GMT' ? 'GMT' : rfc[1] === 'UTC' ? 'UTC' : '+0000' };
  if (/^1\d{9}$/.test(s)) return { k: 'epoch', ms: false };
  if (/^1\d{12}$/.test(s)) return { k: 'epoch', ms: true };
  return undefined;
}

export function recentInstant(ctx: Ctx, after?: number): number {
  return recentMs(ctx, after);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => (n < 10 ? '0' + n : String(n));

/** RFC 2822 date-time: `Tue, 01 Dec 2026 10:00:00 +0000` (RFC 1123 uses `GMT`). */
export function rfc2822(ms: number, zone: 'GMT' | '+0000' | 'UTC' = '+0000'): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} ${zone}`;
}

export function formatInstant(ms: number, style: InstantStyle): string {
  switch (style.k) {
    case 'iso': {
      let s = new Date(ms).toISOString();
      if (!style.millis) s = s.replace(/\.\d{3}Z$/, 'Z');
      if (style.zone !== 'Z') s = s.slice(0, -1) + style.zone;
      return style.sep === ' ' ? s.replace('T', ' ') : s;
    }
    case 'date':
      return new Date(ms).toISOString().slice(0, 10);
    case 'rfc2822':
      return rfc2822(ms, style.zone);
    case 'epoch':
      return String(style.ms ? ms : Math.floor(ms / 1000));
  }
}

/** A pattern that spells a date or a time of day: `\d{4}-`, `[0-9]{2}:`, `\d\d:`. */
const TEMPORAL_PATTERN = /(?:\\d|\[0-9\])(?:\{[24]\}|\\d|\[0-9\])\)?[-:/]/;

/**
 * A recent instant in each notation a date or time pattern without a `format` may ask for (ISO with
 * or without milliseconds, zone and `T`; a date; a time of day), where a pattern spells one: its
 * random digits alone make month 25 and hour 49 (sendgrid's `^(\d{4}-\d{2}-\d{2}) ((\d{2}):…))$`).
 */
export function patternedInstants(patterns: readonly { source: string }[], ctx: Ctx): string[] {
  if (!patterns.some((p) => TEMPORAL_PATTERN.test(p.source))) return [];
  const iso = new Date(recentInstant(ctx)).toISOString();
  const seconds = iso.slice(0, 19);
  const out = [iso, `${seconds}Z`, `${seconds}+00:00`, seconds, iso.slice(0, 23)];
  out.push(...out.map((s) => s.replace('T', ' ')));
  const date = iso.slice(0, 10);
  out.push(date, date.replace(/-/g, '/'), iso.slice(11, 19), iso.slice(11, 16), iso.slice(11, 23));
  return out;
}

/** Epoch milliseconds of a value in any of these notations (numbers: seconds or milliseconds). */
export function instantOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v >= 1e9 && v < 1e10) return v * 1000;
    if (v >= 1e12 && v < 1e13) return v;
    return undefined;
  }
  if (typeof v !== 'string') return undefined;
  const style = instantStyleOf(v);
  if (!style) return undefined;
  if (style.k === 'epoch') return Number(v) * (style.ms ? 1 : 1000);
  const t = Date.parse(style.k === 'iso' && style.zone === '' ? v.replace(' ', 'T') + 'Z' : v);
  return Number.isNaN(t) ? undefined : t;
}
