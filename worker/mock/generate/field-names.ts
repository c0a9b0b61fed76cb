import type { Ctx, Hint } from './context';
import { generateFormat, hostFor, isoSeconds, recentMs, urlFor, words } from './formats';
import type { Flat } from './flat';
import { resourceUrl, sidFor } from '../realism/resource-names';

/**
 * Field-name heuristics: `email` gets an email, `createdAt` a recent timestamp. Names are compared
 * after folding case and dropping `_`, `-`, `.` and spaces, so camel, snake and kebab case agree.
 * Callers check every value against the schema and fall back when it does not fit.
 */

type Kind =
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'username'
  | 'password'
  | 'phone'
  | 'city'
  | 'country'
  | 'countryCode'
  | 'zip'
  | 'street'
  | 'state'
  | 'company'
  | 'url'
  | 'avatar'
  | 'title'
  | 'description'
  | 'price'
  | 'currency'
  | 'created'
  | 'updated'
  | 'datetime'
  | 'date'
  | 'id'
  | 'uuid'
  | 'slug'
  | 'status'
  | 'latitude'
  | 'longitude'
  | 'color'
  | 'ip'
  | 'userAgent'
  | 'locale'
  | 'language'
  | 'timezone'
  | 'count'
  | 'age'
  | 'tag'
  | 'jobTitle'
  | 'domain'
  | 'version'
  | 'sha'
  | 'token'
  | 'mimeType'
  | 'fileName'
  | 'productName'
  | 'category'
  | 'word'
  | 'year'
  | 'month'
  | 'day'
  | 'rating'
  | 'percent'
  | 'page'
  | 'port'
  | 'size'
  | 'gender'
  | 'iban'
  | 'code'
  | 'path'
  | 'label'
  | 'sid'
  | 'numeric';

