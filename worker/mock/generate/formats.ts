import type { Ctx } from './context';
import { IPV6, URI_FULL, URI_REFERENCE, URI_TEMPLATE, URL_FULL } from './format-regexes';

/**
 * Format checks mirror ajv-formats' "full" mode (the independent validator our tests use), so a
 * value we accept is a value real-world validators accept. Unknown formats are annotations.
 */

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const HOSTNAME =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const DURATION = /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/;
const BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const JSON_POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
const REL_JSON_POINTER = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : DAYS[mo]);
}

function isTime(s: string): boolean {
  const m = TIME.exec(s);
  if (!m || !m[4]) return false;
  const tzH = +(m[6] || 0);
  const tzM = +(m[7] || 0);
  // Leap seconds are legal but we never emit them; rejecting keeps us on the safe side of Ajv.
  return +m[1] <= 23 && +m[2] <= 59 && +m[3] < 60 && tzH <= 23 && tzM <= 59;
}

function isDateTime(s: string): boolean {
  const parts = s.split(/t|\s/i);
  return parts.length === 2 && isDate(parts[0]) && isTime(parts[1]);
}

function isUri(s: string): boolean {
  return /\/|:/.test(s) && URI_FULL.test(s);
}

/** Formats we can vouch for. Checking an unknown format is always true (annotation only). */
const STRING_CHECKS: Record<string, (s: string) => boolean> = {
  date: isDate,
  time: isTime,
  'date-time': isDateTime,
  duration: (s) => DURATION.test(s),
  email: (s) => EMAIL.test(s),
  'idn-email': (s) => EMAIL.test(s),
  hostname: (s) => HOSTNAME.test(s),
  'idn-hostname': (s) => HOSTNAME.test(s),
  ipv4: (s) => IPV4.test(s),
  ipv6: (s) => IPV6.test(s),
  uuid: (s) => UUID.test(s),
  uri: isUri,
  iri: isUri,
  url: (s) => URL_FULL.test(s),
  'uri-reference': (s) => URI_REFERENCE.test(s),
  'iri-reference': (s) => URI_REFERENCE.test(s),
  'uri-template': (s) => URI_TEMPLATE.test(s),
  'json-pointer': (s) => JSON_POINTER.test(s),
  'relative-json-pointer': (s) => REL_JSON_POINTER.test(s),
  byte: (s) => BYTE.test(s),
  regex: (s) => {
    try {
      new RegExp(s, 'u');
      return !/[^\\]\\Z/.test(s);
    } catch {
      return false;
    }
  },
};

export function checkStringFormat(format: string | undefined, s: string): boolean {
  if (format === undefined) return true;
  const f = STRING_CHECKS[format];
  return f ? f(s) : true;
}

/**
 * ajv-formats applies int32/int64 to numbers: they must be integers in range. OpenAPI → JSON Schema
 * converters spell int64's range as bounds (rumble.run: an example-shaped 9.4e18 broke them); as a
 * double, 2^63 - 1 is 2^63.
 */
export function checkNumberFormat(format: string | undefined, n: number): boolean {
  if (format === 'int32') return Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1;
  if (format === 'int64') return Number.isInteger(n) && n >= -(2 ** 63) && n <= 2 ** 63;
  return true;
}

export function isKnownStringFormat(format: string): boolean {
  return format in STRING_CHECKS;
}

/**
 * English words (faker's adjective and noun lists) picked with the structural rng: ~100× cheaper
 * than faker.lorem.* per call, and titles, tags and slugs read like a real backend's, not Latin.
 */
const wordLists = new WeakMap<object, readonly string[]>();

function englishWords(ctx: Ctx): readonly string[] {
  const defs = ctx.faker.definitions;
  let list = wordLists.get(defs);
  if (!list) {
    const english = [...(defs.word?.adjective ?? []), ...(defs.word?.noun ?? [])].filter(
      (w) => /^[a-z]+$/.test(w) && w.length <= 10,
    );
    list = english.length > 0 ? english : (defs.lorem?.word ?? ['lorem', 'ipsum', 'dolor']);
    wordLists.set(defs, list);
  }
  return list;
}

export function words(ctx: Ctx, n: number, sep = ' '): string {
  const list = englishWords(ctx);
  let out = '';
  for (let i = 0; i < n; i++) out += (i ? sep : '') + list[ctx.rng.int(0, list.length - 1)];
  return out;
}

/** One host per body: real responses link within one API, and it saves a faker call per URL. */
export function hostFor(ctx: Ctx): string {
  return (ctx.host ??= ctx.faker.internet.domainName());
}