const EXACT: Record<string, Kind> = {};
function add(kind: Kind, ...names: string[]): void {
  for (const n of names) EXACT[n] = kind;
}
add('email', 'email', 'emailaddress', 'mail', 'contactemail', 'useremail', 'billingemail');
add('firstName', 'firstname', 'givenname', 'forename', 'fname');
add('lastName', 'lastname', 'familyname', 'surname', 'lname');
add(
  'fullName',
  'name',
  'fullname',
  'displayname',
  'contactname',
  'customername',
  'authorname',
  'ownername',
  'realname',
  'personname',
);
add('username', 'username', 'login', 'userlogin', 'handle', 'nickname', 'screenname', 'nick');
add('password', 'password', 'passwd', 'pass', 'pwd', 'newpassword', 'oldpassword');
add('phone', 'phone', 'phonenumber', 'mobile', 'mobilephone', 'tel', 'telephone', 'cell', 'cellphone', 'fax');
add('city', 'city', 'town', 'locality');
add('country', 'country', 'countryname', 'nation');
add('countryCode', 'countrycode', 'countryiso', 'isocountry');
add('zip', 'zip', 'zipcode', 'postalcode', 'postcode', 'postal');
add(
  'street',
  'street',
  'streetaddress',
  'address',
  'address1',
  'addressline1',
  'addressline',
  'line1',
  'streetname',
);
add('state', 'state', 'province', 'region', 'county');
add(
  'company',
  'company',
  'companyname',
  'organization',
  'organisation',
  'org',
  'orgname',
  'employer',
  'business',
  'businessname',
);
add('url', 'url', 'uri', 'website', 'homepage', 'link', 'href', 'web', 'site', 'blog');
add(
  'avatar',
  'avatar',
  'avatarurl',
  'imageurl',
  'image',
  'photo',
  'photourl',
  'picture',
  'pictureurl',
  'thumbnail',
  'thumbnailurl',
  'logo',
  'logourl',
  'icon',
  'iconurl',
  'profileimage',
  'profilepicture',
  'img',
);
add('title', 'title', 'headline', 'subject', 'heading', 'caption');
add(
  'description',
  'description',
  'bio',
  'summary',
  'about',
  'body',
  'content',
  'text',
  'comment',
  'message',
  'note',
  'notes',
  'details',
  'excerpt',
  'biography',
);
add(
  'price',
  'price',
  'amount',
  'total',
  'cost',
  'subtotal',
  'balance',
  'fee',
  'salary',
  'tax',
  'unitprice',
  'totalprice',
  'totalamount',
  'grandtotal',
);
add('currency', 'currency', 'currencycode', 'curr');
add(
  'created',
  'createdat',
  'created',
  'createdon',
  'creationdate',
  'createdate',
  'createddate',
  'insertedat',
  'registeredat',
  'joinedat',
  'datecreated',
  'createtime',
  'createdtime',
);
add(
  'updated',
  'updatedat',
  'updated',
  'updatedon',
  'modifiedat',
  'modified',
  'lastmodified',
  'lastupdated',
  'dateupdated',
  'datemodified',
  'updatetime',
  'updatedtime',
  'modifiedon',
);
add('id', 'id', 'identifier');
add('uuid', 'uuid', 'guid');
add('slug', 'slug', 'permalink');
add('status', 'status');
add('latitude', 'latitude', 'lat');
add('longitude', 'longitude', 'lng', 'lon', 'long');
add('color', 'color', 'colour', 'hexcolor', 'colorhex', 'hex');
add('ip', 'ip', 'ipaddress', 'ipaddr', 'remoteaddr', 'remoteip', 'clientip');
add('userAgent', 'useragent', 'ua');
add('locale', 'locale');
add('language', 'language', 'lang', 'languagecode');
add('timezone', 'timezone', 'tz', 'tzname');
add('count', 'count', 'quantity', 'qty', 'totalcount', 'itemcount', 'number', 'num', 'stock', 'inventory');
add('age', 'age');
add('tag', 'tags', 'tag', 'labels', 'keywords', 'keyword', 'topics', 'topic');
add('jobTitle', 'jobtitle', 'position', 'occupation', 'job', 'profession');
add('domain', 'domain', 'hostname', 'host', 'domainname');
add('version', 'version', 'semver', 'appversion');
add('sha', 'sha', 'hash', 'checksum', 'etag', 'commitsha', 'digest', 'md5', 'sha1', 'sha256');
add('token', 'token', 'apikey', 'accesstoken', 'refreshtoken', 'secret', 'clientsecret');
add('mimeType', 'mimetype', 'contenttype', 'mediatype');
add('fileName', 'filename', 'file', 'attachmentname');
add('productName', 'productname', 'product', 'itemname');
add('category', 'category', 'department', 'genre');
add('word', 'type', 'kind');
add('year', 'year');
add('month', 'month');
add('day', 'day');
add('rating', 'rating', 'stars');
add('percent', 'percent', 'percentage', 'progress', 'discount');
add('page', 'page', 'pagenumber', 'perpage', 'pagesize', 'limit', 'offset');
add('port', 'port');
add('size', 'size', 'width', 'height', 'length', 'weight', 'filesize', 'bytes');
add('gender', 'gender', 'sex');
add('iban', 'iban');
add('code', 'code', 'sku', 'reference', 'ref', 'coupon', 'promocode');
add('path', 'path', 'filepath', 'dir', 'directory');
add('label', 'label');

const kindCache = new Map<string, Kind | null>();

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[_\-.\s]/g, '');
}

function classify(name: string): Kind | null {
  let k = kindCache.get(name);
  if (k !== undefined) return k;
  const n = normalizeName(name);
  k = EXACT[n] ?? null;
  if (k === null) {
    if (n.endsWith('email')) k = 'email';
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
    else if (n.endsWith('date') || n.endsWith('birthday') || n === 'dob') k = 'date';
    else if (n.endsWith('uuid') || n.endsWith('guid')) k = 'uuid';
    else if (n.endsWith('sid') && n.length > 3) k = 'sid';
    else if (n.endsWith('id') && n.length > 2) k = 'id';
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

function siblingTime(hint: Hint, want: Kind): number | undefined {
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

function timeFor(kind: Kind, ctx: Ctx, hint: Hint): number {
  if (kind === 'updated') return recentMs(ctx, siblingTime(hint, 'created'));
  if (kind === 'created') {
    const updated = siblingTime(hint, 'updated');
    if (updated !== undefined) return updated - Math.floor(ctx.rng.next() * 30 * 86_400_000);
  }
  return recentMs(ctx);
}

export function stringFor(name: string, flat: Flat, ctx: Ctx, hint: Hint): string | undefined {
  const kind = classify(name);
  if (kind === null) return undefined;
  const f = ctx.faker;
  const fmt = flat.formats[0];
  switch (kind) {
    case 'email':
      return f.internet.email().toLowerCase();
    case 'firstName':
      return f.person.firstName();
    case 'lastName':
      return f.person.lastName();
    case 'fullName':
      return f.person.fullName();
    case 'username':
      return f.internet.username().toLowerCase();
    case 'password':
      return f.internet.password({ length: 12 });
    case 'phone':
      return f.phone.number({ style: 'international' });
    case 'city':
      return f.location.city();
    case 'country':
      return f.location.country();
    case 'countryCode':
      return f.location.countryCode();
    case 'zip':
      return f.location.zipCode('#####');
    case 'street':
      return f.location.streetAddress();
    case 'state':
      return f.location.state();
    case 'company':
      return f.company.name();
    case 'url':
      return resourceUrl(name, ctx) ?? urlFor(ctx);
    case 'avatar':
      return `https://i.pravatar.cc/${ctx.rng.pick([64, 128, 256])}?img=${ctx.rng.int(1, 70)}`;
    case 'title':
      return capitalize(words(ctx, ctx.rng.int(2, 5)));
    case 'description':
      return capitalize(words(ctx, ctx.rng.int(5, 12))) + '.';
    case 'price':
      return (Math.round((1 + ctx.rng.next() * 499) * 100) / 100).toFixed(2);
    case 'currency':
      return f.finance.currencyCode();
    case 'created':
    case 'updated':
    case 'datetime': {
      const iso = isoSeconds(timeFor(kind, ctx, hint));
      return fmt === 'date' ? iso.slice(0, 10) : iso;
    }
    case 'date':
      return fmt === 'date-time' ? isoSeconds(recentMs(ctx)) : isoSeconds(recentMs(ctx)).slice(0, 10);
    case 'id':
      if (fmt && fmt !== 'uuid') return undefined;
      return generateFormat('uuid', ctx, 36);
    case 'uuid':
      return generateFormat('uuid', ctx, 36);
    case 'slug':
      return words(ctx, ctx.rng.int(2, 4), '-');
    case 'status':
      return ctx.rng.pick(['active', 'pending', 'inactive', 'completed']);
    case 'latitude':
      return f.location.latitude().toString();
    case 'longitude':
      return f.location.longitude().toString();
    case 'color':
      return f.color.rgb();
    case 'ip':
      return generateFormat('ipv4', ctx, 15);
    case 'userAgent':
      return f.internet.userAgent();
    case 'locale':
      return ctx.rng.pick(['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES', 'ja-JP']);
    case 'language':
      return ctx.rng.pick(['en', 'fr', 'de', 'es', 'ja', 'pt']);
    case 'timezone':
      return f.location.timeZone();
    case 'tag':
      return words(ctx, 1);
    case 'jobTitle':
      return f.person.jobTitle();
    case 'domain':
      return hostFor(ctx);
    case 'version':
      return `${ctx.rng.int(0, 4)}.${ctx.rng.int(0, 20)}.${ctx.rng.int(0, 30)}`;
    case 'sha':
      return f.string.hexadecimal({ length: 40, casing: 'lower', prefix: '' });
    case 'token':
      return f.string.alphanumeric(32);
    case 'mimeType':
      return ctx.rng.pick(['application/json', 'image/png', 'text/plain', 'application/pdf']);
    case 'fileName':
      return f.system.fileName();
    case 'productName':
      return f.commerce.productName();
    case 'category':
      return f.commerce.department();
    case 'word':
      return words(ctx, 1);
    case 'gender':
      return ctx.rng.pick(['female', 'male', 'non-binary']);
    case 'iban':
      return f.finance.iban();
    case 'code':
      return f.string.alphanumeric({ length: 8, casing: 'upper' });
    case 'path':
      return '/' + f.system.directoryPath().replace(/^\/+/, '') + '/' + f.system.fileName();
    case 'label':
      return capitalize(words(ctx, ctx.rng.int(1, 3)));
    case 'sid':
      return sidFor(name, ctx);
    case 'count':
    case 'numeric':
      return String(ctx.rng.int(0, 20));
    case 'month':
      return String(ctx.rng.int(1, 12)).padStart(2, '0');
    case 'year':
      return String(new Date(ctx.refDate).getUTCFullYear() - ctx.rng.int(0, 10));
    case 'percent':
      return String(ctx.rng.int(0, 100));
    default:
      return undefined;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function numberFor(name: string, integer: boolean, ctx: Ctx, hint: Hint): number | undefined {
  const kind = classify(name);
  if (kind === null) return undefined;
  const r = ctx.rng;
  switch (kind) {
    case 'id':
      return r.int(1, 10_000);
    case 'price':
      return integer ? r.int(1, 500) : Math.round((1 + r.next() * 499) * 100) / 100;
    case 'latitude':
      return integer ? r.int(-90, 90) : Math.round((r.next() * 180 - 90) * 1e6) / 1e6;
    case 'longitude':
      return integer ? r.int(-180, 180) : Math.round((r.next() * 360 - 180) * 1e6) / 1e6;
    case 'count':
    case 'numeric':
      return r.int(0, 100);
    case 'status':
    case 'code':
      // An integer status/code is almost always an HTTP status in API payloads.
      return r.pick([200, 201, 400, 401, 403, 404, 409, 422, 500]);
    case 'age':
      return r.int(18, 85);
    case 'year':
      return new Date(ctx.refDate).getUTCFullYear() - r.int(0, 10);
    case 'month':
      return r.int(1, 12);
    case 'day':
      return r.int(1, 28);
    case 'rating':
      return integer ? r.int(1, 5) : Math.round((1 + r.next() * 4) * 10) / 10;
    case 'percent':
      return integer ? r.int(0, 100) : Math.round(r.next() * 10000) / 100;
    case 'page':
      return r.int(1, 50);
    case 'port':
      return r.int(1024, 65535);
    case 'size':
      return r.int(1, 2048);
    case 'created':
    case 'updated':
    case 'datetime':
    case 'date':
      // Epoch timestamps: milliseconds when the name says so, seconds otherwise.
      return /ms|millis/i.test(name) ? timeFor(kind, ctx, hint) : Math.floor(timeFor(kind, ctx, hint) / 1000);
    default:
      return undefined;
  }
}

const TRUE_ISH =
  /^(is|has|can|should)?(active|enabled|visible|verified|available|public|published|valid|success|ok)$/;
const FALSE_ISH =
  /^(is|has)?(deleted|archived|disabled|locked|banned|blocked|private|draft|hidden|deprecated|spam|suspended)$/;

export function booleanFor(name: string | undefined, ctx: Ctx): boolean {
  if (name !== undefined && ctx.variation === 0) {
    const n = normalizeName(name);
    if (TRUE_ISH.test(n)) return ctx.rng.chance(0.9);
    if (FALSE_ISH.test(n)) return ctx.rng.chance(0.1);
  }
  return ctx.rng.chance(0.5);
}

const MAP_KEYS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

export function mapKey(ctx: Ctx, i: number): string {
  return i < MAP_KEYS.length && ctx.rng.chance(0.5) ? MAP_KEYS[i] : words(ctx, 1) + (i || '');
}