export function urlFor(ctx: Ctx): string {
  const path = ctx.rng.chance(0.5)
    ? `${words(ctx, 1)}/${ctx.rng.int(1, 9999)}`
    : words(ctx, ctx.rng.int(1, 2), '/');
  return `https://${hostFor(ctx)}/${path}`;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

function hex(ctx: Ctx, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[ctx.rng.int(0, 15)];
  return s;
}

/** A recent instant: within the year before refDate, so data looks current but stays fixed. */
export function recentMs(ctx: Ctx, after?: number): number {
  const from = after !== undefined && after < ctx.refDate ? after : ctx.refDate - 365 * 86_400_000;
  return Math.floor(from + ctx.rng.next() * (ctx.refDate - from));
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function base64(ctx: Ctx, bytes: number): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = '';
  for (let i = 0; i < bytes; i++) bits += ctx.rng.int(0, 255).toString(2).padStart(8, '0');
  while (bits.length % 6) bits += '0';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) out += A[parseInt(bits.slice(i, i + 6), 2)];
  while (out.length % 4) out += '=';
  return out;
}

/**
 * A realistic value for a string format, or undefined when we do not know the format (the caller
 * then generates a plain string, which any validator accepts for an unknown format).
 */
export function generateFormat(format: string, ctx: Ctx, maxLen: number): string | undefined {
  const f = ctx.faker;
  switch (format) {
    case 'date-time':
      return isoSeconds(recentMs(ctx));
    case 'date':
      return isoSeconds(recentMs(ctx)).slice(0, 10);
    case 'time': {
      const d = new Date(recentMs(ctx));
      return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
    }
    case 'duration':
      return ctx.rng.pick(['PT15M', 'PT1H', 'P1D', 'PT30S', 'P7D', 'P1M', 'PT2H30M', 'P1Y']);
    case 'email':
    case 'idn-email':
      return f.internet.email().toLowerCase();
    case 'hostname':
    case 'idn-hostname':
      return f.internet.domainName();
    case 'ipv4':
      return `${ctx.rng.int(1, 223)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(1, 254)}`;
    case 'ipv6': {
      const groups: string[] = [];
      for (let i = 0; i < 8; i++) groups.push(hex(ctx, 4));
      return groups.join(':');
    }
    case 'uuid':
      return `${hex(ctx, 8)}-${hex(ctx, 4)}-4${hex(ctx, 3)}-${'89ab'[ctx.rng.int(0, 3)]}${hex(ctx, 3)}-${hex(ctx, 12)}`;
    case 'uri':
    case 'url':
    case 'iri':
    case 'uri-reference':
    case 'iri-reference': {
      const full = urlFor(ctx);
      return full.length <= maxLen ? full : `https://${hostFor(ctx)}`;
    }
    case 'uri-template':
      return `https://${hostFor(ctx)}/items/{id}`;
    case 'json-pointer':
      return '/' + words(ctx, 1) + '/' + ctx.rng.int(0, 9);
    case 'relative-json-pointer':
      return `${ctx.rng.int(0, 3)}/${words(ctx, 1)}`;
    case 'byte':
      return base64(ctx, Math.max(1, Math.min(24, Math.floor((maxLen * 3) / 4) - 1)));
    case 'binary':
      return hex(ctx, Math.min(32, maxLen));
    case 'password':
      return f.internet.password({ length: Math.max(1, Math.min(16, maxLen)) });
    case 'regex':
      return '^[a-z]+$';
    default:
      return undefined;
  }
}

/**
 * Other spellings of one generated value that its format admits too (fractional seconds, a numeric
 * offset, upper-case hex), for a `pattern` or length bounds that ask for one of them: unicourt's
 * date-times are exactly 25 characters, `2025-10-15T13:53:25+00:00`.
 */
export function formatSpellings(format: string, value: string, ctx: Ctx): string[] {
  if (format === 'uuid') return [value.toUpperCase()];
  const m = /^(.*?)(\d\d:\d\d:\d\d)Z$/.exec(value);
  if (!m || (format !== 'date-time' && format !== 'time')) return [];
  const digits = String(ctx.rng.int(100000000, 999999999));
  const out: string[] = [];
  for (const zone of ['Z', '+00:00', '+0000', 'z'])
    for (let n = 0; n <= 9; n++) out.push(`${m[1]}${m[2]}${n ? `.${digits.slice(0, n)}` : ''}${zone}`);
  if (format === 'date-time')
    out.push(...out.map((v) => v.replace('T', ' ')), ...out.map((v) => v.replace('T', 't')));
  return out;
}
